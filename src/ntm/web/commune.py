"""What the commune page shows: results per set, the level reached, the trend, what is missing.

Why apart from the view: the page needs several evaluations (each set of the unit's ladder,
and each period for the trend), and the "missing for the next level" reasoning belongs with the
data, not in a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Max
from django.utils.translation import gettext as _

from ntm.assessments.evaluation import evaluate_unit, ladder_results, ladder_sets, province_code_of
from ntm.assessments.models import IndicatorValue
from ntm.assessments.selectors import values_under
from ntm.assessments.stored import stored_results
from ntm.assessments.stored_keys import digest_for
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import load_registry
from ntm.criteria.results import MISSING, CriterionResult, UnitResult
from ntm.recognition.models import LEVEL_CHOICES
from ntm.recognition.selectors import recognised_decisions
from ntm.units.models import AdminUnit
from ntm.web import fragments, scope

TREND_MAX_PERIODS = 12
LABELS = dict(LEVEL_CHOICES)
# The columns a value is read from (``assessments.selectors``): with the period, its content.
VALUE_COLUMNS = (
    "period",
    "raw",
    "value_number",
    "value_bool",
    "value_text",
    "not_applicable",
)


@dataclass(frozen=True, slots=True)
class SetView:
    """One criteria set's result for the unit, with the set and the stored rows behind it."""

    criteria_set: CriteriaSet
    result: UnitResult
    value_ids: dict[str, int]
    # Digest of what ``result`` is computed from (``fragments``' key); None when the set
    # counts other units' results (a district's sets), which the digest does not cover.
    inputs: str | None

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
    results = {
        s.code: ladder.get(s.code) or evaluate_unit(unit, s.code, period, registry) for s in sets
    }
    # The set that judged each result may be the province's own (``SetView.judged_by``).
    codes = sorted({*results, *(r.set_code for r in results.values())})
    ids, rows = value_ids(unit, codes, period)
    views = []
    for criteria_set in sets:
        result = results[criteria_set.code]
        judging = registry.get(result.set_code)
        rules = digest_for(unit, set_digest(judging))
        inputs = (
            None
            if any(i.aggregate is not None for i in judging.indicators)
            else fragments.digest(
                [
                    unit.pk,
                    str(period),
                    criteria_set.code,
                    result.set_code,
                    rules,
                    rows.get(criteria_set.code),
                    rows.get(result.set_code),
                ]
            )
        )
        views.append(SetView(criteria_set, result, ids.get(criteria_set.code, {}), inputs))
    return views


def value_ids(
    unit: AdminUnit, set_codes: list[str], period: Period
) -> tuple[dict[str, dict[str, int]], dict[str, list[tuple]]]:
    """The id of the latest stored value per set and indicator at or before ``period`` (the
    page links each to its history), and per set every such value as stored (indicator, id,
    period, value columns): what the set's result is computed from. One query, no authors."""
    rows = IndicatorValue.objects.filter(
        unit_id=unit.pk, set_code__in=set_codes, period_index__lte=period.index
    ).order_by("period_index", "pk")
    ids: dict[str, dict[str, int]] = {}
    seen: dict[str, list[tuple]] = {}
    for row in rows.values_list("set_code", "indicator_code", "pk", *VALUE_COLUMNS):
        ids.setdefault(row[0], {})[row[1]] = row[2]
        seen.setdefault(row[0], []).append(row[1:])
    return ids, seen


def periods_with_data(unit: AdminUnit, sets: list[CriteriaSet]) -> dict[str, list[Period]]:
    """For each set, the periods with a value in the unit's subtree, oldest first: one query
    for all the sets (the page's period list and its trend read the same)."""
    rows = values_under(unit, [s.code for s in sets]).values_list("set_code", "period")
    out: dict[str, set[Period]] = {s.code: set() for s in sets}
    for set_code, text in rows.distinct():
        out.setdefault(set_code, set()).add(Period.parse(text))
    return {code: sorted(periods) for code, periods in out.items()}


def reached_level(views: list[SetView]) -> str | None:
    return level_reached({v.criteria_set.code: v.result for v in views}, load_registry())


def next_level(views: list[SetView]) -> NextLevel | None:
    """The first set, lowest tier first, whose standard is not met: what to work on next."""
    for view in views:
        if not view.result.met:
            failing = tuple(c for c in view.result.criteria if c.status in ("unmet", "missing"))
            return NextLevel(view.criteria_set, view.result, failing)
    return None


def trend(
    unit: AdminUnit,
    sets: list[CriteriaSet],
    upto: Period,
    periods: dict[str, list[Period]] | None = None,
) -> dict[str, list]:
    """Criteria met per set for each period with data up to ``upto`` (oldest first), from the
    stored results (``periods``: ``periods_with_data``, when the caller has them)."""
    periods = periods if periods is not None else periods_with_data(unit, sets)
    shown = sorted({p for s in sets for p in periods.get(s.code, ()) if p <= upto})
    shown = shown[-TREND_MAX_PERIODS:]
    registry = load_registry()
    series = []
    for criteria_set in sets:
        counts = []
        for p in shown:
            stored = stored_results([unit], criteria_set.code, p, registry).get(unit.pk)
            counts.append(stored.result.criteria_met if stored else 0)
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
    """The newest period with a value of the unit's sets in its subtree (one query), else the
    current month."""
    codes = [s.code for s in scope.sets_for_level(unit.level, unit.era)]
    values = values_under(unit, codes)
    top = values.aggregate(top=Max("period_index"))["top"]
    if top is None:
        return scope.current_period()
    texts = values.filter(period_index=top).values_list("period", flat=True).distinct()
    return max(Period.parse(t) for t in texts)
