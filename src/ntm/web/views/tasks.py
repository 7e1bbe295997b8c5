"""Task pages: create one from an unmet criterion in one click, list a unit's tasks with the
overdue ones per person and department, and report a task's progress each period."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ntm.accounts.access import (
    access_unit_for_user,
    can_manage_tasks,
    can_update_task_status,
    can_view_unit,
)
from ntm.criteria.inputs import Period
from ntm.criteria.registry import UnknownSet, load_registry
from ntm.planning.models import STATUS_CHOICES, Task
from ntm.planning.selectors import is_overdue, overdue_by, tasks_under
from ntm.planning.services import TaskError, do_create_task, do_edit_task, do_update_task_status
from ntm.textnorm import parse_date, parse_number
from ntm.units.models import AdminUnit
from ntm.web.scope import period_date

DEFAULT_DAYS = 90  # a task made in one click is due in three months unless the form says otherwise
MSG_NO_TASK = "Không tìm thấy nhiệm vụ, hoặc bạn không có quyền xem."
MSG_MAY_NOT_ASSIGN = "Bạn không được giao nhiệm vụ cho tiêu chí này ở đơn vị này."
MSG_MAY_NOT_UPDATE = "Bạn không được cập nhật nhiệm vụ này."
MSG_BAD_FORM = "Thông tin nhiệm vụ không hợp lệ: {reason}"
MSG_CREATED = "Đã giao nhiệm vụ: tiêu chí {criterion}{indicator}, {owner}, hạn {due}."
MSG_EDITED = "Đã sửa nhiệm vụ."
MSG_UPDATED = "Đã cập nhật tiến độ kỳ {period}."


def _get_task_for_user(request: HttpRequest, pk: int) -> Task:
    """The task if the user may see its unit, else 404 (never a hint that it exists)."""
    task = Task.objects.select_related("unit", "owner_user").filter(pk=pk).first()
    if task is None or not can_view_unit(request.user, task.unit):
        raise Http404(_(MSG_NO_TASK))
    return task


def _as_of(request: HttpRequest) -> date:
    text = request.GET.get("as_of")
    if not text:
        return timezone.localdate()
    try:
        return parse_date(text)
    except ValueError:
        raise Http404(MSG_BAD_FORM.format(reason=text)) from None


@require_safe
@login_required
def task_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    as_of = _as_of(request)
    only_overdue = request.GET.get("overdue") == "1"
    tasks = [t for t in tasks_under(unit) if not only_overdue or is_overdue(t, as_of)]
    context = {
        "unit": unit,
        "as_of": as_of,
        "only_overdue": only_overdue,
        "rows": [(t, is_overdue(t, as_of)) for t in tasks],
        "by_owner": overdue_by(unit, as_of, "owner"),
        "by_department": overdue_by(unit, as_of, "department"),
        "statuses": dict(STATUS_CHOICES),
    }
    return render(request, "web/followup/tasks.html", context)


def _form_fields(request: HttpRequest, unit: AdminUnit) -> dict:
    """The task the form asks for, with the one-click defaults: the criterion's department,
    the current user as owner, from today for ``DEFAULT_DAYS``."""
    post = request.POST
    set_code = post.get("set", "")
    try:
        criteria_set = load_registry().get(set_code)
        criterion = criteria_set.criterion(int(post.get("criterion", "")))
    except (UnknownSet, KeyError, ValueError):
        raise Http404(MSG_BAD_FORM.format(reason=set_code)) from None
    indicator = post.get("indicator", "").strip()
    if indicator and indicator not in {i.code for i in criterion.indicators}:
        raise Http404(MSG_BAD_FORM.format(reason=indicator))
    today = timezone.localdate()
    try:
        start = parse_date(post["start"]) if post.get("start") else today
        due = parse_date(post["due"]) if post.get("due") else today + timedelta(days=DEFAULT_DAYS)
        budget = parse_number(post["budget"]) if post.get("budget") else None
    except ValueError as exc:
        raise TaskError(str(exc)) from None
    user = request.user
    return {
        "unit": unit,
        "set_code": set_code,
        "criterion": criterion.number,
        "indicator_code": indicator,
        "department": post.get("department", "").strip() or criterion.department or "—",
        "owner": post.get("owner", "").strip() or user.get_full_name() or user.get_username(),
        "owner_user": None if post.get("owner", "").strip() else user,
        "start": start,
        "due": due,
        "budget": budget,
        "target_value": post.get("target_value", "").strip(),
        "note": post.get("note", "").strip(),
    }


@require_POST
@login_required
def task_create(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    criterion = request.POST.get("criterion", "")
    if not criterion.isdigit() or not can_manage_tasks(
        request.user, unit, request.POST.get("set", ""), int(criterion)
    ):
        raise PermissionDenied(_(MSG_MAY_NOT_ASSIGN))
    try:
        task = do_create_task(**_form_fields(request, unit), author=request.user)
    except TaskError as exc:
        messages.error(request, _(MSG_BAD_FORM).format(reason=exc))
        return redirect("web:tasks", code=unit.code)
    messages.success(
        request,
        _(MSG_CREATED).format(
            criterion=task.criterion,
            indicator=f" ({task.indicator_code})" if task.indicator_code else "",
            owner=task.owner,
            due=task.due.strftime("%d/%m/%Y"),
        ),
    )
    return redirect("web:task", pk=task.pk)


def _edited_fields(request: HttpRequest) -> dict:
    post = request.POST
    owner, department = post.get("owner", "").strip(), post.get("department", "").strip()
    if not owner or not department:
        raise TaskError(_("thiếu người phụ trách hoặc phòng, ban"))
    return {
        "owner": owner,
        "department": department,
        "start": parse_date(post.get("start", "")),
        "due": parse_date(post.get("due", "")),
        "budget": parse_number(post["budget"]) if post.get("budget", "").strip() else None,
        "target_value": post.get("target_value", "").strip(),
        "note": post.get("note", "").strip(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    task = _get_task_for_user(request, pk)
    may_update = can_update_task_status(
        request.user, task.unit, task.set_code, task.criterion, task.owner_user_id
    )
    may_manage = can_manage_tasks(request.user, task.unit, task.set_code, task.criterion)
    if request.method == "POST" and request.POST.get("action") == "edit":
        if not may_manage:
            raise PermissionDenied(_(MSG_MAY_NOT_UPDATE))
        try:
            do_edit_task(task=task, author=request.user, **_edited_fields(request))
        except (ValueError, TaskError) as exc:
            messages.error(request, _(MSG_BAD_FORM).format(reason=exc))
        else:
            messages.success(request, _(MSG_EDITED))
        return redirect("web:task", pk=task.pk)
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied(_(MSG_MAY_NOT_UPDATE))
        try:
            period = str(Period.parse(request.POST.get("period", "")))
            do_update_task_status(
                task=task,
                period=period,
                status=request.POST.get("status", ""),
                comment=request.POST.get("comment", "").strip(),
                author=request.user,
            )
        except (ValueError, TaskError) as exc:
            messages.error(request, _(MSG_BAD_FORM).format(reason=exc))
        else:
            messages.success(request, _(MSG_UPDATED).format(period=period))
        return redirect("web:task", pk=task.pk)
    today = timezone.localdate()
    context = {
        "task": task,
        "updates": task.updates.select_related("author"),
        "may_update": may_update,
        "may_manage": may_manage,
        "statuses": STATUS_CHOICES,
        "status_label": dict(STATUS_CHOICES).get(task.status, task.status),
        "overdue": is_overdue(task, today),
        "this_period": f"{today.year}-{today.month:02d}",
    }
    return render(request, "web/followup/task.html", context)
