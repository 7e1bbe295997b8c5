"""Verdicts: one unit's evaluation, and the review of the communes under a unit."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from ntm.api import errors
from ntm.api.base import ERA_PARAM, PERIOD_PARAM, SET_OR_DEFAULT_PARAM, ScopedAPIView
from ntm.api.results import unit_result_to_data
from ntm.api.shapes import EvaluationShape, ReviewShape
from ntm.assessments.catalog import WrongLevel, check_set_level
from ntm.assessments.evaluation import evaluate_unit, ladder_sets, level_for
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.reportsdata.gather import ReportDataError, default_set, review_for


class _ResultView(ScopedAPIView):
    def set_or_default(self, period: Period) -> str:
        if self.request.query_params.get("set", "").strip():
            return self.query_set()
        try:
            return default_set(period)
        except ReportDataError as exc:
            raise errors.ApiError(400, "set_required", errors.SET_REQUIRED[0], str(exc)) from None

    def unit_set(self, unit, period: Period) -> str:
        """The asked set, checked against the unit's level; else the first of the unit's ladder."""
        if not self.request.query_params.get("set", "").strip():
            ladder = ladder_sets(unit.level, period)
            if ladder:
                return ladder[0]
        set_code = self.set_or_default(period)
        try:
            check_set_level(load_registry().get(set_code), unit)
        except WrongLevel as exc:
            raise errors.ApiError(400, "wrong_level", exc.message_en, exc.message) from None
        return set_code


class EvaluationView(_ResultView):
    @extend_schema(
        summary="A unit's result for a criteria set as of a period, with every indicator's why",
        parameters=[SET_OR_DEFAULT_PARAM, PERIOD_PARAM, ERA_PARAM],
        responses=EvaluationShape,
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        period = self.query_period()
        set_code = self.unit_set(unit, period)
        result = evaluate_unit(unit, set_code, period)
        # The set that judged the unit: its province's own set in place of the national one.
        set_name = load_registry().get(result.set_code).name
        data = unit_result_to_data(result, level=level_for(unit, period), set_name=set_name)
        if result.set_code != set_code:
            data["in_place_of"] = set_code
        return Response(data)


class ReviewView(_ResultView):
    @extend_schema(
        summary="The review of every commune under a unit (the JSON of `ntm report review`)",
        parameters=[SET_OR_DEFAULT_PARAM, PERIOD_PARAM, ERA_PARAM],
        responses=ReviewShape,
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        period = self.query_period()
        return Response(review_for(unit, self.set_or_default(period), period).to_json())
