"""The database side of the reports: gather units and results, then call the pure report layer.

Why a package of its own: ``ntm.reports`` must stay free of Django, and both the ``ntm report``
command and the web app need the same gathering. Evaluation goes through
``ntm.assessments.evaluation`` (one query per set), so a province is one pass per set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from django.db.models import QuerySet

from ntm.assessments.evaluation import evaluate_units, ladder_sets, province_code_of
from ntm.assessments.selectors import values_under
from ntm.assessments.standings import current_standings
from ntm.assessments.stored import stored_ladders, stored_results
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached, tier_at_least
from ntm.criteria.model import CriteriaSet
from ntm.criteria.provincial import village_set_for, village_sets_in_force
from ntm.criteria.registry import Registry, load_registry
from ntm.criteria.results import Outcome
from ntm.reports.programme_text import UNITS_SNAPSHOT_NOTE, period_end
from ntm.reports.progress import Progress, build_progress
from ntm.reports.review import CommuneEntry, Review, build_review
from ntm.reports.summary import (
    ProgrammeFigures,
    Summary,
    SummarySets,
    UnitStanding,
    build_summary,
    programme_figures,
)
from ntm.reportsdata import cache
from ntm.reportsdata.lineage import exists_at, lineage_roots, predecessors_at, union_of
from ntm.reportsdata.rank import rank_among_siblings
from ntm.reportsdata.sections import recognised_tiers, revoked_communes, summary_sections
from ntm.reportsdata.units_at import (  # noqa: F401 (re-exported: callers import them here)
    RURAL_COMMUNE_TYPES,
    SIBLING_LABELS,
    SIBLING_LABELS_EN,
    rural_communes,
    unit_ref,
    valid_at,
)
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree

MSG_NO_DEFAULT_SET = "Không có bộ tiêu chí xã mặc định cho kỳ {period}: hãy chỉ định --set"
MSG_RANGE = "Khoảng thời gian không hợp lệ: {start} đến {end}"
MSG_TOO_MANY_PERIODS = "Khoảng thời gian quá dài ({count} kỳ, tối đa {limit})"
MAX_PERIODS = 240


class ReportDataError(ValueError):
    """Bad input for a report (no default set, an empty range): the message is Vietnamese."""


def has_values(result: Outcome) -> bool:
    """True when at least one indicator has a stored value (``Outcome.has_values``)."""
    return result.has_values


def default_set(period: str | Period, registry: Registry | None = None) -> str:
    """The commune NTM set of the period's era (the first rung of the commune ladder)."""
    sets = ladder_sets("commune", period, registry or load_registry())
    if not sets:
        raise ReportDataError(MSG_NO_DEFAULT_SET.format(period=period))
    return sets[0]


def review_entries(
    unit: AdminUnit,
    set_code: str | None,
    period: str | Period,
    registry: Registry | None = None,
    *,
    pending: bool = False,
    explained: bool = False,
) -> tuple[CriteriaSet, Period, list[CommuneEntry]]:
    """The units a review of ``unit`` covers, with their results: every unit under ``unit`` at
    the set's level with current values for the set (``pending``: only those that have not
    reached the set's tier nor a higher one). The one selection the review and the gap list share.

    Why: an office reviews its NTM communes against the NTM set and its advanced communes against
    the advanced set (seed 002), while the advanced ones also hold NTM values, which the ladder
    needs. ``explained``: each result with values, thresholds and reasons (the engine's, for
    the units selected); otherwise the stored counts and statuses.
    """
    criteria_set, period, entries, _units = _review_selection(
        unit, set_code, period, registry, pending=pending, explained=explained
    )
    return criteria_set, period, entries


def _review_selection(
    unit: AdminUnit,
    set_code: str | None,
    period: str | Period,
    registry: Registry | None,
    *,
    pending: bool,
    explained: bool,
) -> tuple[CriteriaSet, Period, list[CommuneEntry], list[AdminUnit]]:
    """``review_entries`` and the units of its entries, in the same order (read once: a
    national review is 10,000 units)."""
    registry = registry or load_registry()
    period = Period.parse(period)
    set_code = set_code or default_set(period, registry)
    criteria_set = registry.get(set_code)
    members = valid_at(subtree(unit, criteria_set.level), period).order_by("code")
    standings = current_standings(members, set_code, period, registry)
    if pending:
        standings = [s for s in standings if not tier_at_least(s.level, criteria_set.tier)]
    entries = [CommuneEntry(s.unit.code, s.unit.name, s.result, s.level) for s in standings]
    if explained:
        # Values, thresholds and reasons are the engine's: the selected units only.
        chosen = [e.code for e in entries]
        by_code = {u.code: u for u in members.filter(code__in=chosen)}
        results = evaluate_units(by_code.values(), set_code, period, registry)
        entries = [
            CommuneEntry(e.code, e.name, results[by_code[e.code].pk], e.level) for e in entries
        ]
    return criteria_set, period, entries, [s.unit for s in standings]


def review_for(
    unit: AdminUnit,
    set_code: str | None,
    period: str | Period,
    registry: Registry | None = None,
    *,
    pending: bool = False,
) -> Review:
    """The review of every unit under ``unit`` at the set's level with current values for the set
    (``review_entries``); "recognised as" by decision comes from ``reportsdata.sections``."""
    # The units reviewed are those of the entries (codes are unique in a subtree's era).
    criteria_set, period, entries, reviewed = _review_selection(
        unit, set_code, period, registry, pending=pending, explained=False
    )
    on = period_end(str(period))
    return build_review(
        unit_ref(unit),
        criteria_set,
        str(period),
        entries,
        {"scope": "pending" if pending else "all"},
        recognised=recognised_tiers(reviewed, on),
        communes_revoked=revoked_communes(reviewed, on)
        if criteria_set.level == "district"
        else None,
    )


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


def _village_word(unit: AdminUnit) -> str:
    kinds = Counter(subtree(unit, "village").values_list("unit_type", flat=True))
    return kinds.most_common(1)[0][0] if kinds else "thôn"


def default_since(period: str | Period) -> Period:
    """The comparison period when none is given: the end of the previous year (2023-05 -> 2022)."""
    return Period.of(Period.parse(period).year - 1)


def summary_for(
    unit: AdminUnit,
    period: str | Period,
    since: str | Period | None = None,
    registry: Registry | None = None,
) -> Summary:
    """The summary at ``period`` compared with ``since`` (default: the end of the previous year).

    The unit list is a snapshot: a unit with no start date (``valid_from``) may have had
    siblings that were merged away before the snapshot, and the summary's notes say so.
    """
    registry = registry or load_registry()
    period = Period.parse(period)
    since_default = since is None
    since = default_since(period) if since is None else Period.parse(since)
    figures = figures_for(unit, period, registry)
    earlier = figures_for(unit, since, registry)
    rank = rank_among_siblings(unit, period, registry)
    notes = [UNITS_SNAPSHOT_NOTE] if rank is not None and unit.valid_from is None else []
    return build_summary(
        unit_ref(unit),
        figures,
        earlier=earlier,
        rank=rank,
        village_word=_village_word(unit),
        since_default=since_default,
        notes=notes,
        sections=summary_sections(unit, period, since),
    )


def periods_between(start: str | Period, end: str | Period) -> list[Period]:
    """Every year (``2011``..``2023``) or month (``2023-01``..``2023-05``) from start to end."""
    first, last = Period.parse(start), Period.parse(end)
    if first.index > last.index or (first.month is None) != (last.month is None):
        raise ReportDataError(MSG_RANGE.format(start=start, end=end))
    if first.month is None:
        periods = [Period.of(y) for y in range(first.year, last.year + 1)]
    else:
        periods = [Period.of(i // 12, i % 12 + 1) for i in range(first.index, last.index + 1)]
    if len(periods) > MAX_PERIODS:
        raise ReportDataError(MSG_TOO_MANY_PERIODS.format(count=len(periods), limit=MAX_PERIODS))
    return periods


def progress_for(
    unit: AdminUnit, start: str | Period, end: str | Period, registry: Registry | None = None
) -> Progress:
    registry = registry or load_registry()
    periods = periods_between(start, end)
    roots = lineage_roots(unit)
    if roots == [unit]:
        # Read once, and only if some period's figures are not cached.
        memo: list[set[tuple[str, int]]] = []

        def dated() -> set[tuple[str, int]]:
            if not memo:
                memo.append(dated_values(roots, periods, registry))
            return memo[0]

        points = [figures_for(unit, p, registry, dated, aggregate=True) for p in periods]
    else:
        known = dated_values(roots, periods, registry)
        points = [figures_for(unit, p, registry, known, aggregate=True) for p in periods]
    return build_progress(unit_ref(unit), points)
