"""Targets and the monthly cycle in the API: progress of a unit's targets, the monthly report
(status per commune, timeliness and completeness), and a commune filing its report."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from ntm.accounts.access import can_file_progress_report
from ntm.api import errors
from ntm.api.base import ERA_PARAM, PERIOD_PARAM, ScopedAPIView
from ntm.api.planning_shapes import FiledShape, MonthlyFileRequest, MonthlyShape, TargetShape
from ntm.criteria.registry import load_registry
from ntm.planning.monthly import do_submit_progress_report, month_of, monthly_for
from ntm.planning.targets import progress_of, targets_under

MONTH_PARAM = OpenApiParameter(
    "period", OpenApiTypes.STR, required=True, description="The month, YYYY-MM."
)
BAD_MONTH = ('Invalid month "{value}": use YYYY-MM.', 'Tháng không hợp lệ "{value}": dùng YYYY-MM.')
MAY_NOT_FILE = ("You may not file this commune's report.", "Bạn không được nộp báo cáo cho xã này.")


class TargetListView(ScopedAPIView):
    @extend_schema(
        summary=(
            "Targets of a unit and the units under it, with progress, projection "
            "and the at-risk flag"
        ),
        parameters=[PERIOD_PARAM, ERA_PARAM],
        responses=TargetShape(many=True),
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        period = self.query_period()
        registry = load_registry()
        return Response([progress_of(t, period, registry).to_json() for t in targets_under(unit)])


class MonthlyView(ScopedAPIView):
    def month(self, text: str):
        try:
            return month_of(text)
        except ValueError:
            raise errors.api_error(400, "bad_period", BAD_MONTH, value=text) from None

    @extend_schema(
        summary=(
            "The monthly cycle: each commune's report status, timeliness and completeness "
            "per district"
        ),
        parameters=[MONTH_PARAM, ERA_PARAM],
        responses=MonthlyShape,
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        return Response(
            monthly_for(unit, self.month(request.query_params.get("period", ""))).to_json()
        )

    @extend_schema(
        summary="File (or correct) a commune's progress report for a month",
        parameters=[ERA_PARAM],
        request=MonthlyFileRequest,
        responses={201: FiledShape},
    )
    def post(self, request, code: str):
        unit = self.unit(code)
        if not can_file_progress_report(request.user, unit):
            raise errors.api_error(403, "may_not_file", MAY_NOT_FILE)
        serializer = MonthlyFileRequest(data=request.data)
        serializer.is_valid(raise_exception=True)
        body = serializer.validated_data
        period = self.month(body["period"])
        report = do_submit_progress_report(
            unit=unit,
            period=period,
            author=request.user,
            tasks_note=body["tasks_note"],
            difficulties=body["difficulties"],
            proposals=body["proposals"],
        )
        filing = monthly_for(unit, period).filings[0]
        return Response(
            {**filing.to_json(), "period": report.period}, status=status.HTTP_201_CREATED
        )
