"""Which set judges a unit: a province's own override in place of the national set it is based on.

Why here (pure): the evaluation, the stored results' fingerprints, their check and the impact
preview of a file not yet activated must all answer the same question the same way, from the
registry alone. A province office activates an override file (``base:`` a national set,
``province:`` its code); from then on its units are measured against that file wherever the
national set would be used, under the national set's code, so ladders, reviews and counts read
the same keys while the thresholds, criteria and explanation are the province's.

An override applies from its own ``valid_from`` (the date its decision applies from, which
activation writes into the file) to its own ``valid_to``; an override that does not say takes
the national set's period. Several overrides of one national set for one province form a
timeline: the one that started last among those in force at the period applies. A province
code both eras hold may name two provinces (91: Kiên Giang until 2025, An Giang after), so an
override may name its province's ``era`` (activation writes it) and then applies to units of
that era only.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.criteria.validity import first_year, last_year

if TYPE_CHECKING:
    from ntm.criteria.registry import Registry

# (province code, national set code) -> that province's overrides of it, per loaded registry.
_OVERRIDES: WeakKeyDictionary[Registry, dict[tuple[str, str], tuple[CriteriaSet, ...]]] = (
    WeakKeyDictionary()
)


def provincial_overrides(registry: Registry) -> dict[tuple[str, str], tuple[CriteriaSet, ...]]:
    """Every province's overrides by (province, national set); computed once per registry."""
    known = _OVERRIDES.get(registry)
    if known is not None:
        return known
    found: dict[tuple[str, str], list[CriteriaSet]] = {}
    for s in registry.sets():
        if s.province and s.base and s.base in registry:
            found.setdefault((s.province, s.base), []).append(s)
    out = {key: tuple(sets) for key, sets in found.items()}
    _OVERRIDES[registry] = out
    return out


def provinces_with_overrides(registry: Registry) -> frozenset[str]:
    """The province codes with at least one override in the registry."""
    return frozenset(province for province, _ in provincial_overrides(registry))


def _bounds(period: Period) -> tuple[date, date]:
    if period.month is None:
        return date(period.year, 1, 1), date(period.year, 12, 31)
    last = calendar.monthrange(period.year, period.month)[1]
    return date(period.year, period.month, 1), date(period.year, period.month, last)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _own(provincial: CriteriaSet, national: CriteriaSet, field: str) -> date | None:
    """The override's own bound (None when it keeps the national set's)."""
    value = getattr(provincial, field)
    return None if value == getattr(national, field) else _date(value)


def applies_at(provincial: CriteriaSet, national: CriteriaSet, period: Period) -> bool:
    """True when the override is in force for some day of ``period``."""
    start, end = _bounds(period)
    begins, ends = _own(provincial, national, "valid_from"), _own(provincial, national, "valid_to")
    return (begins is None or begins <= end) and (ends is None or ends >= start)


def set_in_force(
    registry: Registry,
    set_code: str,
    province: str | None,
    period: Period,
    era: str | None = None,
) -> CriteriaSet:
    """The set a unit of ``province`` (of ``era``) is measured against where ``set_code`` is
    asked for at ``period``: the province's override in force then, else the set itself. An
    override that names its province's era applies to units of that era only."""
    national = registry.get(set_code)
    if not province or national.province:
        return national
    candidates = provincial_overrides(registry).get((province, set_code), ())
    in_force = [
        s
        for s in candidates
        if applies_at(s, national, period) and (not s.province_era or s.province_era == era)
    ]
    if not in_force:
        return national
    return max(in_force, key=lambda s: (_own(s, national, "valid_from") or date.min, s.code))


def village_sets_in_force(registry: Registry, period: Period) -> tuple[CriteriaSet, ...]:
    """Every village set that takes values at ``period`` (not the overrides of one), in code
    order: one per province that issued its own, and any that names no province."""

    def takes(s: CriteriaSet) -> bool:
        first, last = first_year(s), last_year(s)
        return (first is None or first <= period.year) and (last is None or period.year <= last)

    return tuple(
        sorted(
            (s for s in registry.sets() if s.level == "village" and not s.base and takes(s)),
            key=lambda s: s.code,
        )
    )


def village_set_for(
    registry: Registry, province: str, period: Period, era: str | None = None
) -> str | None:
    """The village set a village of ``province`` (of ``era``) is measured against at
    ``period``, or None.

    Why by province: village (thôn, bản) criteria are issued by each Provincial People's
    Committee (NQ 25/2021/QH15: there is no national village set), so one province's file
    never judges another's villages; a village of a province without one has no set, and
    counts as without data. The province's own set in force then (the one that started
    last), else one that names no province (none ships). A province's override of its set
    applies through ``set_in_force`` like any other."""
    in_force = village_sets_in_force(registry, period)
    own = [
        s
        for s in in_force
        if province
        and s.province == province
        and (not era or not s.province_era or s.province_era == era)
    ]
    if own:
        return max(own, key=lambda s: (_date(s.valid_from) or date.min, s.code)).code
    unnamed = [s for s in in_force if not s.province]
    return unnamed[0].code if unnamed else None
