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
            "code", "era", "name", "unit_type", "level", "parent", "region", "commune_group",
            "extremely_difficult", "safety_zone", "poverty_exit_district", "latitude", "longitude",
            "valid_from", "valid_to",
        ]

    def get_parent(self, unit: AdminUnit) -> str | None:
        parent = unit.parent
        if parent is None or not can_view_unit(self.context["request"].user, parent):
            return None
        return parent.code


class ValueSerializer(serializers.ModelSerializer):
    set = serializers.CharField(source="set_code")
    indicator = serializers.CharField(source="indicator_code")
    value = serializers.SerializerMethodField(help_text="The parsed value: number, boolean, text or null.")
    author = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "set", "indicator", "period", "raw", "value", "not_applicable", "note", "source",
            "author", "updated_at", "version",
        ]

    def get_value(self, v: IndicatorValue) -> float | bool | str | None:
        parsed = from_columns(v.value_number, v.value_bool, v.value_text, v.not_applicable)
        return None if parsed is NOT_APPLICABLE else parsed

    def get_author(self, v: IndicatorValue) -> str | None:
        return v.author.get_username() if v.author else None


class ValueWriteSerializer(serializers.Serializer):
    """A new raw value for one indicator, from the version the client read."""

    value = serializers.CharField(allow_blank=True, max_length=255, help_text='As typed: "95,5%", "Đạt", "12.000".')
    note = serializers.CharField(allow_blank=True, required=False, default="")
    version = serializers.IntegerField(
        min_value=0, required=False,
        help_text="The version you read (0 for a new value). A different stored version gives 409.",
    )


class ValueCreateSerializer(ValueWriteSerializer):
    set = serializers.CharField()
    period = serializers.CharField(help_text="YYYY or YYYY-MM")
    indicator = serializers.CharField(help_text='e.g. "17.1"')
