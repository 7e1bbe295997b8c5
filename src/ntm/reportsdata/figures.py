"""A programme's figures for a unit at a period: its communes by level (from their stored
ladders), its villages by their own province's village set, the averages, and whether the
period's figures repeat earlier ones (no value dated within it).

Why a module of its own: the summary, the progress report, the follow-up targets and the
what-if preview all count the same figures; one place draws them (and caches them:
``reportsdata.cache``), ``gather`` assembles the reports around them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from django.db.models import QuerySet

from ntm.assessments.evaluation import ladder_sets, province_code_of
from ntm.assessments.selectors import values_under
from ntm.assessments.stored import stored_ladders, stored_results
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached
from ntm.criteria.provincial import village_set_for, village_sets_in_force
from ntm.criteria.registry import Registry, load_registry
from ntm.criteria.results import Outcome
from ntm.reports.summary import ProgrammeFigures, SummarySets, UnitStanding, programme_figures
from ntm.reportsdata import cache
from ntm.reportsdata.lineage import exists_at, predecessors_at, union_of
from ntm.reportsdata.units_at import rural_communes, unit_ref, valid_at
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree


def has_values(result: Outcome) -> bool:
    """True when at least one indicator has a stored value (``Outcome.has_values``)."""
    return result.has_values


def _village_set(unit: AdminUnit, period: Period, registry: Registry) -> str | None:
    """The village set named beside the summary's figures: the one of the unit's province; for
    the whole country, the one in force if only one is (villages are each measured against
    their own province's set: ``_villages_by_set``)."""
    province = province_code_of(unit)
    if province:
        return village_set_for(registry, province, period, unit.era)
    codes = [s.code for s in village_sets_in_force(registry, period)]
    return codes[0] if len(codes) == 1 else None


def _villages_by_set(
    villages: Iterable[AdminUnit], period: Period, registry: Registry
) -> dict[str, list[AdminUnit]]:
    """The villages grouped by the set each is measured against: its own province's
    (``village_set_for``); a village whose province has none is in no group (no data)."""
    by_set: dict[str, list[AdminUnit]] = {}
    for village in villages:
        code = village_set_for(registry, province_code_of(village), period, village.era)
        if code:
            by_set.setdefault(code, []).append(village)
    return by_set


def _standings(
    units: Sequence[AdminUnit], ladders: dict[int, dict[str, Outcome]], registry: Registry
) -> list[UnitStanding]:
    out = []
    for u in units:
        results = {code: r for code, r in ladders.get(u.pk, {}).items() if has_values(r)}
        level = level_reached(results, registry) if results else None
        out.append(UnitStanding.of(u.code, u.name, level, results))
    return out


def _summary_sets(unit: AdminUnit, period: Period, registry: Registry) -> SummarySets:
    ladder = ladder_sets("commune", period, registry)
    tiers = {registry.get(code).tier: code for code in ladder}
    return SummarySets(
        tiers.get("ntm"), tiers.get("advanced"), _village_set(unit, period, registry)
    )


def _index_range(period: Period) -> tuple[int, int]:
    """The month indexes a period spans: all twelve for a year, one for a month."""
    return (
        (Period.of(period.year, 1).index, Period.of(period.year, 12).index)
        if period.month is None
        else (period.index, period.index)
    )


def _figure_set_codes(period: Period, registry: Registry) -> set[str]:
    """The sets whose values make a summary's figures at ``period``: the commune ladder and the
    village sets in force (each province's)."""
    return set(ladder_sets("commune", period, registry)) | {
        s.code for s in village_sets_in_force(registry, period)
    }


def dated_values(
    unit: AdminUnit | Sequence[AdminUnit], periods: Iterable[Period], registry: Registry
) -> set[tuple[str, int]]:
    """(set code, period index) of the values stored under ``unit`` for the summary's sets
    within ``periods``: one query, so a progress report knows which periods have new values."""
    periods = list(periods)
    if not periods:
        return set()
    codes = set().union(*(_figure_set_codes(p, registry) for p in periods))
    low = min(_index_range(p)[0] for p in periods)
    high = max(_index_range(p)[1] for p in periods)
    roots = [unit] if isinstance(unit, AdminUnit) else list(unit)
    # By the period's text, which the values' index holds (their period_index is not in it):
    # every text whose index lies in [low, high].
    texts = {str(Period.of(i // 12, i % 12 + 1)) for i in range(low, high + 1)}
    texts |= {
        str(Period.of(y)) for y in range(low // 12, high // 12 + 1) if low <= y * 12 + 11 <= high
    }
    rows = (
        _values_under_all(roots, codes)
        .filter(period__in=sorted(texts))
        .values_list("set_code", "period")
        .distinct()
    )
    return {(code, Period.parse(text).index) for code, text in rows}


def _values_under_all(roots: Sequence[AdminUnit], codes: set[str]) -> QuerySet:
    """The values of ``codes`` under any of ``roots`` (a unit and its predecessors): one query."""
    query = values_under(roots[0], codes)
    for root in roots[1:]:
        query = query | values_under(root, codes)
    return query


def _carried_forward(period: Period, dated: set[tuple[str, int]], registry: Registry) -> bool:
    """True when no value for the period's sets is dated within it: its figures repeat earlier
    ones."""
    codes = _figure_set_codes(period, registry)
    low, high = _index_range(period)
    return not any(code in codes and low <= index <= high for code, index in dated)


def figures_for(
    unit: AdminUnit,
    period: str | Period,
    registry: Registry | None = None,
    dated: set[tuple[str, int]] | Callable[[], set[tuple[str, int]]] | None = None,
    *,
    aggregate: bool = False,
) -> ProgrammeFigures:
    """Counts and averages for ``unit`` at ``period`` (communes by ladder, villages by the village
    set).

    ``dated``: from ``dated_values`` when the caller asks for many periods (one query for all),
    or a function giving it, called only when the figures are computed (not found cached: the
    cache key's stored rows answer for the unit's own values, see ``cache.figures_inputs``).
    ``aggregate``: for a period before ``unit`` existed, the figures of its predecessors in
    force then, added up and marked (``aggregate_of``); a progress report across the 2025
    reorganisation asks for it.
    """
    registry = registry or load_registry()
    period = Period.parse(period)
    roots, partial = (
        predecessors_at(unit, period) if aggregate and not exists_at(unit, period) else ([unit], ())
    )

    def dated_now() -> set[tuple[str, int]]:
        if dated is None:
            return dated_values(roots, [period], registry)
        return dated() if callable(dated) else dated

    if roots != [unit]:
        return _figures(unit, period, registry, dated_now(), roots, partial)
    # A set given (values of other units too: a progress report's predecessors) is named in
    # the key; the unit's own values are answered for by its rows (``figures_inputs``).
    given = sorted(dated) if isinstance(dated, set) else None
    covered: list[bool] = []

    def build() -> ProgrammeFigures:
        covered.append(
            cache.cover_figures_rows(
                unit, period, registry, lambda found: _villages_by_set(found, period, registry)
            )
        )
        return _figures(unit, period, registry, dated_now(), roots, partial)

    return cache.cached(
        "figures",
        lambda: [
            *cache.figures_inputs(unit, period, _figure_set_codes(period, registry), registry),
            given,
        ],
        build,
        keep=lambda _: all(covered),
    )


def _figures(
    unit: AdminUnit,
    period: Period,
    registry: Registry,
    dated: set[tuple[str, int]],
    roots: list[AdminUnit],
    partial: tuple,
) -> ProgrammeFigures:
    sets = _summary_sets(unit, period, registry)
    communes = union_of(valid_at(rural_communes(r), period) for r in roots)
    villages = union_of(valid_at(subtree(r, "village"), period) for r in roots)
    commune_ladders = stored_ladders(communes, period, registry)
    village_ladders: dict[int, dict[str, Outcome]] = {v.pk: {} for v in villages}
    for code, group in _villages_by_set(villages, period, registry).items():
        for pk, stored in stored_results(group, code, period, registry).items():
            village_ladders[pk][code] = stored.result
    figures = programme_figures(
        str(period),
        _standings(communes, commune_ladders, registry),
        _standings(villages, village_ladders, registry),
        sets,
        carried_forward=_carried_forward(period, dated, registry),
    )
    if roots == [unit]:
        return figures
    return replace(
        figures, aggregate_of=tuple(unit_ref(r) for r in roots), aggregate_partial=partial
    )
