"""Units the caller may see: their top units, one unit, a unit's children."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from ntm.accounts.access import scope_root_units, units_visible_to
from ntm.api.base import ERA_PARAM, ScopedAPIView
from ntm.api.serializers import UnitSerializer


class UnitListView(ScopedAPIView):
    @extend_schema(
        operation_id="units_list",
        summary="The top units of your scope",
        parameters=[ERA_PARAM],
        responses=UnitSerializer(many=True),
    )
    def get(self, request):
        roots = scope_root_units(request.user)
        era = self.query_era()
        if era:
            roots = [u for u in roots if u.era == era]
        return Response(UnitSerializer(roots, many=True, context={"request": request}).data)


class UnitDetailView(ScopedAPIView):
    @extend_schema(summary="One unit", parameters=[ERA_PARAM], responses=UnitSerializer)
    def get(self, request, code: str):
        unit = self.unit(code)
        return Response(UnitSerializer(unit, context={"request": request}).data)


class UnitChildrenView(ScopedAPIView):
    @extend_schema(
        operation_id="units_children_list",
        summary="The units directly under a unit",
        parameters=[ERA_PARAM],
        responses=UnitSerializer(many=True),
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        children = (
            units_visible_to(request.user)
            .filter(parent=unit)
            .select_related("parent")
            .order_by("name")
        )
        return Response(UnitSerializer(children, many=True, context={"request": request}).data)
