"""Follow-up in the API: gaps (with drill-down filters), what-if (nothing saved), tasks.

The gap JSON is ``ntm gaps --json`` (design.md §10) plus ``not_durable``; a task is the JSON
of ``ntm tasks --json`` plus its ``id``, ``set``, ``budget`` and ``closed_by_value``.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from ntm.accounts.access import can_manage_tasks, can_update_task_status, can_view_unit
from ntm.api import errors
from ntm.api.base import ERA_PARAM, PERIOD_PARAM, SET_PARAM, ScopedAPIView
from ntm.api.planning_shapes import (
    GapsShape,
    TaskCreateRequest,
    TaskShape,
    TaskUpdateRequest,
    WhatIfRequest,
    WhatIfShape,
)
from ntm.assessments.parsing import ValueParseError
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.planning.models import Task
from ntm.planning.selectors import follow_up_for, is_overdue, task_to_json, tasks_under
from ntm.planning.services import TaskError, do_create_task, do_update_task_status
from ntm.planning.whatif import Standing, WhatIfError, what_if
from ntm.textnorm import parse_date

MAY_NOT_ASSIGN = (
    "You may not assign tasks on this criterion of this unit.",
    "Bạn không được giao nhiệm vụ cho tiêu chí này ở đơn vị này.",
)
MAY_NOT_UPDATE = ("You may not update this task.", "Bạn không được cập nhật nhiệm vụ này.")
BAD_DATE = (
    'Invalid date "{value}": use YYYY-MM-DD or DD/MM/YYYY.',
    'Ngày không hợp lệ "{value}": dùng YYYY-MM-DD hoặc DD/MM/YYYY.',
)
BAD_FIELD = ('Invalid or missing "{field}".', 'Thiếu hoặc sai "{field}".')
BAD_WHAT_IF = (
    "Some assumed values are invalid (see errors).",
    "Có giá trị giả định không hợp lệ (xem errors).",
)
NOT_A_COMMUNE = ("What-if is for one commune.", "Giả định chỉ làm cho một xã.")
CRITERION_PARAM = OpenApiParameter(
    "criterion", OpenApiTypes.INT, description="Only communes failing this criterion."
)
ORDER_PARAM = OpenApiParameter(
    "order",
    OpenApiTypes.STR,
    enum=["easy", "effort"],
    description="easy (default, the contract's order) or effort (the province's weights).",
)
MARGIN_PARAM = OpenApiParameter(
    "margin",
    OpenApiTypes.NUMBER,
    description="Not-durable margin in percent (default: the province's, else 5).",
)
AS_OF_PARAM = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, description="Date overdue is reckoned from (default today)."
)
OVERDUE_PARAM = OpenApiParameter(
    "overdue",
    OpenApiTypes.BOOL,
    description="Only tasks not done nor cancelled and due before as_of.",
)


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except (ValueError, TypeError):
        raise errors.api_error(400, "bad_date", BAD_DATE, value=text) from None


def _bad(field: str) -> errors.ApiError:
    return errors.api_error(400, "invalid", BAD_FIELD, field=field)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _margin(text: str) -> float | None:
    """``?margin=5`` (percent) -> 0.05."""
    if not text.strip():
        return None
    try:
        margin = float(text.replace(",", ".")) / 100
    except ValueError:
        raise _bad("margin") from None
    if not 0 <= margin < 1:
        raise _bad("margin")
    return margin


def task_data(task: Task, as_of: date) -> dict:
    return {
        **task_to_json(task, as_of),
        "id": task.pk,
        "set": task.set_code,
        "budget": task.budget,
        "target_value": task.target_value,
        "closed_by_value": task.closed_by_value,
    }


class GapsView(ScopedAPIView):
    @extend_schema(
        summary="Communes under a unit not meeting a set, easy first (the JSON of `ntm gaps`)",
        parameters=[SET_PARAM, PERIOD_PARAM, CRITERION_PARAM, ORDER_PARAM, MARGIN_PARAM, ERA_PARAM],
        responses=GapsShape,
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        params = request.query_params
        criterion = params.get("criterion", "").strip()
        if criterion and not criterion.isdigit():
            raise _bad("criterion")
        margin = _margin(params.get("margin", ""))
        follow = follow_up_for(
            unit,
            self.query_set(),
            self.query_period(),
            by_effort=params.get("order") == "effort",
            durable_margin=margin,
        )
        communes = follow.gaps.communes
        if criterion:
            communes = tuple(c for c in communes if int(criterion) in c.failing_criteria)
        data = follow.gaps.to_json()
        data["communes"] = [c.to_json() for c in communes]
        data["not_durable"] = [
            {
                "code": c.code,
                "name": c.name,
                "criteria": sorted({n.criterion for n in c.not_durable}),
                "indicators": [n.indicator for n in c.not_durable],
            }
            for c in follow.fragile
        ]
        data["durable_margin"] = margin if margin is not None else follow.effort.durable_margin
        return Response(data)


def _standing(s: Standing) -> dict:
    return {
        "criteria_met": s.result.criteria_met,
        "criteria_total": s.result.criteria_total,
        "indicators_met": s.result.indicators_met,
        "indicators_total": s.result.indicators_total,
        "met": s.result.met,
        "level": s.level,
        "gap": s.gap.to_json(),
        "district": s.district_figures,
        "district_sets": {
            code: {
                "criteria_met": r.criteria_met,
                "criteria_total": r.criteria_total,
                "met": r.met,
                "unmet_criteria": list(r.unmet_criteria),
            }
            for code, r in s.district_sets.items()
        },
    }


class WhatIfView(ScopedAPIView):
    @extend_schema(
        summary=(
            "What-if: a commune's result and its district's figures if indicators reach "
            "given values (nothing saved)"
        ),
        parameters=[ERA_PARAM],
        request=WhatIfRequest,
        responses=WhatIfShape,
    )
    def post(self, request, code: str):
        unit = self.unit(code)
        if unit.level != "commune":
            raise errors.api_error(400, "not_a_commune", NOT_A_COMMUNE)
        body = _valid(WhatIfRequest, request)
        if body["set"] not in load_registry():
            raise errors.api_error(400, "unknown_set", errors.UNKNOWN_SET, code=body["set"])
        try:
            period = Period.parse(body["period"])
        except ValueError:
            raise _bad("period") from None
        try:
            outcome = what_if(unit, body["set"], period, body["values"])
        except WhatIfError as exc:
            raise errors.ApiError(400, "bad_values", *BAD_WHAT_IF, errors=exc.errors) from None
        except ValueParseError as exc:
            raise errors.ApiError(
                400, "wrong_level", exc.message_en or exc.message, exc.message
            ) from None
        return Response(
            {
                "unit": unit.code,
                "set": body["set"],
                "period": str(period),
                "values": outcome.changes,
                "saved": False,
                "before": _standing(outcome.before),
                "after": _standing(outcome.after),
            }
        )


class TaskListView(ScopedAPIView):
    @extend_schema(
        summary=(
            "Tasks of a unit and every unit under it (the JSON of `ntm tasks`, plus id and set)"
        ),
        parameters=[OVERDUE_PARAM, AS_OF_PARAM, ERA_PARAM],
        responses=TaskShape(many=True),
    )
    def get(self, request, code: str):
        unit = self.unit(code)
        text = request.query_params.get("as_of", "").strip()
        as_of = _date(text) if text else timezone.localdate()
        only_overdue = request.query_params.get("overdue", "").lower() in ("1", "true", "yes")
        return Response(
            [
                task_data(t, as_of)
                for t in tasks_under(unit)
                if not only_overdue or is_overdue(t, as_of)
            ]
        )

    @extend_schema(
        summary="Create a task on a criterion (or indicator) of this unit",
        parameters=[ERA_PARAM],
        request=TaskCreateRequest,
        responses={201: TaskShape},
    )
    def post(self, request, code: str):
        unit = self.unit(code)
        body = _valid(TaskCreateRequest, request)
        registry = load_registry()
        if body["set"] not in registry:
            raise _bad("set")
        criteria_set = registry.get(body["set"])
        if body["criterion"] not in {c.number for c in criteria_set.criteria}:
            raise _bad("criterion")
        if not can_manage_tasks(request.user, unit, criteria_set.code, body["criterion"]):
            raise errors.api_error(403, "may_not_assign", MAY_NOT_ASSIGN)
        indicator = body["indicator"].strip()
        if indicator and indicator not in {
            i.code for i in criteria_set.criterion(body["criterion"]).indicators
        }:
            raise _bad("indicator")
        try:
            task = do_create_task(
                unit=unit,
                set_code=criteria_set.code,
                criterion=body["criterion"],
                indicator_code=indicator,
                department=body["department"].strip(),
                owner=body["owner"].strip(),
                start=_date(body["start"]),
                due=_date(body["due"]),
                status=body["status"],
                note=body["note"],
                budget=body["budget"],
                author=request.user,
            )
        except TaskError as exc:
            raise errors.ApiError(400, "invalid", str(exc), str(exc)) from None
        return Response(task_data(task, timezone.localdate()), status=status.HTTP_201_CREATED)


class TaskUpdateView(ScopedAPIView):
    @extend_schema(
        summary="Report a task's status for a reporting period, with a comment",
        request=TaskUpdateRequest,
        responses=TaskShape,
    )
    def post(self, request, pk: int):
        task = Task.objects.select_related("unit").filter(pk=pk).first()
        if task is None or not can_view_unit(request.user, task.unit):
            raise errors.api_error(404, "not_found", errors.NOT_FOUND)
        if not can_update_task_status(
            request.user, task.unit, task.set_code, task.criterion, task.owner_user_id
        ):
            raise errors.api_error(403, "may_not_update", MAY_NOT_UPDATE)
        body = _valid(TaskUpdateRequest, request)
        try:
            do_update_task_status(
                task=task,
                period=body["period"],
                status=body["status"],
                comment=body["comment"],
                author=request.user,
            )
        except (ValueError, TaskError) as exc:
            raise errors.ApiError(400, "invalid", str(exc), str(exc)) from None
        task.refresh_from_db()
        return Response(task_data(task, timezone.localdate()))
