"""Indicator values of one unit, set and period: list, create, read one, update one, delete one.

Writes go through ``do_set_value`` with optimistic locking: the client sends the ``version`` it
read (in the body, or as ``If-Match`` with the value's ``ETag``); if someone saved in between,
the answer is 409 (412 for a stale If-Match) and nothing is written.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from ntm.accounts.access import can_delete_value, can_edit_value
from ntm.api import errors
from ntm.api.base import (
    ERA_PARAM,
    PERIOD_PARAM,
    SET_PARAM,
    ScopedAPIView,
    checked_period,
    checked_set,
)
from ntm.api.etag import ETAG_HEADER, IF_MATCH_PARAM, if_match_version, with_etag
from ntm.api.schema import ErrorSerializer
from ntm.api.serializers import (
    HistoryEntrySerializer,
    ValueCreateSerializer,
    ValueSerializer,
    ValueUpdateSerializer,
)
from ntm.assessments.catalog import UnknownIndicator, WrongLevel
from ntm.assessments.deletion import do_delete_value
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError
from ntm.assessments.selectors import stored_values, value_history
from ntm.assessments.services import ValueConflict, do_set_value
from ntm.units.models import AdminUnit

CONFLICT = OpenApiResponse(
    ErrorSerializer, description="Someone saved this value since you read it; nothing was written."
)
PRECONDITION = OpenApiResponse(
    ErrorSerializer, description="If-Match names another version than the stored one."
)
VERSION_QUERY = OpenApiParameter(
    "version",
    OpenApiTypes.INT,
    description="The version you read (or send If-Match). Required unless If-Match is sent.",
)


def _write(
    request, unit: AdminUnit, set_code: str, period: str, indicator: str, data: dict
) -> IndicatorValue:
    """Authorise and store one value; bilingual API errors for every refusal."""
    if not can_edit_value(request.user, unit, set_code, indicator):
        raise errors.api_error(403, "may_not_edit", errors.MAY_NOT_EDIT)
    try:
        return do_set_value(
            unit=unit,
            set_code=set_code,
            indicator_code=indicator,
            period=period,
            raw=data["value"],
            note=data.get("note", ""),
            source="api",
            author=request.user,
            expected_version=data["version"],
        )
    except UnknownIndicator as exc:
        raise errors.ApiError(
            400,
            "unknown_indicator",
            f'Unknown indicator "{indicator}" in set "{set_code}".',
            exc.message,
        ) from None
    except WrongLevel as exc:
        raise errors.ApiError(400, "wrong_level", exc.message_en, exc.message) from None
    except ValueParseError as exc:
        raise errors.ApiError(400, "bad_value", exc.message_en, exc.message) from None
    except ValueConflict as exc:
        raise _conflict(exc, 409 if not request.headers.get("If-Match") else 412) from None


def _conflict(exc: ValueConflict, status_code: int = 409) -> errors.ApiError:
    current = ValueSerializer(exc.current).data if exc.current is not None else None
    code = "conflict" if status_code == 409 else "precondition_failed"
    return errors.ApiError(status_code, code, exc.message_en, exc.message, current=current)


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ValueListView(ScopedAPIView):
    @extend_schema(
        summary="The values in force for a unit and set as of a period",
        description="Per indicator, the latest stored value at or before `period` "
        "(each item says its own period): "
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
        parameters=[ERA_PARAM, ETAG_HEADER],
        request=ValueCreateSerializer,
        responses={201: ValueSerializer, 409: CONFLICT},
    )
    def post(self, request, code: str):
        unit = self.unit(code)
        data = _valid(ValueCreateSerializer, request.data)
        data.setdefault("version", 0)
        set_code, period = checked_set(data["set"]), checked_period(data["period"])
        value = _write(request, unit, set_code, str(period), data["indicator"], data)
        return with_etag(
            Response(ValueSerializer(value).data, status=status.HTTP_201_CREATED), value
        )


class ValueDetailView(ScopedAPIView):
    def _stored(
        self, code: str, set_code: str, period: str, indicator: str
    ) -> tuple[AdminUnit, IndicatorValue | None]:
        unit = self.unit(code)
        value = (
            IndicatorValue.objects.filter(
                unit=unit, set_code=set_code, period=period, indicator_code=indicator
            )
            .select_related("author")
            .first()
        )
        return unit, value

    def _existing(
        self, code: str, set_code: str, period: str, indicator: str
    ) -> tuple[AdminUnit, IndicatorValue]:
        unit, value = self._stored(code, set_code, str(checked_period(period)), indicator)
        if value is None:
            raise errors.api_error(404, "not_found", errors.NOT_FOUND)
        return unit, value

    @extend_schema(
        summary="One stored value (its ETag is its version)",
        parameters=[ERA_PARAM, ETAG_HEADER],
        responses=ValueSerializer,
    )
    def get(self, request, code: str, set_code: str, period: str, indicator: str):
        _, value = self._existing(code, set_code, period, indicator)
        return with_etag(Response(ValueSerializer(value).data), value)

    @extend_schema(
        summary="Change a value from the version you read (0 creates it)",
        description="Send `version` in the body, or the value's ETag as `If-Match`. "
        "A stale `version` is 409, "
        "a stale If-Match 412; nothing is written then.",
        parameters=[ERA_PARAM, IF_MATCH_PARAM, ETAG_HEADER],
        request=ValueUpdateSerializer,
        responses={200: ValueSerializer, 201: ValueSerializer, 409: CONFLICT, 412: PRECONDITION},
    )
    def put(self, request, code: str, set_code: str, period: str, indicator: str):
        unit = self.unit(code)
        body = dict(request.data.items()) if hasattr(request.data, "items") else request.data
        header_version = if_match_version(request)
        if isinstance(body, dict) and body.get("version") is None:
            if header_version is None:
                raise errors.api_error(400, "version_required", errors.VERSION_REQUIRED)
            body["version"] = header_version
        data = _valid(ValueUpdateSerializer, body)
        if header_version is not None and header_version != data["version"]:
            raise errors.api_error(400, "version_mismatch", errors.VERSION_MISMATCH)
        checked_set(set_code)
        value = _write(request, unit, set_code, str(checked_period(period)), indicator, data)
        created = data["version"] == 0
        response = Response(
            ValueSerializer(value).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
        return with_etag(response, value)

    @extend_schema(
        summary="Delete a stored value (its history stays)",
        description="Send the version you read as `?version=` or `If-Match`; "
        "whoever may enter the value may "
        "delete it. Its evidence goes with it (the files once the deletion commits).",
        parameters=[ERA_PARAM, IF_MATCH_PARAM, VERSION_QUERY],
        responses={204: None, 409: CONFLICT, 412: PRECONDITION},
    )
    def delete(self, request, code: str, set_code: str, period: str, indicator: str):
        unit, value = self._existing(code, set_code, period, indicator)
        if not can_delete_value(request.user, unit, set_code, indicator):
            raise errors.api_error(403, "may_not_edit", errors.MAY_NOT_EDIT)
        header_version = if_match_version(request)
        text = request.query_params.get("version", "").strip()
        if text and not text.isdigit():
            raise errors.api_error(400, "version_required", errors.VERSION_REQUIRED)
        query_version = int(text) if text else None
        if header_version is None and query_version is None:
            raise errors.api_error(400, "version_required", errors.VERSION_REQUIRED)
        if None not in (header_version, query_version) and header_version != query_version:
            raise errors.api_error(400, "version_mismatch", errors.VERSION_MISMATCH)
        try:
            expected = query_version if query_version is not None else header_version
            do_delete_value(
                value=value, author=request.user, expected_version=expected, reason="api"
            )
        except ValueConflict as exc:
            raise _conflict(exc, 409 if query_version is not None else 412) from None
        except ValueParseError as exc:  # refused by a value-hook listener (values locked)
            raise errors.ApiError(409, "locked", exc.message_en, exc.message) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ValueHistoryView(ScopedAPIView):
    @extend_schema(
        summary="Every change of one stored value (who, when, old, new), newest first",
        parameters=[ERA_PARAM],
        responses=HistoryEntrySerializer(many=True),
    )
    def get(self, request, code: str, set_code: str, period: str, indicator: str):
        unit = self.unit(code)
        value = IndicatorValue.objects.filter(
            unit=unit,
            set_code=set_code,
            period=str(checked_period(period)),
            indicator_code=indicator,
        ).first()
        if value is None:
            raise errors.api_error(404, "not_found", errors.NOT_FOUND)
        return Response(HistoryEntrySerializer(value_history(value), many=True).data)
