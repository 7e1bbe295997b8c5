"""A form's values in one request: ``PUT /api/units/{code}/values/{set}/{period}/``.

Why: a commune officer fills a criterion's indicators together. One request for the form is
one transaction, one lock of the values, and one refresh of the stored results of the commune
and its parents, where a request per value would repeat all of that for each. All or nothing:
any bad value, indicator outside the caller's scope, or value saved by someone else since the
caller read it (its ``version``) rejects the whole form, and each problem is listed.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from ntm.accounts.access import can_edit_value
from ntm.api import errors
from ntm.api.base import ERA_PARAM, ScopedAPIView, checked_period, checked_set
from ntm.api.schema import ErrorSerializer
from ntm.api.serializers import ValueSerializer, ValueUpdateSerializer
from ntm.assessments.catalog import WrongLevel
from ntm.assessments.parsing import ValueParseError
from ntm.assessments.services import (
    EntriesConflict,
    EntriesRejected,
    Entry,
    do_set_entries,
)

MAX_VALUES = 200
BAD_VALUES = (
    "{n} of the values sent are refused; nothing was written.",
    "{n} giá trị gửi lên không hợp lệ; chưa lưu giá trị nào.",
)
NOT_YOURS = (
    "You may not enter {codes}; nothing was written.",
    "Bạn không được nhập chỉ tiêu {codes}; chưa lưu giá trị nào.",
)
CONFLICTS = (
    "{n} of the values were changed by someone else since you read them; nothing was written.",
    "{n} giá trị vừa được người khác thay đổi sau khi bạn đọc; chưa lưu giá trị nào.",
)


class FormValueSerializer(ValueUpdateSerializer):
    indicator = serializers.CharField(help_text='e.g. "17.1"')


class FormValuesSerializer(serializers.Serializer):
    values = FormValueSerializer(many=True, min_length=1, max_length=MAX_VALUES)


class FormValuesResultSerializer(serializers.Serializer):
    values = ValueSerializer(many=True)


REFUSED = OpenApiResponse(
    ErrorSerializer,
    description="`errors` lists each bad value: `position` (1 = first), `indicator`, `code`, "
    "`detail`, `detail_vi`.",
)
CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="`conflicts` lists each value saved by someone else since you read it: "
    "`indicator`, `detail`, `detail_vi`, `current` (the value now stored, or null).",
)


class FormValuesView(ScopedAPIView):
    @extend_schema(
        operation_id="values_form_update",
        summary="Store a form's values at once (one unit, set and period): all or nothing",
        description="Each item names its `indicator`, the `value` as typed, an optional `note` "
        "and the `version` it read (0 for a new value). Values equal to the stored ones change "
        "nothing. The answer lists the stored values in the order sent.",
        parameters=[ERA_PARAM],
        request=FormValuesSerializer,
        responses={
            200: FormValuesResultSerializer,
            400: REFUSED,
            403: ErrorSerializer,
            409: CONFLICT,
        },
    )
    def put(self, request, code: str, set_code: str, period: str):
        unit = self.unit(code)
        serializer = FormValuesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = serializer.validated_data["values"]
        checked_set(set_code)
        as_of = checked_period(period)
        refused = [
            i["indicator"]
            for i in items
            if not can_edit_value(request.user, unit, set_code, i["indicator"])
        ]
        if refused:
            raise errors.api_error(403, "may_not_edit", NOT_YOURS, codes=", ".join(refused))
        entries = [
            Entry(i["indicator"], i["value"], i.get("note", ""), i["version"]) for i in items
        ]
        try:
            written = do_set_entries(
                unit=unit,
                set_code=set_code,
                period=as_of,
                entries=entries,
                source="api",
                author=request.user,
            )
        except WrongLevel as exc:
            raise errors.ApiError(400, "wrong_level", exc.message_en, exc.message) from None
        except ValueParseError as exc:  # a period the set takes no values for; values locked
            raise errors.ApiError(400, "bad_value", exc.message_en, exc.message) from None
        except EntriesRejected as exc:
            raise errors.ApiError(
                400,
                "bad_values",
                *_pair(BAD_VALUES, n=len(exc.errors)),
                errors=[_error_row(position, entries, error) for position, error in exc.errors],
            ) from None
        except EntriesConflict as exc:
            raise errors.ApiError(
                409,
                "conflict",
                *_pair(CONFLICTS, n=len(exc.conflicts)),
                conflicts=[
                    {
                        "indicator": code_,
                        "detail": conflict.message_en,
                        "detail_vi": conflict.message,
                        "current": ValueSerializer(conflict.current).data
                        if conflict.current is not None
                        else None,
                    }
                    for code_, conflict in exc.conflicts.items()
                ],
            ) from None
        stored = [written[e.indicator_code] for e in entries]
        return Response({"values": ValueSerializer(stored, many=True).data})


def _pair(pair: tuple[str, str], **fmt) -> tuple[str, str]:
    return pair[0].format(**fmt), pair[1].format(**fmt)


def _error_row(position: int, entries: list[Entry], error: Exception) -> dict:
    vietnamese = getattr(error, "message", str(error))
    return {
        "position": position + 1,
        "indicator": entries[position].indicator_code,
        "code": "unknown_indicator" if isinstance(error, LookupError) else "bad_value",
        "detail": getattr(error, "message_en", vietnamese),
        "detail_vi": vietnamese,
    }
