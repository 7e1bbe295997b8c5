"""Reads of follow-up data: gap lists (from the review's own selection) and task lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from ntm.accounts.access import subtree_q
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import Registry, load_registry
from ntm.planning.models import CLOSED_STATUSES, Task
from ntm.planning.weights import EffortConfig, effort_for
from ntm.reports.gaps import DEFAULT_DURABLE_MARGIN, CommuneGap, Gaps, build_gaps, not_durable
from ntm.reportsdata.gather import review_entries
from ntm.units.models import AdminUnit


def gaps_for(
    unit: AdminUnit,
    set_code: str | None,
    period: str | Period,
    registry: Registry | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    durable_margin: float = DEFAULT_DURABLE_MARGIN,
    by_effort: bool = False,
) -> Gaps:
    """Every commune the review of ``unit`` covers that does not meet the set, easy first."""
    registry = registry or load_registry()
    criteria_set, period, entries = review_entries(unit, set_code, period, registry, explained=True)
    return build_gaps(
        unit.code,
        criteria_set.code,
        str(period),
        ((e.code, e.name, e.result) for e in entries),
        weights=weights,
        durable_margin=durable_margin,
        by_effort=by_effort,
    )


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A gap page's data: the gaps (easy first, or by the province's effort weights), the
    communes with criteria met only narrowly, and the configuration used."""

    criteria_set: CriteriaSet
    gaps: Gaps
    fragile: list[CommuneGap]
    effort: EffortConfig


def follow_up_for(
    unit: AdminUnit,
    set_code: str | None,
    period: str | Period,
    registry: Registry | None = None,
    *,
    by_effort: bool = False,
    durable_margin: float | None = None,
) -> FollowUp:
    """One evaluation (the review's selection) for the gap list and the "not durable" list."""
    registry = registry or load_registry()
    effort = effort_for(unit)
    margin = effort.durable_margin if durable_margin is None else durable_margin
    criteria_set, period, entries = review_entries(unit, set_code, period, registry, explained=True)
    triples = [(e.code, e.name, e.result) for e in entries]
    gaps = build_gaps(
        unit.code,
        criteria_set.code,
        str(period),
        triples,
        weights=effort.weights,
        durable_margin=margin,
        by_effort=by_effort,
    )
    return FollowUp(criteria_set, gaps, not_durable(triples, durable_margin=margin), effort)


def tasks_under(unit: AdminUnit) -> QuerySet[Task]:
    """The tasks of ``unit`` and every unit under it, soonest due first."""
    return (
        Task.objects.filter(subtree_q(unit, "unit__"))
        .select_related("unit", "owner_user")
        .order_by("due", "unit__code", "criterion", "indicator_code", "id")
    )


def is_overdue(task: Task, as_of: date) -> bool:
    """Not done or cancelled, and due before ``as_of``."""
    return task.status not in CLOSED_STATUSES and task.due < as_of


def overdue_under(unit: AdminUnit, as_of: date) -> QuerySet[Task]:
    return tasks_under(unit).exclude(status__in=CLOSED_STATUSES).filter(due__lt=as_of)


def overdue_by(unit: AdminUnit, as_of: date, field: str) -> dict[str, list[Task]]:
    """Overdue tasks grouped by ``owner`` or ``department`` (the lists an office chases)."""
    out: dict[str, list[Task]] = {}
    for task in overdue_under(unit, as_of):
        out.setdefault(getattr(task, field), []).append(task)
    return dict(sorted(out.items()))


def task_to_json(task: Task, as_of: date) -> dict:
    """The contract's shape (design.md §10) for ``ntm tasks --json`` and the API."""
    return {
        "unit": task.unit.code,
        "criterion": task.criterion,
        "indicator": task.indicator_code or None,
        "department": task.department,
        "owner": task.owner,
        "start": task.start.isoformat(),
        "due": task.due.isoformat(),
        "status": task.status,
        "overdue": is_overdue(task, as_of),
    }
