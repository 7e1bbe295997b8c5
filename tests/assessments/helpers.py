"""Values that pass (or fail) an indicator for a unit, worked out from the set's own thresholds."""

from __future__ import annotations

from ntm.criteria.model import Indicator
from ntm.criteria.registry import load_registry
from ntm.criteria.thresholds import Context, resolve
from ntm.textnorm import format_number_vi
from ntm.units.selectors import profile_for


def passing_raw(indicator: Indicator, unit, year: int) -> str:
    """Raw text that meets ``indicator`` for ``unit`` in ``year``."""
    if indicator.op == "is_true":
        return "Đạt"
    threshold = resolve(indicator, Context.of(profile_for(unit), year), load_registry()).value
    if indicator.op in (">=", ">"):
        return format_number_vi(float(threshold) + (1 if indicator.op == ">" else 0))
    if indicator.op in ("<=", "<"):
        return format_number_vi(float(threshold) - (1 if indicator.op == "<" else 0))
    if indicator.op == "in":
        return str(next(iter(threshold)))
    return str(threshold)


def passing_rows(set_code: str, unit, period: str) -> list[tuple[str, str]]:
    """(indicator code, raw) for every enterable indicator of the set."""
    year = int(period[:4])
    criteria_set = load_registry().get(set_code)
    return [
        (i.code, passing_raw(i, unit, year)) for i in criteria_set.indicators if i.aggregate is None
    ]


def store_values(
    unit, period: str, rows, set_code: str = "xa-ntm-2021-2025", source: str = "form"
) -> None:
    """Store ``rows`` ((indicator code, raw), ...) one value at a time, as a user would, through
    ``do_set_value``."""
    from ntm.assessments.services import do_set_value

    for code, raw in rows:
        do_set_value(
            unit=unit,
            set_code=set_code,
            indicator_code=code,
            period=period,
            raw=raw,
            source=source,
            author=None,
        )
