"""Verdicts: one unit's evaluation, and the review of the communes under a unit."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from ntm.api.base import ERA_PARAM, PERIOD_PARAM, SET_PARAM, ScopedAPIView
from ntm.api.results import unit_result_to_data
from ntm.assessments.evaluation import evaluate_unit, level_for


class EvaluationView(ScopedAPIView):
    @extend_schema(
        summary="A unit's result for a criteria set as of a period, with every indicator's why",
        parameters=[SET_PARAM, PERIOD_PARAM, ERA_PARAM],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        set_code, period = self.query_set(), self.query_period()
        result = evaluate_unit(unit, set_code, period)
        return Response(unit_result_to_data(result, level=level_for(unit, period)))


class ReviewView(ScopedAPIView):
    @extend_schema(
        summary="The review of every commune under a unit (the JSON of `ntm report review`)",
        parameters=[SET_PARAM, PERIOD_PARAM, ERA_PARAM],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        set_code, period = self.query_set(), self.query_period()
        from ntm.reportsdata.gather import review_for

        return Response(review_for(unit, set_code, period))
