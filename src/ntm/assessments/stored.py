"""Stored results: each unit's evaluation per set and period, computed when values change.

Why: every page, report and API call used to re-run the engine over raw values, so a page cost
grew with the country (issue 13). Here the engine runs once per change:

- a value written (form, API, import: ``ntm.assessments.hooks``) recomputes, in the same
  transaction, the stored rows of that unit from the written period on, and its parents' when
  what they count of it moved (``ntm.assessments.propagate``); an import does it in one pass
  per period;
- a value removed drops the affected rows in the same transaction (recomputed when next read);
- a read finds the rows of the units asked for; a row missing, or made under other rules or
  another unit profile (``digest``), is computed then and kept;
- ``rebuild`` recomputes everything and ``check`` compares stored with recomputed
  (``ntm results rebuild|check``; the test suite runs the check over the demo).

The unit of work is (unit, period): all the sets of the unit's ladder are evaluated together,
so the stored level by data and the stored set results can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from ntm.assessments import levels_version
from ntm.assessments.evaluation import (
    commune_outcomes,
    evaluate_units,
    ladder_sets,
    sets_by_unit,
)
from ntm.assessments.models import StoredResult
from ntm.assessments.stored_insert import NewRow, insert_rows
from ntm.assessments.stored_keys import chunks, digest_for
from ntm.criteria.compact import CompactResult, Encoded, encode, set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import Registry, load_registry
from ntm.units.models import LEVEL_DEPTH, AdminUnit

IN_LIST_LIMIT = 2000  # above this many units, read the whole (set, period) and filter here
_FIELDS = (
    "unit_id",
    "digest",
    "criteria_met",
    "criteria_total",
    "indicators_met",
    "indicators_total",
    "indicators_missing",
    "met",
    "is_current",
    "has_values",
    "criteria_letters",
    "indicator_letters",
    "level",
)


@dataclass(frozen=True, slots=True)
class Stored:
    """One unit's stored result for a set and its level by data at that period."""

    result: CompactResult
    level: str | None


def _read(
    units: Sequence[AdminUnit], set_code: str, period: Period, registry: Registry
) -> dict[int, Stored]:
    """The fresh stored rows among ``units`` (stale and missing ones are left out).

    Read on a plain cursor, like the values (``observations_for_units``): the ORM's per-row
    converters cost more than the rest for a country. Many units: the whole (set, period),
    one range of the unique index, filtered here."""
    out: dict[int, Stored] = {}
    for code, group in sets_by_unit(units, set_code, period, registry).items():
        out.update(_read_group(group, set_code, registry.get(code), period))
    return out


def _read_group(
    units: Sequence[AdminUnit], set_code: str, criteria_set: CriteriaSet, period: Period
) -> dict[int, Stored]:
    """``_read`` for units measured against one set (``criteria_set``: the set in force for
    them where ``set_code`` is asked for, a province's override or the set itself)."""
    sdigest = set_digest(criteria_set)
    by_id = {u.pk: u for u in units}
    shape = (len(criteria_set.criteria), criteria_set.encoded_indicators)
    text = str(period)
    out: dict[int, Stored] = {}
    rows = StoredResult.objects.filter(set_code=set_code, period=text)
    batches = (
        [rows]
        if len(by_id) > IN_LIST_LIMIT
        else [rows.filter(unit_id__in=ids) for ids in chunks(list(by_id))]
    )
    for batch in batches:
        sql, params = batch.values_list(*_FIELDS).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        for (
            unit_id,
            digest,
            cm,
            ct,
            im,
            it,
            ix,
            met,
            current,
            has,
            c_letters,
            i_letters,
            level,
        ) in fetched:
            unit = by_id.get(unit_id)
            if unit is None or digest != digest_for(unit, sdigest):
                continue
            if (len(c_letters), len(i_letters)) != shape:
                continue
            encoded = Encoded(
                cm, ct, im, it, ix, bool(met), bool(current), bool(has), c_letters, i_letters
            )
            out[unit_id] = Stored(
                CompactResult(unit.code, criteria_set, text, encoded), level or None
            )
    return out


def stored_results(
    units: Iterable[AdminUnit],
    set_code: str,
    period: str | Period,
    registry: Registry | None = None,
) -> dict[int, Stored]:
    """Every unit's stored result for ``set_code`` as of ``period``, computing what is missing.

    The one read path behind ``current_standings`` (review, dashboard, map, API, reports).
    """
    registry = registry or load_registry()
    as_of = Period.parse(period)
    units = list(units)
    found = _read(units, set_code, as_of, registry)
    missing = [u for u in units if u.pk not in found]
    if missing:
        found.update(_compute_missing(missing, set_code, as_of, registry))
    return found


def _compute_missing(
    missing: Sequence[AdminUnit], set_code: str, period: Period, registry: Registry
) -> dict[int, Stored]:
    """Results a read found missing or stale: computed now, and kept for the units no writer
    is recomputing at this moment.

    The reader locks the units it stores (``FOR UPDATE SKIP LOCKED``; writers lock them too,
    ``ntm.assessments.propagate``) before reading their values. A unit a writer locked first
    is computed without being stored: the result, from the values committed so far, still
    answers this read, and the writer stores its own. A writer coming second waits, then
    recomputes over the reader's rows. A reader never waits on a unit, so it is never part of
    a deadlock. (SQLite runs one writer at a time and ignores the lock.)"""
    with transaction.atomic():
        free = _lock_free(missing)
        if free:
            refresh_rows(free, period, registry, also=(set_code,))
        found = _read(free, set_code, period, registry)
    free_ids = {u.pk for u in free}
    busy = [u for u in missing if u.pk not in free_ids]
    if busy:
        rows: list[NewRow] = []
        refresh_rows(busy, period, registry, also=(set_code,), keep=rows)
        found.update(_from_rows(busy, rows, set_code, period, registry))
    return found


def _lock_free(units: Sequence[AdminUnit]) -> list[AdminUnit]:
    """The units no other transaction holds, locked until this one ends."""
    by_id = {u.pk: u for u in units}
    free: list[AdminUnit] = []
    for ids in chunks(sorted(by_id)):
        locked = AdminUnit.objects.select_for_update(skip_locked=True).filter(pk__in=ids)
        free.extend(by_id[pk] for pk in locked.values_list("pk", flat=True))
    return free


def _from_rows(
    units: Sequence[AdminUnit],
    rows: Sequence[NewRow],
    set_code: str,
    period: Period,
    registry: Registry,
) -> dict[int, Stored]:
    """What ``_read`` would give for ``rows`` had they been stored."""
    by_unit = {r.unit_id: r for r in rows if r.set_code == set_code}
    out: dict[int, Stored] = {}
    for code, group in sets_by_unit(units, set_code, period, registry).items():
        criteria_set = registry.get(code)
        for unit in group:
            r = by_unit.get(unit.pk)
            if r is None:
                continue
            encoded = Encoded(
                r.criteria_met,
                r.criteria_total,
                r.indicators_met,
                r.indicators_total,
                r.indicators_missing,
                r.met,
                r.is_current,
                r.has_values,
                r.criteria_letters,
                r.indicator_letters,
            )
            result = CompactResult(unit.code, criteria_set, str(period), encoded)
            out[unit.pk] = Stored(result, r.level or None)
    return out


def stored_ladders(
    units: Iterable[AdminUnit], period: str | Period, registry: Registry | None = None
) -> dict[int, dict[str, CompactResult]]:
    """Each unit's stored results for every set of its ladder: ``{unit_id: {set: result}}``."""
    registry = registry or load_registry()
    by_level: dict[str, list[AdminUnit]] = defaultdict(list)
    units = list(units)
    for unit in units:
        by_level[unit.level].append(unit)
    out: dict[int, dict[str, CompactResult]] = {u.pk: {} for u in units}
    for level, group in by_level.items():
        for set_code in ladder_sets(level, period, registry):
            for pk, stored in stored_results(group, set_code, period, registry).items():
                out[pk][set_code] = stored.result
    return out


@transaction.atomic
def refresh(
    units: Sequence[AdminUnit],
    period: Period,
    registry: Registry | None = None,
    also: Sequence[str] = (),
) -> int:
    """Recompute and store ``units``' results as of ``period`` in a transaction (see
    ``refresh_rows``). Returns rows written."""
    return refresh_rows(units, period, registry, also)


def refresh_rows(
    units: Sequence[AdminUnit],
    period: Period,
    registry: Registry | None = None,
    also: Sequence[str] = (),
    changed: set[int] | None = None,
    before: Mapping[int, dict[str, tuple[bool, str]]] | None = None,
    keep: list[NewRow] | None = None,
) -> int:
    """Recompute and store ``units``' results as of ``period``: the sets of their ladder, the
    sets already stored for them at that period, and ``also``. Returns rows written.

    ``changed``, when given, receives the units whose outcome as their parent counts it (level
    by data, ladder sets met) differs from the stored one, or had no stored ladder: only their
    parents need recomputing (``ntm.assessments.propagate``). Runs in the caller's transaction
    (no savepoint: the value writers' hook calls it on every write). ``before``: the stored
    sets of the units at ``period`` when the caller has read them (``stored_outcomes``).
    ``keep``: the rows are added to it and not stored (a reader's units a writer holds)."""
    registry = registry or load_registry()
    by_level: dict[str, list[AdminUnit]] = defaultdict(list)
    for unit in units:
        by_level[unit.level].append(unit)
    if before is None:
        before = stored_outcomes([u.pk for u in units], period)
    already = {pk: set(rows) for pk, rows in before.items()}
    written = 0
    # Deepest level first: a district's result counts its communes' stored rows.
    for level in sorted(by_level, key=lambda lvl: -LEVEL_DEPTH.get(lvl, 0)):
        group = by_level[level]
        ladder = ladder_sets(level, period, registry)
        wanted = {*ladder, *also, *(s for u in group for s in already.get(u.pk, ()))}
        sets = [s for s in sorted(wanted) if s in registry]
        outcomes = (
            commune_outcomes(group, period, registry, ladders=stored_ladders)
            if any(_counts_communes(registry.get(s)) for s in sets)
            else None
        )
        results = {s: evaluate_units(group, s, period, registry, outcomes) for s in sets}
        rows = []
        for unit in group:
            on_ladder = {s: results[s][unit.pk] for s in ladder}
            level_by_data = level_reached(on_ladder, registry) if on_ladder else None
            if changed is not None and _outcome_moved(
                before.get(unit.pk, {}), on_ladder, level_by_data
            ):
                changed.add(unit.pk)
            for set_code in sets:
                rows.append(
                    _row(
                        unit, set_code, period, results[set_code][unit.pk], level_by_data, registry
                    )
                )
        written += len(rows)
        if keep is not None:
            keep.extend(rows)
            continue
        ids = [u.pk for u in group]
        if level == "commune":
            _bump_if_levels_moved(ids, period, rows)
        for chunk in chunks(ids):
            StoredResult.objects.filter(period=str(period), unit_id__in=chunk).delete()
        insert_rows(rows)
    return written


def _bump_if_levels_moved(ids: Sequence[int], period: Period, rows: Sequence[NewRow]) -> None:
    """Move the levels version (``levels_version``) when a commune's fresh stored row is about
    to be replaced by one under the same fingerprint with another level or values flag: what
    ``stored_levels`` reads. (A row under another fingerprint was stale: nothing cached could
    rest on it.)"""
    new = {(r.unit_id, r.set_code): (r.digest, r.level, bool(r.has_values)) for r in rows}
    for chunk in chunks(list(ids)):
        stored = StoredResult.objects.filter(period=str(period), unit_id__in=chunk)
        for unit_id, set_code, digest, level, has in stored.values_list(
            "unit_id", "set_code", "digest", "level", "has_values"
        ):
            replaced = new.get((unit_id, set_code))
            if replaced is None or (replaced[0] == digest and replaced[1:] != (level, bool(has))):
                levels_version.bump()
                return


def _counts_communes(criteria_set: Any) -> bool:
    return any(i.aggregate is not None for i in criteria_set.indicators)


def _row(
    unit: AdminUnit,
    set_code: str,
    period: Period,
    result: Any,
    level: str | None,
    registry: Registry,
) -> NewRow:
    e = encode(result)
    return NewRow(
        unit_id=unit.pk,
        set_code=set_code,
        period=str(period),
        period_index=period.index,
        # The set that judged the unit: a province's override where it is in force.
        digest=digest_for(unit, set_digest(registry.get(result.set_code))),
        criteria_met=e.criteria_met,
        criteria_total=e.criteria_total,
        indicators_met=e.indicators_met,
        indicators_total=e.indicators_total,
        indicators_missing=e.indicators_missing,
        met=e.met,
        is_current=e.is_current,
        has_values=e.has_values,
        level=level or "",
        criteria_letters=e.criteria_letters,
        indicator_letters=e.indicator_letters,
    )


def stored_outcomes(
    unit_ids: Sequence[int], period: Period
) -> dict[int, dict[str, tuple[bool, str]]]:
    """The sets stored for each unit at ``period``, with their (met, level by data)."""
    out: dict[int, dict[str, tuple[bool, str]]] = defaultdict(dict)
    for chunk in chunks(list(unit_ids)):
        rows = StoredResult.objects.filter(period=str(period), unit_id__in=chunk)
        for unit_id, set_code, met, level in rows.values_list(
            "unit_id", "set_code", "met", "level"
        ):
            out[unit_id][set_code] = (bool(met), level)
    return out


def _outcome_moved(
    stored: dict[str, tuple[bool, str]], on_ladder: dict[str, Any], level: str | None
) -> bool:
    """Whether what a parent counts of this unit (``commune_outcomes``: its level by data and
    the ladder sets it meets) differs between the stored rows and the new results."""
    if any(code not in stored for code in on_ladder):
        return True
    return any(
        stored[code] != (bool(result.met), level or "") for code, result in on_ladder.items()
    )
