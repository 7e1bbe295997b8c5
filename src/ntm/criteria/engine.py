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
from ntm.criteria.inputs import Observation, Period, UnitProfile
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
from ntm.criteria.thresholds import Context, resolve

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


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """Counts for one unit and set, without per-indicator explanations."""

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


class Evaluator:
    """One criteria set compiled for repeated evaluation."""

    def __init__(self, criteria_set: CriteriaSet, registry: Registry | None = None) -> None:
        self.criteria_set = criteria_set
        self.registry = registry
        self._indicators: list[tuple[int, Indicator]] = [
            (ci, ind) for ci, crit in enumerate(criteria_set.criteria) for ind in crit.indicators
        ]
        self._compiled: dict[Context, tuple[list[_Check], list[tuple[str, ...]]]] = {}

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

    def _run(
        self, profile: UnitProfile, values: Mapping[str, Sequence[Observation]], as_of: Period
    ) -> tuple[list[_Check], list[tuple[str, ...]], list[int], list[Observation | None]]:
        """Status, picked observation and stale flag for every indicator, in set order."""
        checks, bases = self._checks(Context.of(profile, as_of.year))
        limit = as_of.index
        flags = profile.flags
        statuses: list[int] = []
        picked: list[Observation | None] = []
        for check in checks:
            if check.applies_if is not None and check.applies_if not in flags:
                statuses.append(_NA)
                picked.append(None)
                continue
            obs = _latest(values.get(check.code), limit)
            picked.append(obs)
            if obs is None or obs.value is None:
                statuses.append(_MISSING)
                continue
            value = obs.value
            if value is NA_VALUE:
                statuses.append(_NA)
            elif check.threshold is None and check.compare is not _is_true:
                statuses.append(_MISSING)
            elif check.numeric and (isinstance(value, bool) or not isinstance(value, (int, float))):
                statuses.append(_UNMET)
            else:
                try:
                    statuses.append(_MET if check.compare(value, check.threshold) else _UNMET)
                except TypeError:
                    statuses.append(_UNMET)
        return checks, bases, statuses, picked

    def summarize(
        self, profile: UnitProfile, values: Mapping[str, Sequence[Observation]], as_of: Period | str
    ) -> UnitSummary:
        as_of = Period.parse(as_of)
        checks, _bases, statuses, _picked = self._run(profile, values, as_of)
        failing = [False] * len(self.criteria_set.criteria)
        met = missing = 0
        for check, status in zip(checks, statuses, strict=True):
            if status in (_MET, _NA):
                met += 1
            else:
                failing[check.criterion_index] = True
                if status == _MISSING:
                    missing += 1
        unmet = tuple(
            c.number for c, fail in zip(self.criteria_set.criteria, failing, strict=True) if fail
        )
        s = self.criteria_set
        counted = len(s.counted_criteria)
        counted_unmet = sum(1 for n in unmet if n != CONDITIONS_NUMBER)
        return UnitSummary(
            profile.code,
            s.code,
            counted - counted_unmet,
            counted,
            met,
            len(checks),
            missing,
            unmet,
            s.complete and not unmet,
        )

    def evaluate(
        self,
        profile: UnitProfile,
        values: Mapping[str, Sequence[Observation]],
        as_of: Period | str,
        extra_basis: Mapping[str, str] | None = None,
    ) -> UnitResult:
        as_of = Period.parse(as_of)
        checks, bases, statuses, picked = self._run(profile, values, as_of)
        per_criterion: list[list[IndicatorResult]] = [[] for _ in self.criteria_set.criteria]
        for (ci, ind), check, basis, status, obs in zip(
            self._indicators, checks, bases, statuses, picked, strict=True
        ):
            per_criterion[ci].append(
                _indicator_result(ind, check, basis, status, obs, as_of, extra_basis)
            )
        criteria = tuple(
            CriterionResult(
                crit.number,
                crit.name,
                _criterion_status(items),
                tuple(items),
                key=crit.number in self.criteria_set.revocation_key_criteria,
            )
            for crit, items in zip(self.criteria_set.criteria, per_criterion, strict=True)
        )
        s = self.criteria_set
        return UnitResult(
            profile.code,
            s.code,
            str(as_of),
            criteria,
            s.declared_criteria,
            s.declared_indicators,
            s.complete,
        )


def _latest(observations: Sequence[Observation] | None, limit: int) -> Observation | None:
    """The observation with the latest period at or before ``limit`` (any input order)."""
    best = None
    best_index = -1
    for obs in observations or ():
        index = obs.period.index
        if best_index <= index <= limit:
            best, best_index = obs, index
    return best


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
