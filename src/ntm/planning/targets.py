"""Targets' progress from the engine's results: communes at a level (the summary's counts) or
the unit's criteria met for its level's set, over the past years for the trend."""

from __future__ import annotations

from ntm.assessments.evaluation import evaluate_unit, ladder_sets
from ntm.criteria.inputs import Period
from ntm.criteria.registry import Registry, load_registry
from ntm.planning.models import Target
from ntm.reports.programme_text import period_end
from ntm.reports.targets import TargetProgress, TargetsSection, project
from ntm.reportsdata.gather import figures_for
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree

TREND_YEARS = 4  # the trend reads this many year-ends before the period, and the period itself


def _points(period: Period) -> list[Period]:
    return [*(Period.of(period.year - k) for k in range(TREND_YEARS, 0, -1)), period]


def _level_set(unit: AdminUnit, level: str, period: Period, registry: Registry) -> str | None:
    tiers = {registry.get(code).tier: code for code in ladder_sets(unit.level, period, registry)}
    return tiers.get(level)


def _value(target: Target, period: Period, registry: Registry) -> float:
    if target.kind == "count":
        return float(figures_for(target.unit, period, registry).communes_at.get(target.level, 0))
    set_code = _level_set(target.unit, target.level, period, registry)
    if set_code is None:
        return 0.0
    return float(evaluate_unit(target.unit, set_code, period, registry).criteria_met)


def _goal(target: Target, period: Period, registry: Registry) -> float:
    if target.kind == "count":
        return float(target.count or 0)
    set_code = _level_set(target.unit, target.level, period, registry)
    return float(registry.get(set_code).declared_criteria) if set_code else 0.0


def progress_of(
    target: Target, period: str | Period, registry: Registry | None = None
) -> TargetProgress:
    registry = registry or load_registry()
    period = Period.parse(period)
    history = tuple((period_end(str(p)), _value(target, p, registry)) for p in _points(period))
    as_of = period_end(str(period))
    return TargetProgress(
        target.unit.code,
        target.unit.name,
        target.kind,
        target.level,
        _goal(target, period, registry),
        target.due,
        target.decision,
        as_of,
        history[-1][1],
        project(history, target.due),
        history,
    )


def targets_under(unit: AdminUnit):
    return (
        Target.objects.filter(unit__in=subtree(unit)).select_related("unit").order_by("due", "id")
    )


def targets_section(unit: AdminUnit, period: Period, since: Period | None) -> TargetsSection | None:
    """The summary's "targets" section (registered in ``PlanningConfig.ready``);
    None without targets."""
    targets = list(Target.objects.filter(unit=unit).select_related("unit").order_by("due", "id"))
    if not targets:
        return None
    registry = load_registry()
    return TargetsSection(tuple(progress_of(t, period, registry) for t in targets))
