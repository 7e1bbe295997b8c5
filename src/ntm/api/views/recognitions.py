"""Recognition decisions of a unit and the units under it (read only): what each unit IS by
decision, next to ``evaluation`` (what it meets by data)."""

from __future__ import annotations

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from ntm.accounts.access import units_visible_to
from ntm.api import errors
from ntm.api.base import ERA_PARAM, ScopedAPIView
from ntm.recognition.models import Recognition
from ntm.recognition.selectors import in_force
from ntm.textnorm import parse_date
from ntm.units.selectors import subtree_q

BAD_DATE = (
    'Invalid date "{text}": use YYYY-MM-DD or DD/MM/YYYY.',
    'Ngày không hợp lệ "{text}": dùng YYYY-MM-DD hoặc DD/MM/YYYY.',
)
AS_OF_PARAM = OpenApiParameter(
    "as_of",
    OpenApiTypes.STR,
    description=(
        "Only the recognitions in force on this date (YYYY-MM-DD or DD/MM/YYYY); "
        "default: the full timeline."
    ),
)
RecognitionSerializer = inline_serializer(
    "Recognition",
    many=True,
    fields={
        "unit": serializers.CharField(),
        "name": serializers.CharField(),
        "level": serializers.CharField(),
        "decision": serializers.CharField(),
        "date": serializers.DateField(),
        "issuer": serializers.CharField(),
        "set": serializers.CharField(),
        "note": serializers.CharField(),
        "in_force": serializers.BooleanField(),
        "revoked": serializers.DictField(allow_null=True),
    },
)


def _json(rec: Recognition, on: date) -> dict:
    revoked = None
    if rec.revoked_date is not None:
        revoked = {
            "decision": rec.revoked_decision,
            "date": rec.revoked_date.isoformat(),
            "issuer": rec.revoked_issuer,
            "note": rec.revoked_note,
        }
    return {
        "unit": rec.unit.code,
        "name": rec.unit.name,
        "level": rec.level,
        "decision": rec.decision,
        "date": rec.date.isoformat(),
        "issuer": rec.issuer,
        "set": rec.set_code,
        "note": rec.note,
        "in_force": rec.in_force_on(on),
        "revoked": revoked,
    }


class RecognitionListView(ScopedAPIView):
    @extend_schema(
        operation_id="units_recognitions_list",
        summary=(
            "Recognition decisions of a unit and the units under it (recognised as, by decision)"
        ),
        parameters=[ERA_PARAM, AS_OF_PARAM],
        responses=RecognitionSerializer,
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        text = request.query_params.get("as_of", "").strip()
        try:
            on = parse_date(text) if text else date.today()
        except ValueError:
            raise errors.api_error(400, "bad_date", BAD_DATE, text=text) from None
        records = Recognition.objects.filter(
            unit__in=units_visible_to(request.user).filter(subtree_q(unit))
        ).select_related("unit")
        if text:
            records = records.filter(in_force(on))
        records = sorted(records, key=lambda r: (r.unit.path, r.date, r.level))
        return Response([_json(r, on) for r in records])
