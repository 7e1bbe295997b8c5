"""The database side of the reports: gather units and results, then call the pure report layer.

Why a package of its own: ``ntm.reports`` must stay free of Django, and both the ``ntm report``
command and the web app need the same gathering. Evaluation goes through
``ntm.assessments.evaluation`` (one query per set), so a province is one pass per set.
"""

from __future__ import annotations

from collections import Counter

from ntm.assessments.evaluation import evaluate_units, ladder_sets
from ntm.assessments.standings import current_standings
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import tier_at_least
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import Registry, load_registry
from ntm.reports.programme_text import UNITS_SNAPSHOT_NOTE, period_end
from ntm.reports.progress import Progress, build_progress
from ntm.reports.review import CommuneEntry, Review, build_review
from ntm.reports.summary import Summary, build_summary
from ntm.reportsdata.figures import (  # noqa: F401 (re-exported: callers import them here)
    dated_values,
    figures_for,
    has_values,
)
from ntm.reportsdata.lineage import lineage_roots
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
