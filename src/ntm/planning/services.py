"""Writes of follow-up data (Zulip style: ``do_*``, keyword-only, one transaction, audited).

History rows come from ``HistoricalRecords`` on each model, written in the same transaction as
the change; ``_history_user`` and ``_change_reason`` say who and why.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from ntm.criteria.inputs import Period
from ntm.planning.models import CLOSED_STATUSES, DONE, STATUS_CHOICES, Target, Task, TaskUpdate
from ntm.textnorm import format_number_vi
from ntm.units.models import AdminUnit

MSG_CLOSED_BY_VALUE = (
    "Tự động hoàn thành: chỉ tiêu {indicator} đạt ({value} {op} {threshold}) kỳ {period}"
)
MSG_CLOSED_BY_YES = "Tự động hoàn thành: chỉ tiêu {indicator} đạt ({value}) kỳ {period}"
MSG_DUE_BEFORE_START = "Hạn hoàn thành ({due}) trước ngày bắt đầu ({start})"
MSG_BAD_STATUS = "Trạng thái không hợp lệ: {status!r}"
REASON_CREATED = "Tạo nhiệm vụ"
REASON_EDITED = "Sửa nhiệm vụ"
REASON_STATUS = "Cập nhật tiến độ kỳ {period}"
REASON_CLOSED = "Tự động hoàn thành khi chỉ tiêu đạt"
REASON_IMPORT = "Nhập từ tệp {name}"
STATUSES = tuple(code for code, _ in STATUS_CHOICES)


class TaskError(ValueError):
    """A task that cannot be saved as asked; the message is Vietnamese."""


def _user(author: Any):
    return author if getattr(author, "pk", None) else None


def save_audited(obj, author: Any, reason: str) -> None:
    """Save with the history row saying who and why (used by the writers of this app)."""
    obj._history_user = _user(author)
    obj._change_reason = reason[:100]
    obj.save()


@transaction.atomic
def do_create_task(
    *,
    unit: AdminUnit,
    set_code: str,
    criterion: int,
    department: str,
    owner: str,
    start: date,
    due: date,
    author: Any,
    indicator_code: str = "",
    owner_user: Any = None,
    budget: float | None = None,
    target_value: str = "",
    status: str = "not-started",
    note: str = "",
    reason: str = REASON_CREATED,
) -> Task:
    if due < start:
        raise TaskError(MSG_DUE_BEFORE_START.format(due=due.isoformat(), start=start.isoformat()))
    if status not in STATUSES:
        raise TaskError(MSG_BAD_STATUS.format(status=status))
    task = Task(
        unit=unit,
        set_code=set_code,
        criterion=criterion,
        indicator_code=indicator_code,
        department=department,
        owner=owner,
        owner_user=_user(owner_user),
        start=start,
        due=due,
        budget=budget,
        target_value=target_value,
        status=status,
        note=note,
    )
    save_audited(task, author, reason)
    return task


@transaction.atomic
def do_update_task_status(
    *, task: Task, period: str | Period, status: str, comment: str = "", author: Any
) -> TaskUpdate:
    """The task's status for one reporting period, with a comment; the task takes that status."""
    if status not in STATUSES:
        raise TaskError(MSG_BAD_STATUS.format(status=status))
    period = str(Period.parse(period))
    update = TaskUpdate(
        task=task, period=period, status=status, comment=comment, author=_user(author)
    )
    save_audited(update, author, REASON_STATUS.format(period=period))
    if task.status != status:
        task.status = status
        save_audited(task, author, REASON_STATUS.format(period=period))
    return update


EDITABLE_FIELDS = ("department", "owner", "start", "due", "budget", "target_value", "note")


@transaction.atomic
def do_edit_task(*, task: Task, author: Any, **changes: Any) -> Task:
    """Change who, when, how much or the target of a task (e.g. after a one-click creation)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    start, due = changes.get("start", task.start), changes.get("due", task.due)
    if due < start:
        raise TaskError(MSG_DUE_BEFORE_START.format(due=due.isoformat(), start=start.isoformat()))
    changed = {k: v for k, v in changes.items() if getattr(task, k) != v}
    if "owner" in changed:
        task.owner_user = None  # the task now names someone else than the account that made it
    for name, value in changed.items():
        setattr(task, name, value)
    if changed:
        save_audited(task, author, REASON_EDITED)
    return task


@transaction.atomic
def do_save_imported_task(
    *, fields: dict[str, Any], existing: Task | None, author: Any, source_name: str
) -> str:
    """Create a task from a file row, or update the one with the same key; returns
    ``created``, ``updated`` or ``unchanged``."""
    reason = REASON_IMPORT.format(name=source_name)
    if existing is None:
        save_audited(Task(**fields), author, reason)
        return "created"
    changed = [name for name, value in fields.items() if getattr(existing, name) != value]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(existing, name, fields[name])
    save_audited(existing, author, reason)
    return "updated"


@transaction.atomic
def do_close_task_by_value(
    *, task: Task, period: Period, value: Any, op: str, threshold: Any, author: Any
) -> Task:
    """Close ``task``: its indicator's value now meets the threshold; the task says so."""

    def shown(x: Any) -> str:
        return (
            format_number_vi(x)
            if isinstance(x, int | float) and not isinstance(x, bool)
            else str(x)
        )

    if op == "is_true" or threshold is None:
        task.closed_by_value = MSG_CLOSED_BY_YES.format(
            indicator=task.indicator_code,
            value="Đạt" if value is True else shown(value),
            period=period,
        )
    else:
        task.closed_by_value = MSG_CLOSED_BY_VALUE.format(
            indicator=task.indicator_code,
            value=shown(value),
            op=op,
            threshold=shown(threshold),
            period=period,
        )
    task.status = DONE
    save_audited(task, author, REASON_CLOSED)
    update = TaskUpdate(
        task=task,
        period=str(period),
        status=DONE,
        comment=task.closed_by_value,
        author=_user(author),
    )
    save_audited(update, author, REASON_CLOSED)
    return task


@transaction.atomic
def do_create_target(
    *,
    unit: AdminUnit,
    kind: str,
    level: str,
    due: date,
    decision: str,
    author: Any,
    count: int | None = None,
    note: str = "",
) -> Target:
    target = Target(
        unit=unit, kind=kind, level=level, due=due, decision=decision, count=count, note=note
    )
    save_audited(target, author, REASON_CREATED)
    return target


def open_statuses() -> tuple[str, ...]:
    return tuple(s for s in STATUSES if s not in CLOSED_STATUSES)
