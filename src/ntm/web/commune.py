"""What the commune page shows: results per set, the level reached, the trend, what is missing.

Why apart from the view: the page needs several evaluations (each set of the unit's ladder,
and each period for the trend), and the "missing for the next level" reasoning belongs with the
data, not in a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext as _

from ntm.assessments.evaluation import evaluate_unit, ladder_results, ladder_sets, province_code_of
from ntm.assessments.selectors import stored_values
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import load_registry
from ntm.criteria.results import MISSING, CriterionResult, UnitResult
from ntm.recognition.models import LEVEL_CHOICES
from ntm.recognition.selectors import recognised_decisions
from ntm.units.models import AdminUnit
from ntm.web import scope

TREND_MAX_PERIODS = 12
LABELS = dict(LEVEL_CHOICES)


@dataclass(frozen=True, slots=True)
class SetView:
    """One criteria set's result for the unit, with the set and the stored rows behind it."""

    criteria_set: CriteriaSet
    result: UnitResult
    value_ids: dict[str, int]

    @property
    def judged_by(self) -> CriteriaSet | None:
        """The province's own set that judged the unit in place of ``criteria_set`` (None when
        the national set did): the page says so, and its thresholds are the province's."""
        if self.result.set_code == self.criteria_set.code:
            return None
        return load_registry().get(self.result.set_code)


@dataclass(frozen=True, slots=True)
class NextLevel:
    """The lowest set of the ladder not yet reached, and the criteria that keep it so."""

    criteria_set: CriteriaSet
    result: UnitResult
    criteria: tuple[CriterionResult, ...]


def sets_for_unit(unit: AdminUnit, period: Period) -> list[CriteriaSet]:
    """The ladder sets for the unit's level and period, or every set of its level (villages)."""
    registry = load_registry()
    codes = ladder_sets(unit.level, period, registry)
    if codes:
        return [registry.get(c) for c in codes]
    return scope.sets_for_level(unit.level, province=province_code_of(unit))


def set_views(unit: AdminUnit, period: Period, sets: list[CriteriaSet]) -> list[SetView]:
    registry = load_registry()
    ladder = ladder_results([unit], period, registry).get(unit.pk, {})
    views = []
    for criteria_set in sets:
        result = ladder.get(criteria_set.code) or evaluate_unit(
            unit, criteria_set.code, period, registry
        )
        stored = stored_values(unit.pk, criteria_set.code, period)
        views.append(SetView(criteria_set, result, {code: v.pk for code, v in stored.items()}))
    return views


def reached_level(views: list[SetView]) -> str | None:
    return level_reached({v.criteria_set.code: v.result for v in views}, load_registry())


def next_level(views: list[SetView]) -> NextLevel | None:
    """The first set, lowest tier first, whose standard is not met: what to work on next."""
    for view in views:
        if not view.result.met:
            failing = tuple(c for c in view.result.criteria if c.status in ("unmet", "missing"))
            return NextLevel(view.criteria_set, view.result, failing)
    return None


def trend(unit: AdminUnit, sets: list[CriteriaSet], upto: Period) -> dict[str, list]:
    """Criteria met per set for each period with data up to ``upto`` (oldest first)."""
    periods: set[Period] = set()
    for criteria_set in sets:
        periods.update(p for p in scope.periods_with_data(unit, criteria_set.code) if p <= upto)
    shown = sorted(periods)[-TREND_MAX_PERIODS:]
    series = []
    for criteria_set in sets:
        counts = [evaluate_unit(unit, criteria_set.code, p).criteria_met for p in shown]
        series.append(
            {
                "set": criteria_set.code,
                "name": criteria_set.name,
                "total": len(criteria_set.counted_criteria),
                "criteria_met": counts,
            }
        )
    return {"periods": [str(p) for p in shown], "series": series}


LAST_PRE_REFORM_PERIOD = "2025-06"


@dataclass(frozen=True)
class Predecessor:
    """A unit merged into this one, and the level its data reached before the merger."""

    unit: AdminUnit
    level: str | None
    period: str
    partial: bool
    # Its highest recognition by decision in force when it ended ({"level", "decision",
    # "date"}), or None: shown beside the level by data, never merged with it.
    recognised: dict[str, object] | None = None


def predecessors(unit: AdminUnit) -> list[Predecessor]:
    """The units this one was formed from (the 2025 reorganisation, or a registered merger),
    each with its level by data as of the month before it ended (June 2025 for the reform) and
    its recognition by decision in force on its last day.

    Why: a new commune's page must show what its predecessors had reached, labelled as theirs
    (a level by data, not a recognition carried over)."""
    links = list(unit.predecessors.select_related("old").order_by("old__code"))
    out = []
    for link in links:
        end = link.old.valid_to or link.effective
        period = f"{end.year}-{end.month:02d}" if link.old.valid_to else LAST_PRE_REFORM_PERIOD
        results = ladder_results([link.old], period).get(link.old.pk, {})
        with_data = {
            code: r for code, r in results.items() if any(i.status != MISSING for i in r.indicators)
        }
        level = level_reached(with_data, load_registry()) if with_data else None
        on = link.old.valid_to or link.effective - timedelta(days=1)
        decision = recognised_decisions([link.old], on).get(link.old.pk)
        recognised = {**decision, "label": _(LABELS[decision["level"]])} if decision else None
        out.append(Predecessor(link.old, level, period, link.partial, recognised))
    return out


def default_period(unit: AdminUnit) -> Period:
    candidates = [
        scope.latest_period(unit, s.code) for s in scope.sets_for_level(unit.level, unit.era)
    ]
    found = [p for p in candidates if p is not None]
    return max(found) if found else scope.current_period()
