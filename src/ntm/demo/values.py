"""Values that pass or fail an indicator for one commune, derived from the set's own thresholds.

Why: the demo must not hard-code verdicts. A correction to a threshold in a criteria file
must still give the seeds' counts, so each value is computed from the threshold the engine
applies to that commune (region, the extremely-difficult rule, year) with a margin, over every
year the value may be evaluated in. Pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ntm.criteria.inputs import UnitProfile
from ntm.criteria.model import Indicator
from ntm.criteria.thresholds import Context, resolve
from ntm.textnorm import format_number_vi

if TYPE_CHECKING:
    from ntm.criteria.registry import Registry

# Years a demo value may be evaluated in: a value must pass (or fail) in all of them.
DEMO_YEARS = tuple(range(2011, 2026))
FAIL_WORD = "Chưa đạt"


class NotFailable(ValueError):
    """No value can fail this indicator for this commune (e.g. ``>= 0``)."""


def thresholds(
    indicator: Indicator,
    profile: UnitProfile,
    registry: Registry | None,
    years: Iterable[int] = DEMO_YEARS,
) -> list[Any]:
    """Every threshold the engine may apply to ``indicator`` for ``profile`` over ``years``."""
    contexts = _contexts(profile, tuple(years))
    key = (id(indicator), contexts, id(registry))
    found = _FOUND.get(key)
    if found is None:
        found = []
        for ctx in contexts:
            value = resolve(indicator, ctx, registry).value
            if value is not None and value not in found:
                found.append(value)
        _FOUND[key] = found = (indicator, found)
    return list(found[1])


# (indicator id, contexts, registry id) -> (indicator, thresholds); the indicator is kept so
# its id is not reused while the entry lives.
_FOUND: dict[tuple[int, tuple[Context, ...], int], tuple[Indicator, list[Any]]] = {}


@lru_cache(maxsize=1024)
def _contexts(profile: UnitProfile, years: tuple[int, ...]) -> tuple[Context, ...]:
    return tuple(dict.fromkeys(Context.of(profile, year) for year in years))


def passing_value(
    indicator: Indicator, profile: UnitProfile, registry: Registry | None, spread: int = 0
) -> Any:
    """A value that meets ``indicator`` in every demo year; ``spread`` (0-3) varies the margin."""
    if indicator.op == "is_true":
        return True
    limits = thresholds(indicator, profile, registry)
    if not limits:
        raise NotFailable(f"{indicator.code}: no threshold for {profile.code}")
    op = indicator.op
    if op in (">=", ">"):
        top = max(float(t) for t in limits)
        return _cap(
            indicator, _round_up(top + (top * 0.02 + 1) * spread / 3 + (0.5 if op == ">" else 0))
        )
    if op in ("<=", "<"):
        low = min(float(t) for t in limits)
        value = low * (1 - 0.1 * (spread + 1)) if low > 0 else 0.0
        if op == "<" and value >= low:
            value = low - 1
        return _round_down(value)
    if op == "==":
        return limits[0]
    if op == "in":
        return list(limits[0])[0]
    raise NotFailable(f"{indicator.code}: unknown op {op}")


def failing_value(
    indicator: Indicator, profile: UnitProfile, registry: Registry | None, spread: int = 0
) -> Any:
    """A value that does not meet ``indicator`` in any demo year; raises ``NotFailable``."""
    if indicator.op == "is_true":
        return False
    limits = thresholds(indicator, profile, registry)
    op = indicator.op
    if op in (">=", ">"):
        low = min(float(t) for t in limits)
        value = _round_down(low - max(low * 0.15, 1) - spread) if low > 0 else -1.0
        if value < 0 or (op == ">=" and value >= low) or (op == ">" and value > low):
            raise NotFailable(f"{indicator.code}: cannot fail {op} {low}")
        return value
    if op in ("<=", "<"):
        top = max(float(t) for t in limits)
        value = _round_up(top * 1.2 + 1 + spread)
        if indicator.kind == "percent" and value > 100:
            if top >= 100:
                raise NotFailable(f"{indicator.code}: cannot fail {op} {top}%")
            value = 100.0
        return value
    if op == "==":
        if isinstance(limits[0], bool):
            return not limits[0]
        return FAIL_WORD
    if op == "in":
        return FAIL_WORD
    raise NotFailable(f"{indicator.code}: unknown op {op}")


def can_fail(indicator: Indicator, profile: UnitProfile, registry: Registry | None) -> bool:
    try:
        failing_value(indicator, profile, registry)
    except NotFailable:
        return False
    return True


def raw_text(indicator: Indicator, value: Any) -> str:
    """The value as an officer would type it in the long-form CSV ("95,5%", "Đạt")."""
    if isinstance(value, bool):
        return "Đạt" if value else FAIL_WORD
    if isinstance(value, int | float):
        text = format_number_vi(float(value))
        return f"{text}%" if indicator.kind == "percent" else text
    return str(value)


def _cap(indicator: Indicator, value: float) -> float:
    return min(value, 100.0) if indicator.kind == "percent" else value


def _round_up(value: float) -> float:
    return math.ceil(value * 10) / 10


def _round_down(value: float) -> float:
    return math.floor(value * 10) / 10
