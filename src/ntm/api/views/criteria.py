"""The criteria sets the server has loaded (national and province files)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from ntm.api.base import ScopedAPIView, checked_set
from ntm.api.shapes import CriteriaSetShape, CriteriaSetSummaryShape
from ntm.criteria.registry import load_registry
from ntm.criteria.serialize import set_to_data


class CriteriaSetListView(ScopedAPIView):
    @extend_schema(
        operation_id="criteria_sets_list",
        summary="Every loaded criteria set (without its criteria)",
        responses=CriteriaSetSummaryShape(many=True),
    )
    def get(self, request):
        return Response([set_to_data(s, with_criteria=False) for s in load_registry().sets()])


class CriteriaSetDetailView(ScopedAPIView):
    @extend_schema(
        summary="One criteria set with its criteria, indicators, rules and sources",
        responses=CriteriaSetShape,
    )
    def get(self, request, code: str):
        return Response(set_to_data(load_registry().get(checked_set(code))))
