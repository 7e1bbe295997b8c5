"""Evaluation service: stored values -> the pure engine -> results (design.md §5).

One compiled ``Evaluator`` per set and one query per (units, set) keep a whole country in
seconds. Which sets make a unit's ladder depends on its level and the period's era: the
2016-2020 sets up to 2021, the 2021-2025 ladder (NTM -> advanced -> model) for 2022-2025,
Decision 51/2025 from 2026. A province's activated override (``ntm.criteria.provincial``)
takes the place of the national set it is based on for that province's units: the ladder keeps
the national codes, the evaluation of each unit uses the set in force for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from ntm.assessments.bulk import paused_gc
from ntm.assessments.selectors import (
    decode_value_key,
    latest_value_keys,
    observations_for_set,
    value_row_runs,
)
from ntm.criteria.district import CommuneOutcome, evaluate_district
from ntm.criteria.engine import Evaluator, UnitSummary
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached, reached_sets
from ntm.criteria.latest import LatestCounts
from ntm.criteria.model import CriteriaSet
from ntm.criteria.provincial import provinces_with_overrides, set_in_force
from ntm.criteria.registry import Registry, load_registry
from ntm.criteria.results import UnitResult
from ntm.units.models import AdminUnit
from ntm.units.selectors import profile_for, province_of

# (first year, last year, unit level) -> the sets of its ladder, lowest tier first: the law in
# force in those years. The 2016-2020 sets (QĐ 1980 and 558/2016, QĐ 691/2018) applied until the
# 2021-2025 ones were issued (8/3/2022); by year, 2021 is the last under them. Years before 2016
# (QĐ 491/2009, not encoded) use the 2016-2020 sets. There was no national advanced commune set
# then (provinces issued theirs), so an early period reaches at most NTM, or model, by data.
LADDERS: tuple[tuple[int, int, str, tuple[str, ...]], ...] = (
    (0, 2021, "commune", ("xa-ntm-2016-2020", "xa-ntm-kieu-mau-2018-2020")),
    (
        2022,
        2025,
        "commune",
        ("xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025", "xa-ntm-kieu-mau-2021-2025"),
    ),
    (2026, 9999, "commune", ("xa-ntm-2026-2030",)),
    (0, 2021, "district", ("huyen-ntm-2016-2020",)),
    (2022, 2025, "district", ("huyen-ntm-2021-2025", "huyen-ntm-nang-cao-2021-2025")),
)
# District conditions count rural communes (xã): towns (thị trấn) have their own condition.
RURAL_COMMUNE_TYPES = ("xã",)


@lru_cache(maxsize=32)
def _evaluator(set_code: str, registry: Registry) -> Evaluator:
    return Evaluator(registry.get(set_code), registry)


def evaluator_for(set_code: str, registry: Registry | None = None) -> Evaluator:
    """The compiled evaluator of a set, built once per process."""
    return _evaluator(set_code, registry or load_registry())


def evaluate_units(
    units: Iterable[AdminUnit],
    set_code: str,
    period: str | Period,
    registry: Registry | None = None,
    outcomes: Mapping[int, list[CommuneOutcome]] | None = None,
) -> dict[int, UnitResult]:
    """Each unit's result for ``set_code`` as of ``period``, from one query of stored values.

    A set with indicators computed from communes (the district sets) gets its communes'
    outcomes evaluated first, so "100% of communes reach NTM" is read from the data too;
    ``outcomes`` gives them instead (the stored results do, from the communes' stored rows).
    """
    return _over_units(units, set_code, period, registry, summary=False, outcomes=outcomes)


def summarize_units(
    units: Iterable[AdminUnit],
    set_code: str,
    period: str | Period,
    registry: Registry | None = None,
) -> dict[int, UnitSummary | UnitResult]:
    """Counts only (criteria and indicators met, unmet criteria): national tables need no more.

    A set computed from communes (the district sets) gives full results, which carry the same
    counts.
    """
    return _over_units(units, set_code, period, registry, summary=True)


def province_code_of(unit: AdminUnit) -> str:
    """The code of the province above ``unit`` (stored on units ``load_units`` made; one query,
    remembered on the object, for a unit made without it)."""
    if unit.province_code:
        return unit.province_code
    if unit.path and not unit.path.strip("/"):
        return ""  # the whole country (``national_unit``): no province
    known = getattr(unit, "_ntm_province_code", None)
    if known is None:
        known = unit._ntm_province_code = province_of(unit).code  # type: ignore[attr-defined]
    return known


def sets_by_unit(
    units: Iterable[AdminUnit], set_code: str, period: Period, registry: Registry
) -> dict[str, list[AdminUnit]]:
    """The units grouped by the set each is measured against where ``set_code`` is asked for:
    a province's activated override in place of the national set (``set_in_force``)."""
    units = list(units)
    provinces = provinces_with_overrides(registry)
    if not provinces or registry.get(set_code).province:
        return {set_code: units} if units else {}
    out: dict[str, list[AdminUnit]] = {}
    for unit in units:
        province = province_code_of(unit)
        code = set_in_force(registry, set_code, province, period, unit.era).code
        out.setdefault(code, []).append(unit)
    return out


def set_for_unit(
    unit: AdminUnit, set_code: str, period: str | Period, registry: Registry | None = None
) -> CriteriaSet:
    """The set ``unit`` is measured against where ``set_code`` is asked for (its province's
    override, or the set itself): what a page names when it explains a result."""
    registry = registry or load_registry()
    return set_in_force(registry, set_code, province_code_of(unit), Period.parse(period), unit.era)


def _over_units(
    units: Iterable[AdminUnit],
    set_code: str,
    period: str | Period,
    registry: Registry | None,
    *,
    summary: bool,
    outcomes: Mapping[int, list[CommuneOutcome]] | None = None,
) -> dict:
    """Each group of units (by the set in force for them) through one compiled evaluator."""
    registry = registry or load_registry()
    as_of = Period.parse(period)
    out: dict = {}
    for code, group in sets_by_unit(units, set_code, as_of, registry).items():
        out.update(_over_group(group, registry.get(code), as_of, registry, summary, outcomes))
    return out


def _over_group(
    units: list[AdminUnit],
    criteria_set: CriteriaSet,
    as_of: Period,
    registry: Registry,
    summary: bool,
    outcomes: Mapping[int, list[CommuneOutcome]] | None,
) -> dict:
    """One query of stored values for all ``units``, then one compiled evaluator over them."""
    if any(i.aggregate is not None for i in criteria_set.indicators):
        return _evaluate_with_communes(units, criteria_set, as_of, registry, outcomes)
    evaluator = evaluator_for(criteria_set.code, registry)
    if summary and not criteria_set.base:
        return _counted(units, criteria_set, as_of, evaluator)
    run = evaluator.summarize if summary else evaluator.evaluate
    with paused_gc():
        values = observations_for_set((u.pk for u in units), criteria_set, as_of)
        empty: Mapping = {}
        out = {u.pk: run(profile_for(u), values.get(u.pk, empty), as_of) for u in units}
        # Freed before the collector resumes: freeing lowers its count of new objects, so
        # resuming does not walk a country's values (a collection of ~0.1x the plain SELECT
        # for objects about to go).
        del values
    return out


def _counted(
    units: list[AdminUnit], criteria_set: CriteriaSet, as_of: Period, evaluator: Evaluator
) -> dict[int, UnitSummary]:
    """``Evaluator.summarize`` of every unit, from each indicator's latest value key as the
    database hands it: each unit is counted as its run of rows is read (``value_row_runs``),
    its verdicts decided once per plan and distinct key (``ntm.criteria.latest``), not once per
    unit and indicator. A unit whose rows come in more than one run is counted again at the end
    on all of them.

    A province's override (``base:``) merges two sets' values by period: it goes through
    ``observations_for_set`` and the engine's own loop instead.
    """
    counts = _latest_counts(evaluator)
    summarize = counts.summarize
    by_id = {u.pk: u for u in units}
    found: dict[int, UnitSummary] = {}
    read: dict[int, list] = {}
    again: set[int] = set()
    with paused_gc():
        for unit_id, rows in value_row_runs(by_id, criteria_set.code, as_of):
            known = read.get(unit_id)
            if known is None:
                read[unit_id] = rows
                found[unit_id] = summarize(
                    profile_for(by_id[unit_id]), latest_value_keys(rows), as_of
                )
            else:
                known.extend(rows)
                again.add(unit_id)
        for unit_id in again:
            found[unit_id] = summarize(
                profile_for(by_id[unit_id]), latest_value_keys(read[unit_id]), as_of
            )
        del read  # freed before the collector resumes (``_over_group``)
        empty: dict[str, Any] = {}
        return {u.pk: found.get(u.pk) or summarize(profile_for(u), empty, as_of) for u in units}


@lru_cache(maxsize=32)
def _latest_counts(evaluator: Evaluator) -> LatestCounts:
    """One ``LatestCounts`` per compiled evaluator: its verdict tables serve every later call."""
    return LatestCounts(evaluator, decode_value_key)


def commune_outcomes(
    units: Iterable[AdminUnit],
    period: str | Period,
    registry: Registry | None = None,
    ladders: Callable[..., Mapping[int, Mapping[str, Any]]] | None = None,
) -> dict[int, list[CommuneOutcome]]:
    """For each unit, its rural communes' levels and the sets they meet, as of ``period``
    (their ladders evaluated here, or read through ``ladders``: the stored results)."""
    registry = registry or load_registry()
    ladders = ladders or ladder_results
    parents = {u.pk for u in units}
    communes = list(
        AdminUnit.objects.filter(
            parent_id__in=parents, level="commune", unit_type__in=RURAL_COMMUNE_TYPES
        )
    )
    found = ladders(communes, period, registry)
    out: dict[int, list[CommuneOutcome]] = {pk: [] for pk in parents}
    for commune in communes:
        results = found.get(commune.pk, {})
        out[commune.parent_id].append(
            CommuneOutcome(
                commune.code,
                level_reached(results, registry),
                frozenset(reached_sets(results, registry)),
            )
        )
    return out


def _evaluate_with_communes(
    units: list[AdminUnit],
    criteria_set: CriteriaSet,
    as_of: Period,
    registry: Registry,
    outcomes: Mapping[int, list[CommuneOutcome]] | None = None,
):
    if outcomes is None:
        outcomes = commune_outcomes(units, as_of, registry)
    values = observations_for_set((u.pk for u in units), criteria_set, as_of)
    return {
        u.pk: evaluate_district(
            criteria_set, profile_for(u), values.get(u.pk, {}), as_of, outcomes[u.pk], registry
        )
        for u in units
    }


def evaluate_unit(
    unit: AdminUnit, set_code: str, period: str | Period, registry: Registry | None = None
) -> UnitResult:
    return evaluate_units([unit], set_code, period, registry)[unit.pk]


def ladder_sets(
    level: str, period: str | Period, registry: Registry | None = None
) -> tuple[str, ...]:
    """The tier sets a unit of ``level`` is measured against in ``period``'s era (loaded ones)."""
    registry = registry or load_registry()
    year = Period.parse(period).year
    for first, last, ladder_level, codes in LADDERS:
        if first <= year <= last and ladder_level == level:
            return tuple(c for c in codes if c in registry)
    return ()


def ladder_results(
    units: Iterable[AdminUnit], period: str | Period, registry: Registry | None = None
) -> dict[int, dict[str, UnitResult]]:
    """Every unit's results for each set of its ladder: ``{unit_id: {set_code: result}}``."""
    registry = registry or load_registry()
    by_level: dict[str, list[AdminUnit]] = {}
    for unit in units:
        by_level.setdefault(unit.level, []).append(unit)
    out: dict[int, dict[str, UnitResult]] = {}
    for level, group in by_level.items():
        for unit in group:
            out[unit.pk] = {}
        for set_code in ladder_sets(level, period, registry):
            for unit_id, result in evaluate_units(group, set_code, period, registry).items():
                out[unit_id][set_code] = result
    return out


def levels_for(
    units: Iterable[AdminUnit], period: str | Period, registry: Registry | None = None
) -> dict[int, str | None]:
    """The level each unit reached (``ntm``, ``advanced``, ``model`` or None) as of ``period``."""
    registry = registry or load_registry()
    return {
        unit_id: level_reached(results, registry) if results else None
        for unit_id, results in ladder_results(units, period, registry).items()
    }


def level_for(
    unit: AdminUnit, period: str | Period, registry: Registry | None = None
) -> str | None:
    return levels_for([unit], period, registry)[unit.pk]
