"""Indicator values of one unit, set and period: list, create, read one, update one.

Writes go through ``do_set_value`` with optimistic locking: the client sends the ``version`` it
read; if someone saved in between, the answer is 409 and nothing is written.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from ntm.accounts.access import can_edit_value
from ntm.api import errors
from ntm.api.base import (
    ERA_PARAM,
    PERIOD_PARAM,
    SET_PARAM,
    ScopedAPIView,
    checked_period,
    checked_set,
)
from ntm.api.serializers import ValueCreateSerializer, ValueSerializer, ValueWriteSerializer
from ntm.assessments.catalog import UnknownIndicator
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError
from ntm.assessments.selectors import stored_values
from ntm.assessments.services import ValueConflict, do_set_value
from ntm.units.models import AdminUnit

CONFLICT = OpenApiResponse(description="Someone saved this value since you read it; nothing was written.")


def _write(request, unit: AdminUnit, set_code: str, period: str, indicator: str, data: dict) -> IndicatorValue:
    """Authorise and store one value; bilingual API errors for every refusal."""
    if not can_edit_value(request.user, unit, set_code, indicator):
        raise errors.api_error(403, "may_not_edit", errors.MAY_NOT_EDIT)
    try:
        return do_set_value(
            unit=unit, set_code=set_code, indicator_code=indicator, period=period,
            raw=data["value"], note=data.get("note", ""), source="api", author=request.user,
            expected_version=data["version"],
        )
    except UnknownIndicator as exc:
        raise errors.ApiError(400, "unknown_indicator", f'Unknown indicator "{indicator}" in set "{set_code}".', exc.message) from None
    except ValueParseError as exc:
        raise errors.ApiError(400, "bad_value", exc.message_en, exc.message) from None
    except ValueConflict as exc:
        current = ValueSerializer(exc.current).data if exc.current is not None else None
        raise errors.ApiError(409, "conflict", exc.message_en, exc.message, current=current) from None


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ValueListView(ScopedAPIView):
    @extend_schema(
        summary="The values in force for a unit and set as of a period",
        description="Per indicator, the latest stored value at or before `period` (each item says its own period): "
        "the values the evaluation of that period reads.",
        parameters=[SET_PARAM, PERIOD_PARAM, ERA_PARAM],
        responses=ValueSerializer(many=True),
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        values = stored_values(unit.pk, self.query_set(), self.query_period())
        return Response(ValueSerializer(values.values(), many=True).data)

    @extend_schema(
        summary="Store a new value (version 0; 409 if one exists already)",
        parameters=[ERA_PARAM],
        request=ValueCreateSerializer,
        responses={201: ValueSerializer, 409: CONFLICT},
    )
    def post(self, request, code: str):
        unit = self.unit(code)
        data = _valid(ValueCreateSerializer, request)
        data.setdefault("version", 0)
        set_code, period = checked_set(data["set"]), checked_period(data["period"])
        value = _write(request, unit, set_code, str(period), data["indicator"], data)
        return Response(ValueSerializer(value).data, status=status.HTTP_201_CREATED)


class ValueDetailView(ScopedAPIView):
    def _stored(self, code: str, set_code: str, period: str, indicator: str) -> tuple[AdminUnit, IndicatorValue | None]:
        unit = self.unit(code)
        value = (
            IndicatorValue.objects.filter(unit=unit, set_code=set_code, period=period, indicator_code=indicator)
            .select_related("author")
            .first()
        )
        return unit, value

    @extend_schema(summary="One stored value", parameters=[ERA_PARAM], responses=ValueSerializer)
    def get(self, request, code: str, set_code: str, period: str, indicator: str):
        _, value = self._stored(code, set_code, str(checked_period(period)), indicator)
        if value is None:
            raise errors.api_error(404, "not_found", errors.NOT_FOUND)
        return Response(ValueSerializer(value).data)

    @extend_schema(
        summary="Change a value from the version you read (0 creates it)",
        parameters=[ERA_PARAM],
        request=ValueWriteSerializer,
        responses={200: ValueSerializer, 201: ValueSerializer, 409: CONFLICT},
    )
    def put(self, request, code: str, set_code: str, period: str, indicator: str):
        unit = self.unit(code)
        data = _valid(ValueWriteSerializer, request)
        if data.get("version") is None:
            raise errors.api_error(400, "version_required", errors.VERSION_REQUIRED)
        checked_set(set_code)
        value = _write(request, unit, set_code, str(checked_period(period)), indicator, data)
        created = data["version"] == 0
        return Response(ValueSerializer(value).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
