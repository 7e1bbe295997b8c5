"""Request and response shapes of the record write API (recognitions, OCOP, funds, outputs,
awards).

A request body is the record type's import row: the same column names as its file header
(design.md §10), each value text or a number, written the same ways (``1.250.000.000``,
``31/12/2023``). An answer is the read shape of ``views.resources`` / ``views.recognitions``
plus ``id`` and ``version`` (the ETag).
"""

from __future__ import annotations

from datetime import date

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ntm.api.views.resources import (
    AwardSerializer,
    FundsSerializer,
    OcopSerializer,
    OutputSerializer,
)
from ntm.imports.records import RecordKind
from ntm.recognition.models import Recognition


@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "number"}], "nullable": True, "maxLength": 2000}
)
class CellField(serializers.Field):
    """A cell of the import row: text or a number, read by the import kind's checker."""

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return value


def request_shape(
    kind: RecordKind, name: str, *, with_version: bool
) -> type[serializers.Serializer]:
    """The body of a write: the kind's columns (the required ones required), and for a change
    the version read (or If-Match)."""
    fields: dict[str, serializers.Field] = {
        c: CellField(required=not with_version) for c in kind.required
    }
    fields |= {c: CellField(required=False) for c in kind.optional}
    if with_version:
        fields["version"] = serializers.IntegerField(
            required=False, min_value=0, help_text="The version you read (or send If-Match)."
        )
    return type(name, (serializers.Serializer,), fields)


class _Versioned(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="Changes with every write; the ETag.")


class OcopRecordSerializer(_Versioned, OcopSerializer):
    pass


class FundsRecordSerializer(_Versioned, FundsSerializer):
    pass


class OutputRecordSerializer(_Versioned, OutputSerializer):
    pass


class AwardRecordSerializer(_Versioned, AwardSerializer):
    pass


class RevokedSerializer(serializers.Serializer):
    decision = serializers.CharField(source="revoked_decision")
    date = serializers.DateField(source="revoked_date")
    issuer = serializers.CharField(source="revoked_issuer")
    note = serializers.CharField(source="revoked_note")


class RecognitionRecordSerializer(_Versioned):
    unit = serializers.CharField(source="unit.code")
    name = serializers.CharField(source="unit.name")
    level = serializers.CharField()
    decision = serializers.CharField()
    date = serializers.DateField()
    issuer = serializers.CharField()
    set = serializers.CharField(source="set_code")
    note = serializers.CharField()
    in_force = serializers.SerializerMethodField(help_text="In force today.")
    revoked = serializers.SerializerMethodField()

    def get_in_force(self, rec: Recognition) -> bool:
        return rec.in_force_on(date.today())

    @extend_schema_field(RevokedSerializer(allow_null=True))
    def get_revoked(self, rec: Recognition) -> dict | None:
        if rec.revoked_date is None:
            return None
        return dict(RevokedSerializer(rec).data)
