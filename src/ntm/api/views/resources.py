"""Programme resources under a unit (read only): OCOP ratings, funds, outputs, awards, reported
figures, and the summary's resource sections. Every list covers the unit and its subtree; the
unit is fetched through ``ntm.accounts.access`` (404 outside the caller's units)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from ntm.api import errors
from ntm.api.base import ERA_PARAM, PERIOD_PARAM, ScopedAPIView, checked_period
from ntm.investment.models import EmulationAward, FundsMobilised, PhysicalOutput, ReportedFigures
from ntm.investment.reported import source_label
from ntm.investment.summary import awards_section, funds_section, outputs_section
from ntm.ocop.models import OcopProduct
from ntm.ocop.summary import ocop_section
from ntm.reportsdata.gather import default_since
from ntm.textnorm import parse_date
from ntm.units.selectors import subtree_q

BAD_DATE = (
    "Invalid date {text!r}: use YYYY-MM-DD or DD/MM/YYYY.",
    "Ngày không hợp lệ {text!r}: dùng YYYY-MM-DD hoặc DD/MM/YYYY.",
)
BAD_FILTER = ("Invalid value {text!r} for {name}.", "Giá trị {text!r} của {name} không hợp lệ.")


def _param(name: str, description: str, kind=OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(name, kind, description=description)


class _UnitField(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")


class OcopSerializer(_UnitField):
    product = serializers.CharField(source="name")
    producer = serializers.CharField(source="producer.name")
    group = serializers.IntegerField()
    group_name = serializers.CharField(source="get_group_display")
    year = serializers.IntegerField()
    stars = serializers.IntegerField()
    level = serializers.CharField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    decision = serializers.CharField()
    date = serializers.DateField(source="decided_on", allow_null=True)
    expires_on = serializers.DateField()
    note = serializers.CharField()


class FundsSerializer(_UnitField):
    period = serializers.CharField()
    source = serializers.CharField(source="fund_source")
    amount_vnd = serializers.IntegerField()
    planned_vnd = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


class OutputSerializer(_UnitField):
    period = serializers.CharField()
    kind = serializers.CharField()
    quantity = serializers.FloatField()
    note = serializers.CharField()


class AwardSerializer(_UnitField):
    date = serializers.DateField(source="awarded_on")
    issuer = serializers.CharField()
    kind = serializers.CharField()
    recipient_type = serializers.CharField()
    recipient = serializers.CharField()
    note = serializers.CharField()


class ReportedSerializer(_UnitField):
    period = serializers.CharField()
    communes = serializers.IntegerField()
    communes_ntm = serializers.IntegerField()
    communes_advanced = serializers.IntegerField(allow_null=True)
    communes_model = serializers.IntegerField(allow_null=True)
    average_criteria = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    ocop_products = serializers.IntegerField(allow_null=True)
    funds_vnd = serializers.IntegerField(allow_null=True)
    source = serializers.SerializerMethodField()
    date = serializers.DateField(source="reported_on", allow_null=True)
    demo = serializers.BooleanField()
    reported = serializers.SerializerMethodField()

    def get_source(self, row: ReportedFigures) -> str:
        return source_label(row)

    def get_reported(self, row: ReportedFigures) -> bool:
        """Always true: these figures are the unit's own report, not computed here."""
        return True


class _SubtreeList(ScopedAPIView):
    """A list of one model's rows under the unit, filtered by query parameters."""

    model: Any = None
    serializer: Any = None
    filters: dict[str, str] = {}  # query parameter -> model field
    integer_filters: frozenset[str] = frozenset()

    def rows(self, unit):
        rows = self.model.objects.filter(subtree_q(unit, "unit__")).select_related("unit")
        for name, field in self.filters.items():
            text = self.request.query_params.get(name, "").strip()
            if not text:
                continue
            if name in self.integer_filters and not text.isdigit():
                raise errors.api_error(400, "bad_filter", BAD_FILTER, text=text, name=name)
            rows = rows.filter(**{field: text})
        return rows

    def get(self, request, code: str):
        unit = self.unit(code)
        return Response(self.serializer(self.rows(unit), many=True).data)


class OcopListView(_SubtreeList):
    model, serializer = OcopProduct, OcopSerializer
    filters = {"stars": "stars", "level": "level", "group": "group", "year": "year"}
    integer_filters = frozenset({"stars", "group", "year"})

    def rows(self, unit):
        return super().rows(unit).select_related("producer")

    @extend_schema(
        summary="OCOP ratings under a unit",
        responses=OcopSerializer(many=True),
        parameters=[
            ERA_PARAM,
            _param("stars", "3, 4 or 5"),
            _param("level", "district, province or national"),
            _param("group", "product group 1-6"),
            _param("year", "evaluation year"),
        ],
    )
    def get(self, request, code: str):
        return super().get(request, code)


class FundsListView(_SubtreeList):
    model, serializer = FundsMobilised, FundsSerializer
    filters = {"period": "period", "source": "fund_source"}

    @extend_schema(
        summary="Funds mobilised under a unit",
        responses=FundsSerializer(many=True),
        parameters=[
            ERA_PARAM,
            _param("period", "YYYY or YYYY-MM"),
            _param("source", "central, local, integrated, credit, enterprise, community or other"),
        ],
    )
    def get(self, request, code: str):
        return super().get(request, code)


class OutputListView(_SubtreeList):
    model, serializer = PhysicalOutput, OutputSerializer
    filters = {"period": "period", "kind": "kind"}

    @extend_schema(
        summary="Physical outputs under a unit",
        responses=OutputSerializer(many=True),
        parameters=[
            ERA_PARAM,
            _param("period", "YYYY or YYYY-MM"),
            _param("kind", "a catalogue code, e.g. road_km"),
        ],
    )
    def get(self, request, code: str):
        return super().get(request, code)


class AwardListView(_SubtreeList):
    model, serializer = EmulationAward, AwardSerializer
    filters = {"recipient_type": "recipient_type", "kind": "kind"}

    def rows(self, unit):
        rows = super().rows(unit)
        for name, lookup in (("from", "awarded_on__gte"), ("to", "awarded_on__lte")):
            text = self.request.query_params.get(name, "").strip()
            if text:
                try:
                    rows = rows.filter(**{lookup: parse_date(text)})
                except ValueError:
                    raise errors.api_error(400, "bad_date", BAD_DATE, text=text) from None
        return rows

    @extend_schema(
        summary="Emulation awards under a unit",
        responses=AwardSerializer(many=True),
        parameters=[
            ERA_PARAM,
            _param("from", "first date (YYYY-MM-DD)"),
            _param("to", "last date (YYYY-MM-DD)"),
            _param("recipient_type", "collective or individual"),
            _param("kind", "certificate, merit…"),
        ],
    )
    def get(self, request, code: str):
        return super().get(request, code)


class ReportedListView(_SubtreeList):
    model, serializer = ReportedFigures, ReportedSerializer
    filters = {"period": "period"}

    @extend_schema(
        summary="Figures units reported themselves (not computed here)",
        responses=ReportedSerializer(many=True),
        parameters=[ERA_PARAM, _param("period", "YYYY or YYYY-MM")],
    )
    def get(self, request, code: str):
        return super().get(request, code)


class ResourceSummaryView(ScopedAPIView):
    @extend_schema(
        summary="The summary's resource sections for a unit (OCOP, funds, outputs, awards)",
        description="The same objects as `ntm report summary --format json` under `ocop`, "
        "`funds`, `outputs` "
        "and `awards`; null where nothing is recorded under the unit.",
        parameters=[
            PERIOD_PARAM,
            _param("since", "YYYY or YYYY-MM; default: the end of the previous year"),
            ERA_PARAM,
        ],
        responses=inline_serializer(
            "ResourceSummary",
            {
                "period": serializers.CharField(),
                "since": serializers.CharField(),
                "ocop": serializers.JSONField(allow_null=True),
                "funds": serializers.JSONField(allow_null=True),
                "outputs": serializers.JSONField(allow_null=True),
                "awards": serializers.JSONField(allow_null=True),
            },
        ),
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        period = self.query_period()
        text = request.query_params.get("since", "").strip()
        since = checked_period(text) if text else default_since(period)
        data: dict[str, Any] = {"period": str(period), "since": str(since)}
        for key, provider in (
            ("ocop", ocop_section),
            ("funds", funds_section),
            ("outputs", outputs_section),
            ("awards", awards_section),
        ):
            section = provider(unit, period, since)
            data[key] = section.to_json() if section is not None else None
        return Response(data)
