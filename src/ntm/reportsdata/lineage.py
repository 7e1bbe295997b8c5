"""Units across changes of the map: a unit's predecessors in force at a period, for figures of a
unit that did not exist yet (the sum of the units it was made from, marked as such).

Why apart from ``gather``: the lineage walk is its own question (which old units, which only in
part), and the report gathering only asks it for periods before a unit's creation.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from ntm.criteria.inputs import Period
from ntm.reports.programme_text import period_end
from ntm.units.models import AdminUnit, UnitLineage


def union_of(querysets: Iterable[QuerySet[AdminUnit]]) -> list[AdminUnit]:
    """The units of several subtrees, each once, in path order."""
    found = {u.pk: u for qs in querysets for u in qs}
    return sorted(found.values(), key=lambda u: u.path)


def exists_at(unit: AdminUnit, period: Period) -> bool:
    """Whether ``unit``'s validity overlaps the period (open ends: always)."""
    start, end = date(period.year, period.month or 1, 1), period_end(str(period))
    return (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or unit.valid_to >= start
    )


def predecessors_at(unit: AdminUnit, period: Period) -> tuple[list[AdminUnit], tuple[str, ...]]:
    """The units ``unit`` was made from that were in force at ``period``, following the lineage
    back through every change (a 2019 merger, then the 2025 reorganisation), and the codes of
    those only part of which went into it; ``([unit], ())`` when the lineage says nothing.

    Why: a commune created on 1 July 2025 has no figures of its own for 2023, but the communes
    merged into it do; a progress report shows their sum, marked as such (``aggregate_of``).
    """
    found: dict[int, AdminUnit] = {}
    partial: set[str] = set()
    frontier, seen = [unit.pk], {unit.pk}
    while frontier:
        links = UnitLineage.objects.filter(new_id__in=frontier).select_related("old")
        frontier = []
        for link in links:
            old = link.old
            if link.partial:
                partial.add(old.code)
            if old.pk in seen:
                continue
            seen.add(old.pk)
            if exists_at(old, period):
                found[old.pk] = old
            else:
                frontier.append(old.pk)
    if not found:
        return [unit], ()
    roots = sorted(found.values(), key=lambda u: u.code)
    return roots, tuple(sorted(partial & {r.code for r in roots}))


def lineage_roots(unit: AdminUnit) -> list[AdminUnit]:
    """``unit`` and every unit before it in the lineage: whose values a progress report reads."""
    found = {unit.pk: unit}
    frontier = [unit.pk]
    while frontier:
        olds = AdminUnit.objects.filter(successors__new_id__in=frontier).exclude(pk__in=found)
        frontier = []
        for old in olds:
            found[old.pk] = old
            frontier.append(old.pk)
    return list(found.values())
