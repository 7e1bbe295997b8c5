"""The evaluation engine: values + profile + period -> verdicts (design.md §5).

A set is compiled once into flat check lists, and thresholds are resolved once per distinct
context (region, group, year), so evaluating the whole country is a tight loop over values.
``summarize`` counts without building explanation objects (national reports and the benchmark);
``evaluate`` builds the full, explained ``UnitResult`` for one unit's page.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ntm.criteria.inputs import NOT_APPLICABLE as NA_VALUE
from ntm.criteria.inputs import InPeriodOrder, Observation, Period, UnitProfile
from ntm.criteria.model import CONDITIONS_NUMBER, CriteriaSet, Indicator
from ntm.criteria.results import (
    MET,
    MISSING,
    NOT_APPLICABLE,
    UNMET,
    CriterionResult,
    IndicatorResult,
    UnitResult,
)
from ntm.criteria.thresholds import Context, context_key, resolve

if TYPE_CHECKING:
    from ntm.criteria.registry import Registry

STALE_AFTER_MONTHS = 12
NO_VALUE = "chưa có số liệu"
NO_THRESHOLD = "chưa xác định được ngưỡng"
BAD_VALUE = "giá trị không đúng kiểu của chỉ tiêu"
NOT_APPLICABLE_FLAG = "không áp dụng cho đơn vị này"
NOT_APPLICABLE_ENTERED = "đơn vị khai báo không áp dụng"

_MET, _UNMET, _MISSING, _NA = 0, 1, 2, 3
STATUS_NAMES = (MET, UNMET, MISSING, NOT_APPLICABLE)
# A criterion takes its indicators' worst status: unmet, then missing, then met; "not
# applicable" only when none of its indicators applies (``_criterion_status``).
_RANK = (1, 3, 2, 0)  # by status
_BY_RANK = (NOT_APPLICABLE, MET, MISSING, UNMET)


def _text_eq(value: Any, threshold: Any) -> bool:
    return bool(_fold(value) == _fold(threshold))


def _text_in(value: Any, allowed: Any) -> bool:
    return _fold(value) in {_fold(a) for a in allowed}


def _fold(value: Any) -> Any:
    return (
        unicodedata.normalize("NFC", value).strip().casefold() if isinstance(value, str) else value
    )


def _is_true(value: Any, _threshold: Any) -> bool:
    return value is True


OP_FUNCTIONS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": _text_eq,
    "in": _text_in,
    "is_true": _is_true,
}
_OP_NAMES = {function: op for op, function in OP_FUNCTIONS.items()}


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
class _Check:
    code: str
    criterion_index: int
    compare: Callable[[Any, Any], bool]
    threshold: Any
    applies_if: str | None
    numeric: bool


# How a check's verdict is found on the fast path: the common kinds inline, the rest through
# ``_status`` (the reference rule), so every verdict is the reference's.
_IS_TRUE, _GE, _GT, _LE, _LT, _GENERIC = range(6)
_NUMERIC_MODES = {">=": _GE, ">": _GT, "<=": _LE, "<": _LT}


@dataclass(frozen=True, slots=True)
class _Plan:
    """A set compiled for one context and one set of profile flags.

    ``rows`` hold only the checks that apply (code, criterion bit, mode, threshold, check,
    position in ``checks``); the others do not apply by the profile and count as met.
    """

    checks: list[_Check]
    bases: list[tuple[str, ...]]
    rows: tuple[tuple[str, int, int, Any, _Check, int], ...]
    not_applying: int
    # ``rows`` again, split by how ``summarize`` decides them: "is true", ">= a number" (most
    # indicators) and the other comparisons with a number each in a loop of its own, the
    # others (text, lists, no threshold) through ``_status``.
    booleans: tuple[tuple[str, int, _Check], ...]
    at_least: tuple[tuple[str, int, Any, _Check], ...]
    numbers: tuple[tuple[str, int, int, Any, _Check], ...]
    others: tuple[tuple[str, int, _Check], ...]


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
        self._compiled: dict[Context, tuple[list[_Check], list[tuple[str, ...]]]] = {}
        self._plans: dict[tuple, _Plan] = {}
        self._unmet: dict[int, tuple[tuple[int, ...], int]] = {}
        # Properties of the (frozen) set that ``summarize`` would otherwise recompute per unit.
        self._set_code = criteria_set.code
        self._counted = len(criteria_set.counted_criteria)
        self._complete = criteria_set.complete

    def _checks(self, ctx: Context) -> tuple[list[_Check], list[tuple[str, ...]]]:
        compiled = self._compiled.get(ctx)
        if compiled is None:
            checks, bases = [], []
            for ci, ind in self._indicators:
                resolved = resolve(ind, ctx, self.registry)
                checks.append(
                    _Check(
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
                (check.code, 1 << check.criterion_index, _mode(check), check.threshold, check, i)
                for i, check in enumerate(checks)
                if check.applies_if is None or check.applies_if in profile.flags
            )
            plan = self._plans[key] = _Plan(
                checks,
                bases,
                rows,
                len(checks) - len(rows),
                tuple(
                    (code, bit, check)
                    for code, bit, mode, _t, check, _i in rows
                    if mode == _IS_TRUE
                ),
                tuple(
                    (code, bit, threshold, check)
                    for code, bit, mode, threshold, check, _i in rows
                    if mode == _GE
                ),
                tuple(
                    (code, bit, mode, threshold, check)
                    for code, bit, mode, threshold, check, _i in rows
                    if mode in (_GT, _LE, _LT)
                ),
                tuple(
                    (code, bit, check)
                    for code, bit, mode, _t, check, _i in rows
                    if mode == _GENERIC
                ),
            )
        return plan

    def _run(
        self, profile: UnitProfile, values: Mapping[str, Sequence[Observation]], as_of: Period
    ) -> tuple[list[_Check], list[tuple[str, ...]], list[int], list[Observation | None]]:
        """Status, picked observation and stale flag for every indicator, in set order."""
        plan = self._plan(profile, as_of.year)
        limit = as_of.index
        in_order = type(values) is InPeriodOrder
        get = values.get
        statuses = [_NA] * len(plan.checks)
        picked: list[Observation | None] = [None] * len(plan.checks)
        for code, _bit, mode, threshold, check, position in plan.rows:
            series = get(code)
            if not series:
                statuses[position] = _MISSING
                continue
            if in_order:
                obs = series[-1]
                if obs.period.index > limit:
                    obs = _latest_in_order(series, limit)
            else:
                obs = _latest(series, limit)
            picked[position] = obs
            if obs is not None:
                value = obs.value
                if mode == _IS_TRUE:
                    if value is True:
                        statuses[position] = _MET
                        continue
                elif mode != _GENERIC and (type(value) is float or type(value) is int):
                    statuses[position] = _MET if _holds(mode, value, threshold) else _UNMET
                    continue
            statuses[position] = _status(check, obs)
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
        # ``_status`` below.
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
                    if _holds(mode, value, threshold):
                        met += 1
                    else:
                        failing |= bit
                    continue
            others.append((bit, check, series))
        missing = 0
        for code, bit, check in plan.others:
            others.append((bit, check, get(code)))
        for bit, check, series in others:
            status = _status(check, _latest_in_order(series, limit) if series else None)
            if status in (_MET, _NA):
                met += 1
            else:
                failing |= bit
                if status == _MISSING:
                    missing += 1
        return self._summary_of(profile, plan, met, missing, failing)

    def _summary(self, profile: UnitProfile, plan: _Plan, statuses: list[int]) -> UnitSummary:
        failing = met = missing = 0
        for check, status in zip(plan.checks, statuses, strict=True):
            if status in (_MET, _NA):
                met += 1
            else:
                failing |= 1 << check.criterion_index
                if status == _MISSING:
                    missing += 1
        return self._summary_of(profile, plan, met, missing, failing)

    def _summary_of(
        self, profile: UnitProfile, plan: _Plan, met: int, missing: int, failing: int
    ) -> UnitSummary:
        """The counts of a unit whose failing criteria have their bits set in ``failing``."""
        unmet, counted_unmet = self._unmet.get(failing) or self._unmet_criteria(failing)
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
        worst = [0] * len(crits)  # _RANK of each criterion's worst status so far
        stale_before = as_of.index - STALE_AFTER_MONTHS
        for (ci, ind), check, basis, status, obs in zip(
            self._indicators, checks, bases, statuses, picked, strict=True
        ):
            if (
                obs is None
                or extra_basis
                or status > _UNMET
                or (status == _UNMET and check.numeric and not isinstance(obs.value, (int, float)))
            ):
                item = _indicator_result(ind, check, basis, status, obs, as_of, extra_basis)
            else:  # a value judged met or unmet on its own: nothing to add to the basis
                period = obs.period
                item = IndicatorResult(
                    ind.code,
                    ind.name,
                    STATUS_NAMES[status],
                    obs.value,
                    _PERIOD_TEXT.get((period.index, period.month)) or _period_text(period),
                    ind.op,
                    check.threshold,
                    basis,
                    ind.unit,
                    ind.verified,
                    period.index < stale_before,
                )
            per_criterion[ci].append(item)
            if _RANK[status] > worst[ci]:
                worst[ci] = _RANK[status]
        keys = self.criteria_set.revocation_key_criteria
        criteria = tuple(
            CriterionResult(
                crit.number,
                crit.name,
                _BY_RANK[rank],
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


def _mode(check: _Check) -> int:
    """How the fast path decides ``check``: inline for a boolean or a number against a number,
    through ``_status`` for anything else (text, lists, a threshold not determined)."""
    if check.compare is _is_true:
        return _IS_TRUE
    mode = _NUMERIC_MODES.get(_OP_NAMES.get(check.compare, ""))
    if mode is not None and check.numeric and type(check.threshold) in (float, int):
        return mode
    return _GENERIC


def _holds(mode: int, value: float, threshold: float) -> bool:
    if mode == _GE:
        return value >= threshold
    if mode == _GT:
        return value > threshold
    if mode == _LE:
        return value <= threshold
    return value < threshold


def _status(check: _Check, obs: Observation | None) -> int:
    """THE rule for one applying check and the observation picked for it."""
    if obs is None or obs.value is None:
        return _MISSING
    value = obs.value
    if value is NA_VALUE:
        return _NA
    if check.threshold is None and check.compare is not _is_true:
        return _MISSING
    if check.numeric and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return _UNMET
    try:
        return _MET if check.compare(value, check.threshold) else _UNMET
    except TypeError:
        return _UNMET


def _latest(observations: Sequence[Observation] | None, limit: int) -> Observation | None:
    """The observation with the latest period at or before ``limit`` (any input order)."""
    best = None
    best_index = -1
    for obs in observations or ():
        index = obs.period.index
        if best_index <= index <= limit:
            best, best_index = obs, index
    return best


def _latest_in_order(observations: Sequence[Observation], limit: int) -> Observation | None:
    """``_latest`` of observations oldest first: the last one at or before ``limit``."""
    for obs in reversed(observations):
        if obs.period.index <= limit:
            return obs
    return None


def _indicator_result(
    ind: Indicator,
    check: _Check,
    basis: tuple[str, ...],
    status: int,
    obs: Observation | None,
    as_of: Period,
    extra_basis: Mapping[str, str] | None,
) -> IndicatorResult:
    """Built for every indicator of every unit on a page or report: kept allocation-light."""
    extra = extra_basis.get(ind.code) if extra_basis else None
    if extra is not None:
        basis = (*basis, extra)
    if status == _NA:
        basis = (*basis, NOT_APPLICABLE_FLAG if obs is None else NOT_APPLICABLE_ENTERED)
    elif status == _MISSING:
        basis = (*basis, NO_VALUE if obs is None or obs.value is None else NO_THRESHOLD)
    elif (
        status == _UNMET
        and check.numeric
        and obs is not None
        and not isinstance(obs.value, (int, float))
    ):
        basis = (*basis, BAD_VALUE)
    if obs is None:
        return IndicatorResult(
            ind.code,
            ind.name,
            STATUS_NAMES[status],
            None,
            None,
            ind.op,
            check.threshold,
            basis,
            ind.unit,
            ind.verified,
            False,
        )
    value = None if obs.value is NA_VALUE else obs.value
    stale = as_of.index - obs.period.index > STALE_AFTER_MONTHS
    return IndicatorResult(
        ind.code,
        ind.name,
        STATUS_NAMES[status],
        value,
        _period_text(obs.period),
        ind.op,
        check.threshold,
        basis,
        ind.unit,
        ind.verified,
        stale,
    )


_PERIOD_TEXT: dict[tuple[int, int | None], str] = {}


def _period_text(period: Period) -> str:
    """``str(period)``, cached: keyed by month too, as "2023" and "2023-12" share an index."""
    key = (period.index, period.month)
    text = _PERIOD_TEXT.get(key)
    if text is None:
        text = _PERIOD_TEXT[key] = str(period)
    return text


def _criterion_status(items: list[IndicatorResult]) -> str:
    statuses = [i.status for i in items]
    if UNMET in statuses:
        return UNMET
    if MISSING in statuses:
        return MISSING
    if MET in statuses:
        return MET
    return NOT_APPLICABLE


def evaluate(
    criteria_set: CriteriaSet,
    profile: UnitProfile,
    values: Mapping[str, Sequence[Observation]],
    as_of: Period | str,
    registry: Registry | None = None,
) -> UnitResult:
    """Evaluate one unit against one set (compiles the set; use ``Evaluator`` for many units)."""
    return Evaluator(criteria_set, registry).evaluate(profile, values, as_of)
