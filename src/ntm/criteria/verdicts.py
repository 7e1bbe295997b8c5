"""One indicator's verdict: the comparison rules, the value picked for a period, and the
explained result (design.md §5). Shared by the fast ``Evaluator`` and the plain
``ReferenceEvaluator``, so the two cannot state a rule differently.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ntm.criteria.inputs import NOT_APPLICABLE as NA_VALUE
from ntm.criteria.inputs import Observation, Period
from ntm.criteria.model import Indicator
from ntm.criteria.results import (
    MET,
    MISSING,
    NOT_APPLICABLE,
    UNMET,
    IndicatorResult,
)

STALE_AFTER_MONTHS = 12
NO_VALUE = "chưa có số liệu"
NO_THRESHOLD = "chưa xác định được ngưỡng"
BAD_VALUE = "giá trị không đúng kiểu của chỉ tiêu"
NOT_APPLICABLE_FLAG = "không áp dụng cho đơn vị này"
NOT_APPLICABLE_ENTERED = "đơn vị khai báo không áp dụng"

S_MET, S_UNMET, S_MISSING, S_NA = 0, 1, 2, 3
STATUS_NAMES = (MET, UNMET, MISSING, NOT_APPLICABLE)
# A criterion takes its indicators' worst status: unmet, then missing, then met; "not
# applicable" only when none of its indicators applies (``criterion_status``).
RANK = (1, 3, 2, 0)  # by status
BY_RANK = (NOT_APPLICABLE, MET, MISSING, UNMET)


def _text_eq(value: Any, threshold: Any) -> bool:
    return bool(_fold(value) == _fold(threshold))


def _text_in(value: Any, allowed: Any) -> bool:
    return _fold(value) in {_fold(a) for a in allowed}


def _fold(value: Any) -> Any:
    return (
        unicodedata.normalize("NFC", value).strip().casefold() if isinstance(value, str) else value
    )


def is_true(value: Any, _threshold: Any) -> bool:
    return value is True


OP_FUNCTIONS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": _text_eq,
    "in": _text_in,
    "is_true": is_true,
}
OP_NAMES = {function: op for op, function in OP_FUNCTIONS.items()}


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    criterion_index: int
    compare: Callable[[Any, Any], bool]
    threshold: Any
    applies_if: str | None
    numeric: bool


# How a check's verdict is found on the fast path: the common kinds inline, the rest through
# ``status_of`` (the reference rule), so every verdict is the reference's.
IS_TRUE, GE, GT, LE, LT, GENERIC = range(6)
_NUMERIC_MODES = {">=": GE, ">": GT, "<=": LE, "<": LT}


def mode_of(check: Check) -> int:
    """How the fast path decides ``check``: inline for a boolean or a number against a number,
    through ``status_of`` for anything else (text, lists, a threshold not determined)."""
    if check.compare is is_true:
        return IS_TRUE
    mode = _NUMERIC_MODES.get(OP_NAMES.get(check.compare, ""))
    if mode is not None and check.numeric and type(check.threshold) in (float, int):
        return mode
    return GENERIC


def holds(mode: int, value: float, threshold: float) -> bool:
    if mode == GE:
        return value >= threshold
    if mode == GT:
        return value > threshold
    if mode == LE:
        return value <= threshold
    return value < threshold


def status_of(check: Check, obs: Observation | None) -> int:
    """THE rule for one applying check and the observation picked for it."""
    return S_MISSING if obs is None else status_of_value(check, obs.value)


def status_of_value(check: Check, value: Any) -> int:
    """``status_of`` the value of the observation picked (None: no value)."""
    if value is None:
        return S_MISSING
    if value is NA_VALUE:
        return S_NA
    if check.threshold is None and check.compare is not is_true:
        return S_MISSING
    if check.numeric and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return S_UNMET
    try:
        return S_MET if check.compare(value, check.threshold) else S_UNMET
    except TypeError:
        return S_UNMET


def latest(observations: Sequence[Observation] | None, limit: int) -> Observation | None:
    """The observation with the latest period at or before ``limit`` (any input order)."""
    best = None
    best_index = -1
    for obs in observations or ():
        index = obs.period.index
        if best_index <= index <= limit:
            best, best_index = obs, index
    return best


def latest_in_order(observations: Sequence[Observation], limit: int) -> Observation | None:
    """``latest`` of observations oldest first: the last one at or before ``limit``."""
    for obs in reversed(observations):
        if obs.period.index <= limit:
            return obs
    return None


def indicator_result(
    ind: Indicator,
    check: Check,
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
    if status == S_NA:
        basis = (*basis, NOT_APPLICABLE_FLAG if obs is None else NOT_APPLICABLE_ENTERED)
    elif status == S_MISSING:
        basis = (*basis, NO_VALUE if obs is None or obs.value is None else NO_THRESHOLD)
    elif (
        status == S_UNMET
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
        period_text(obs.period),
        ind.op,
        check.threshold,
        basis,
        ind.unit,
        ind.verified,
        stale,
    )


PERIOD_TEXT: dict[tuple[int, int | None], str] = {}


def period_text(period: Period) -> str:
    """``str(period)``, cached: keyed by month too, as "2023" and "2023-12" share an index."""
    key = (period.index, period.month)
    text = PERIOD_TEXT.get(key)
    if text is None:
        text = PERIOD_TEXT[key] = str(period)
    return text


def criterion_status(items: list[IndicatorResult]) -> str:
    statuses = [i.status for i in items]
    if UNMET in statuses:
        return UNMET
    if MISSING in statuses:
        return MISSING
    if MET in statuses:
        return MET
    return NOT_APPLICABLE
