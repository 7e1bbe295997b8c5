"""Shapes of what the API reads and writes (also the OpenAPI schema's)."""

from __future__ import annotations

from rest_framework import serializers

from ntm.accounts.access import can_view_unit
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import from_columns
from ntm.criteria.inputs import NOT_APPLICABLE
from ntm.units.models import AdminUnit


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SerializerMethodField(help_text="The parent's code, if you may see it.")

    class Meta:
        model = AdminUnit
        fields = [
            "code",
            "era",
            "name",
            "unit_type",
            "level",
            "parent",
            "region",
            "commune_group",
            "extremely_difficult",
            "safety_zone",
            "poverty_exit_district",
            "latitude",
            "longitude",
            "valid_from",
            "valid_to",
        ]

    def get_parent(self, unit: AdminUnit) -> str | None:
        parent = unit.parent
        if parent is None or not can_view_unit(self.context["request"].user, parent):
            return None
        return parent.code


class ValueSerializer(serializers.ModelSerializer):
    set = serializers.CharField(source="set_code")
    indicator = serializers.CharField(source="indicator_code")
    value = serializers.SerializerMethodField(
        help_text="The parsed value: number, boolean, text or null."
    )
    author = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "set",
            "indicator",
            "period",
            "raw",
            "value",
            "not_applicable",
            "note",
            "source",
            "author",
            "updated_at",
            "version",
        ]

    def get_value(self, v: IndicatorValue) -> float | bool | str | None:
        parsed = from_columns(v.value_number, v.value_bool, v.value_text, v.not_applicable)
        return None if parsed is NOT_APPLICABLE else parsed

    def get_author(self, v: IndicatorValue) -> str | None:
        return v.author.get_username() if v.author else None


class ValueWriteSerializer(serializers.Serializer):
    """A new raw value for one indicator, from the version the client read."""

    value = serializers.CharField(
        allow_blank=True, max_length=255, help_text='As typed: "95,5%", "Đạt", "12.000".'
    )
    note = serializers.CharField(allow_blank=True, required=False, default="")
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text="The version you read (0 for a new value). A different stored version gives 409.",
    )


class ValueCreateSerializer(ValueWriteSerializer):
    set = serializers.CharField()
    period = serializers.CharField(help_text="YYYY or YYYY-MM")
    indicator = serializers.CharField(help_text='e.g. "17.1"')


class ValueUpdateSerializer(ValueWriteSerializer):
    """A change: ``version`` is required (or sent as ``If-Match``)."""

    version = serializers.IntegerField(
        min_value=0,
        help_text="The version you read (0 creates the value). "
        "A different stored version gives 409. "
        'May be sent instead as the header If-Match: "<version>" (the ETag of the value).',
    )


class ValueRecordSerializer(ValueSerializer):
    """A stored value with the unit it belongs to (the ``/api/values/`` list)."""

    unit = serializers.CharField(source="unit.code")
    era = serializers.CharField(source="unit.era")
    unit_name = serializers.CharField(source="unit.name")

    class Meta(ValueSerializer.Meta):
        fields = ["unit", "era", "unit_name", *ValueSerializer.Meta.fields]


class HistoryEntrySerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    who = serializers.CharField(allow_blank=True)
    change = serializers.ChoiceField(
        choices=["+", "~", "-"], help_text="+ created, ~ changed, - deleted"
    )
    old_raw = serializers.CharField(allow_null=True)
    new_raw = serializers.CharField(allow_blank=True)
    old_note = serializers.CharField(allow_null=True)
    new_note = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()
    source = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    uploaded_by = serializers.SerializerMethodField()
    uploaded_at = serializers.DateTimeField()
    download = serializers.SerializerMethodField(
        help_text="The download address (same access rules)."
    )

    def get_uploaded_by(self, evidence) -> str | None:
        return evidence.uploaded_by.get_username() if evidence.uploaded_by else None

    def get_download(self, evidence) -> str:
        return f"/api/units/{evidence.value.unit.code}/evidence/{evidence.pk}/"


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, image or Office document, at most 10 MB.")


class BulkRowSerializer(serializers.Serializer):
    """One row of the CSV long form; blank fields are left for the importer to report by row."""

    unit = serializers.CharField(
        allow_blank=True, help_text="A unit code or a name path Tỉnh/Huyện/Xã, as in the CSV."
    )
    period = serializers.CharField(allow_blank=True, help_text="YYYY or YYYY-MM")
    set = serializers.CharField(allow_blank=True)
    indicator = serializers.CharField(allow_blank=True)
    value = serializers.JSONField(
        allow_null=True,
        help_text='As in the CSV: "95,5%", "Đạt", 12.5, true, or null/"" for missing.',
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BulkValuesSerializer(serializers.Serializer):
    rows = BulkRowSerializer(many=True, allow_empty=False, max_length=100_000)
    dry_run = serializers.BooleanField(default=False, help_text="Check every row, write nothing.")


class ImportFileSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="A CSV or XLSX file of any kind `ntm import` reads (values, recognitions, ...)."
    )
    dry_run = serializers.BooleanField(default=False)


class ImportOutcomeSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text='"values", or the kind of record file ("recognition", "ocop", ...).'
    )
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField(help_text="Rows read.")
    empty = serializers.IntegerField(help_text="Rows without a value (nothing to write).")
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
