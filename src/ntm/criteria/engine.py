"""The evaluation engine: values + profile + period -> verdicts (design.md §5).

A set is compiled once into flat check lists, and thresholds are resolved once per distinct
context (region, group, year), so evaluating the whole country is a tight loop over values.
``summarize`` counts without building explanation objects (national reports and the benchmark);
``evaluate`` builds the full, explained ``UnitResult`` for one unit's page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ntm.criteria.inputs import InPeriodOrder, Observation, Period, UnitProfile
from ntm.criteria.model import CONDITIONS_NUMBER, CriteriaSet, Indicator
from ntm.criteria.results import CriterionResult, IndicatorResult, UnitResult
from ntm.criteria.thresholds import Context, context_key, resolve
from ntm.criteria.verdicts import (
    BY_RANK,
    GE,
    GENERIC,
    GT,
    IS_TRUE,
    LE,
    LT,
    OP_FUNCTIONS,
    PERIOD_TEXT,
    RANK,
    S_MET,
    S_MISSING,
    S_NA,
    S_UNMET,
    STALE_AFTER_MONTHS,
    STATUS_NAMES,
    Check,
    holds,
    indicator_result,
    latest,
    latest_in_order,
    mode_of,
    period_text,
    status_of,
)
from ntm.criteria.verdicts import NO_VALUE as NO_VALUE  # the message explain.py names

if TYPE_CHECKING:
    from ntm.criteria.registry import Registry


@dataclass(slots=True)
class UnitSummary:
    """Counts for one unit and set, without per-indicator explanations. Not frozen for the
    reason ``IndicatorResult`` is not: a country's worth are built at once, and a frozen
    dataclass pays ``object.__setattr__`` per field (measured: 5% of ``summarize``)."""

    unit_code: str
    set_code: str
    criteria_met: int
    criteria_total: int
    indicators_met: int
    indicators_total: int
    indicators_missing: int
    unmet_criteria: tuple[int, ...]
    met: bool


@dataclass(frozen=True, slots=True)
class _Plan:
    """A set compiled for one context and one set of profile flags.

    ``rows`` hold only the checks that apply (code, criterion bit, mode, threshold, check,
    position in ``checks``); the others do not apply by the profile and count as met.
    """

    checks: list[Check]
    bases: list[tuple[str, ...]]
    rows: tuple[tuple[str, int, int, Any, Check, int], ...]
    not_applying: int
    # ``rows`` again, split by how ``summarize`` decides them: "is true", ">= a number" (most
    # indicators) and the other comparisons with a number each in a loop of its own, the
    # others (text, lists, no threshold) through ``status_of``.
    booleans: tuple[tuple[str, int, Check], ...]
    at_least: tuple[tuple[str, int, Any, Check], ...]
    numbers: tuple[tuple[str, int, int, Any, Check], ...]
    others: tuple[tuple[str, int, Check], ...]


class Evaluator:
    """One criteria set compiled for repeated evaluation.

    Why two loops (``summarize`` and ``_run``) written out rather than one generic one: a
    country's evaluation is a loop over 750,000 indicator values, and each attribute read or
    call in it costs a measurable share (``ntm bench --only engine``). Both give exactly the
    verdicts of ``ntm.criteria.reference.ReferenceEvaluator``, the plain statement of the rules
    (tests/criteria/test_fast_path.py compares them on random inputs).
    """

    def __init__(self, criteria_set: CriteriaSet, registry: Registry | None = None) -> None:
        self.criteria_set = criteria_set
        self.registry = registry
        self._indicators: list[tuple[int, Indicator]] = [
            (ci, ind) for ci, crit in enumerate(criteria_set.criteria) for ind in crit.indicators
        ]
        self._compiled: dict[Context, tuple[list[Check], list[tuple[str, ...]]]] = {}
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        self._unmet: dict[int, tuple[tuple[int, ...], int]] = {}
        # Properties of the (frozen) set that ``summarize`` would otherwise recompute per unit.
        self._set_code = criteria_set.code
        self._counted = len(criteria_set.counted_criteria)
        self._complete = criteria_set.complete

    def _checks(self, ctx: Context) -> tuple[list[Check], list[tuple[str, ...]]]:
        compiled = self._compiled.get(ctx)
        if compiled is None:
            checks, bases = [], []
            for ci, ind in self._indicators:
                resolved = resolve(ind, ctx, self.registry)
                checks.append(
                    Check(
                        ind.code,
                        ci,
                        OP_FUNCTIONS[ind.op],
                        resolved.value,
                        ind.applies_if,
                        ind.kind in ("percent", "number"),
                    )
                )
                bases.append(resolved.basis)
            compiled = self._compiled[ctx] = (checks, bases)
        return compiled

    def _plan(self, profile: UnitProfile, year: int) -> _Plan:
        key = (context_key(profile, year), profile.flags)
        plan = self._plans.get(key)
        if plan is None:
            checks, bases = self._checks(Context.of(profile, year))
            rows = tuple(
                (check.code, 1 << check.criterion_index, mode_of(check), check.threshold, check, i)
                for i, check in enumerate(checks)
                if check.applies_if is None or check.applies_if in profile.flags
            )
            plan = self._plans[key] = _Plan(
                checks,
                bases,
                rows,
                len(checks) - len(rows),
                tuple(
                    (code, bit, check) for code, bit, mode, _t, check, _i in rows if mode == IS_TRUE
                ),
                tuple(
                    (code, bit, threshold, check)
                    for code, bit, mode, threshold, check, _i in rows
                    if mode == GE
                ),
                tuple(
                    (code, bit, mode, threshold, check)
                    for code, bit, mode, threshold, check, _i in rows
                    if mode in (GT, LE, LT)
                ),
                tuple(
                    (code, bit, check) for code, bit, mode, _t, check, _i in rows if mode == GENERIC
                ),
            )
        return plan

    def _run(
        self, profile: UnitProfile, values: Mapping[str, Sequence[Observation]], as_of: Period
    ) -> tuple[list[Check], list[tuple[str, ...]], list[int], list[Observation | None]]:
        """Status, picked observation and stale flag for every indicator, in set order."""
        plan = self._plan(profile, as_of.year)
        limit = as_of.index
        in_order = type(values) is InPeriodOrder
        get = values.get
        statuses = [S_NA] * len(plan.checks)
        picked: list[Observation | None] = [None] * len(plan.checks)
        for code, _bit, mode, threshold, check, position in plan.rows:
            series = get(code)
            if not series:
                statuses[position] = S_MISSING
                continue
            obs: Observation | None
            if in_order:
                obs = series[-1]
                if obs.period.index > limit:
                    obs = latest_in_order(series, limit)
            else:
                obs = latest(series, limit)
            picked[position] = obs
            if obs is not None:
                value = obs.value
                if mode == IS_TRUE:
                    if value is True:
                        statuses[position] = S_MET
                        continue
                elif mode != GENERIC and (type(value) is float or type(value) is int):
                    statuses[position] = S_MET if holds(mode, value, threshold) else S_UNMET
                    continue
            statuses[position] = status_of(check, obs)
        return plan.checks, plan.bases, statuses, picked

    def summarize(
        self, profile: UnitProfile, values: Mapping[str, Sequence[Observation]], as_of: Period | str
    ) -> UnitSummary:
        as_of = Period.parse(as_of)
        plan = self._plan(profile, as_of.year)
        if type(values) is not InPeriodOrder:
            _checks, _bases, statuses, _picked = self._run(profile, values, as_of)
            return self._summary(profile, plan, statuses)
        limit = as_of.index
        get = values.get
        failing = 0
        met = plan.not_applying
        # Each indicator's latest value is the last of its list; the common verdicts are decided
        # here, every other one (a missing, "not applicable" or odd value, a later period) by
        # ``status_of`` below.
        others = []
        for code, bit, check in plan.booleans:
            series = get(code)
            if series:
                obs = series[-1]
                if obs.period.index <= limit:
                    value = obs.value
                    if value is True:
                        met += 1
                        continue
                    if value is False:
                        failing |= bit
                        continue
            others.append((bit, check, series))
        for code, bit, threshold, check in plan.at_least:
            series = get(code)
            if series:
                obs = series[-1]
                value = obs.value
                if type(value) is float and obs.period.index <= limit:
                    if value >= threshold:
                        met += 1
                    else:
                        failing |= bit
                    continue
            others.append((bit, check, series))
        for code, bit, mode, threshold, check in plan.numbers:
            series = get(code)
            if series:
                obs = series[-1]
                value = obs.value
                if type(value) is float and obs.period.index <= limit:
                    if holds(mode, value, threshold):
                        met += 1
                    else:
                        failing |= bit
                    continue
            others.append((bit, check, series))
        missing = 0
        for code, bit, check in plan.others:
            others.append((bit, check, get(code)))
        for bit, check, series in others:
            status = status_of(check, latest_in_order(series, limit) if series else None)
            if status in (S_MET, S_NA):
                met += 1
            else:
                failing |= bit
                if status == S_MISSING:
                    missing += 1
        return self._summary_of(profile, plan, met, missing, failing)

    def _summary(self, profile: UnitProfile, plan: _Plan, statuses: list[int]) -> UnitSummary:
        failing = met = missing = 0
        for check, status in zip(plan.checks, statuses, strict=True):
            if status in (S_MET, S_NA):
                met += 1
            else:
                failing |= 1 << check.criterion_index
                if status == S_MISSING:
                    missing += 1
        return self._summary_of(profile, plan, met, missing, failing)

    def _summary_of(
        self, profile: UnitProfile, plan: _Plan, met: int, missing: int, failing: int
    ) -> UnitSummary:
        """The counts of a unit whose failing criteria have their bits set in ``failing``."""
        return self._summary_parts(profile, plan, met, missing, self._unmet_for(failing))

    def _summary_parts(
        self,
        profile: UnitProfile,
        plan: _Plan,
        met: int,
        missing: int,
        unmet_criteria: tuple[tuple[int, ...], int],
    ) -> UnitSummary:
        """The counts of a unit, its unmet criteria as ``_unmet_for`` gives them."""
        unmet, counted_unmet = unmet_criteria
        return UnitSummary(
            profile.code,
            self._set_code,
            self._counted - counted_unmet,
            self._counted,
            met,
            len(plan.checks),
            missing,
            unmet,
            self._complete and not unmet,
        )

    def _unmet_for(self, failing: int) -> tuple[tuple[int, ...], int]:
        """(the numbers of the criteria whose bits are set in ``failing``, how many of them are
        counted), remembered."""
        return self._unmet.get(failing) or self._unmet_criteria(failing)

    def _unmet_criteria(self, failing: int) -> tuple[tuple[int, ...], int]:
        """The numbers of the criteria whose bits are set, and how many of them are counted."""
        unmet = tuple(
            c.number for i, c in enumerate(self.criteria_set.criteria) if failing >> i & 1
        )
        found = self._unmet[failing] = (unmet, sum(1 for n in unmet if n != CONDITIONS_NUMBER))
        return found

    def evaluate(
        self,
        profile: UnitProfile,
        values: Mapping[str, Sequence[Observation]],
        as_of: Period | str,
        extra_basis: Mapping[str, str] | None = None,
    ) -> UnitResult:
        as_of = Period.parse(as_of)
        checks, bases, statuses, picked = self._run(profile, values, as_of)
        crits = self.criteria_set.criteria
        per_criterion: list[list[IndicatorResult]] = [[] for _ in crits]
        worst = [0] * len(crits)  # RANK of each criterion's worst status so far
        stale_before = as_of.index - STALE_AFTER_MONTHS
        for (ci, ind), check, basis, status, obs in zip(
            self._indicators, checks, bases, statuses, picked, strict=True
        ):
            if (
                obs is None
                or extra_basis
                or status > S_UNMET
                or (status == S_UNMET and check.numeric and not isinstance(obs.value, (int, float)))
            ):
                item = indicator_result(ind, check, basis, status, obs, as_of, extra_basis)
            else:  # a value judged met or unmet on its own: nothing to add to the basis
                period = obs.period
                item = IndicatorResult(
                    ind.code,
                    ind.name,
                    STATUS_NAMES[status],
                    obs.value,
                    PERIOD_TEXT.get((period.index, period.month)) or period_text(period),
                    ind.op,
                    check.threshold,
                    basis,
                    ind.unit,
                    ind.verified,
                    period.index < stale_before,
                )
            per_criterion[ci].append(item)
            if RANK[status] > worst[ci]:
                worst[ci] = RANK[status]
        keys = self.criteria_set.revocation_key_criteria
        criteria = tuple(
            CriterionResult(
                crit.number,
                crit.name,
                BY_RANK[rank],
                tuple(items),
                key=crit.number in keys,
            )
            for crit, items, rank in zip(crits, per_criterion, worst, strict=True)
        )
        s = self.criteria_set
        return UnitResult(
            profile.code,
            s.code,
            str(as_of),
            criteria,
            s.declared_criteria,
            s.declared_indicators,
            self._complete,
        )


def evaluate(
    criteria_set: CriteriaSet,
    profile: UnitProfile,
    values: Mapping[str, Sequence[Observation]],
    as_of: Period | str,
    registry: Registry | None = None,
) -> UnitResult:
    """Evaluate one unit against one set (compiles the set; use ``Evaluator`` for many units)."""
    return Evaluator(criteria_set, registry).evaluate(profile, values, as_of)
