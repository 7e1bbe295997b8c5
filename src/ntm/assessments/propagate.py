"""Keeping stored results current after a value write: the written units, then up the tree
only as far as something a parent counts has moved.

Why not every ancestor each time: a district's (or a post-2025 province's) result counts its
communes only through their outcome (``commune_outcomes``: level by data and the ladder sets
met). Most writes leave that outcome as it was; recomputing the parent anyway cost a third of
a write, and its stored rows were one row that every writer of the district or province
deleted and re-inserted, so concurrent writers queued behind each other (issue 13's load
benchmark: p99 of 30 s). Now a parent is recomputed, in the same transaction, exactly when a
child's outcome changed (or the child had no stored ladder to compare with).

Concurrent writers: each locks the units it recomputes (``SELECT … FOR UPDATE``, written units
first, then parents bottom-up) before reading their values, so two transactions writing one
commune, or two communes moving one district, recompute one after the other and the later one
reads what the earlier committed. SQLite serialises writers anyway (the lock is a no-op there).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ntm.assessments import levels_version
from ntm.assessments.models import StoredResult
from ntm.assessments.stored import refresh_rows
from ntm.assessments.stored_keys import chunks
from ntm.criteria.inputs import Period
from ntm.criteria.registry import UnknownSet, load_registry
from ntm.units.models import AdminUnit

# unit id -> {set code: (met, level by data)} of its stored rows at one period
Outcomes = dict[int, dict[str, tuple[bool, str]]]


def _depth(unit: AdminUnit) -> int:
    return unit.path.strip("/").count("/")


def lock_units(unit_ids: set[int]) -> dict[int, AdminUnit]:
    """The units, locked for the rest of the transaction, in id order (one order for every
    writer: no two wait on each other's units in a cycle)."""
    found: dict[int, AdminUnit] = {}
    for chunk in chunks(sorted(unit_ids)):
        locked = AdminUnit.objects.select_for_update().filter(pk__in=chunk).order_by("pk")
        found.update((u.pk, u) for u in locked)
    return found


def _stored_periods(unit_ids: set[int], bound: dict[int, int]) -> dict[Period, Outcomes]:
    """For each period with stored rows at or after a unit's bound: the units stored then,
    with their sets' (met, level by data), as ``stored.stored_outcomes`` gives them (one query
    for every period: the refresh then reads no stored row again)."""
    out: dict[Period, Outcomes] = defaultdict(lambda: defaultdict(dict))
    parsed: dict[str, Period] = {}
    for chunk in chunks(sorted(unit_ids)):
        rows = StoredResult.objects.filter(unit_id__in=chunk).values_list(
            "unit_id", "period", "period_index", "set_code", "met", "level"
        )
        for unit_id, period_text, index, set_code, met, level in rows:
            if index >= bound[unit_id]:
                period = parsed.get(period_text) or parsed.setdefault(
                    period_text, Period.parse(period_text)
                )
                out[period][unit_id][set_code] = (bool(met), level)
    return out


def values_changed(written: list[tuple[int, str, Period]], author: Any = None) -> None:
    """The value writers' listener (``ntm.assessments.hooks.on_values_changed``): recompute what
    they made stale, in their transaction, one pass per period and level."""
    bound: dict[int, int] = {}
    for unit_id, _set_code, period in written:
        bound[unit_id] = min(bound.get(unit_id, period.index), period.index)
    if not bound:
        return
    registry = load_registry()
    units = lock_units(set(bound))
    written_ids = set(units)
    parents: dict[int, int | None] = {pk: u.parent_id for pk, u in units.items()}
    for unit in list(units.values()):
        chain = [int(p) for p in unit.path.strip("/").split("/") if p]
        for ancestor in chain:
            if ancestor != unit.pk:
                bound[ancestor] = min(bound.get(ancestor, bound[unit.pk]), bound[unit.pk])
    stored_at = _stored_periods(set(bound), bound)
    for period in sorted(stored_at, key=lambda p: p.index):
        dirty = {pk for pk in written_ids if bound[pk] <= period.index}
        try:
            _refresh_upward(dirty, period, stored_at[period], units, parents, registry)
        except UnknownSet:
            drop(set(bound), period)


def _refresh_upward(
    dirty: set[int],
    period: Period,
    stored: Outcomes,
    units: dict[int, AdminUnit],
    parents: dict[int, int | None],
    registry: Any,
) -> None:
    """Recompute the dirty units at ``period`` deepest first; a unit whose outcome moved (or
    that has no stored rows to compare with) makes its parent dirty."""
    stored_ids = set(stored)
    pending = set(dirty)
    while pending:
        missing = pending - set(units)
        if missing:
            locked = lock_units(missing)
            units.update(locked)
            parents.update((pk, u.parent_id) for pk, u in locked.items())
        deepest = max(_depth(units[pk]) for pk in pending if pk in units)
        level_ids = {pk for pk in pending if pk in units and _depth(units[pk]) == deepest}
        pending -= level_ids
        pending -= {pk for pk in pending if pk not in units}
        moved: set[int] = set()
        to_refresh = [units[pk] for pk in sorted(level_ids) if pk in stored_ids]
        moved.update(pk for pk in level_ids if pk not in stored_ids)
        if to_refresh:
            refresh_rows(to_refresh, period, registry, changed=moved, before=stored)
        for pk in moved:
            parent = parents.get(pk)
            if parent is not None and parent in stored_ids:
                pending.add(parent)


def _ancestor_ids(path: str, unit_id: int) -> list[int]:
    """The ids on a unit's ``path`` chain (``/12/345/6789/``) other than its own, nearest
    first."""
    return [int(p) for p in reversed(path.strip("/").split("/")) if p and int(p) != unit_id]


def drop(unit_ids: Iterable[int], period: Period | None = None) -> int:
    """Remove stored rows (all periods, or ``period`` on); they are recomputed when read."""
    removed = 0
    for chunk in chunks(list(unit_ids)):
        rows = StoredResult.objects.filter(unit_id__in=chunk)
        if period is not None:
            rows = rows.filter(period_index__gte=period.index)
        removed += rows.delete()[0]
    if removed:
        levels_version.bump()  # a level read after this is computed again: it may differ
    return removed


def value_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A value deleted (``post_delete``): its unit's and ancestors' rows from that period on go,
    in the deleting transaction; the next read recomputes them. The units are locked first, one
    by one from the unit up, as a writer locks them: no writer or reader then waits on rows
    this transaction holds while holding a unit it waits for."""
    unit = lock_units({instance.unit_id}).get(instance.unit_id)
    if unit is None:
        return
    chain = [unit.pk]
    for ancestor in _ancestor_ids(unit.path, unit.pk):
        lock_units({ancestor})
        chain.append(ancestor)
    drop(chain, Period.parse(instance.period))
