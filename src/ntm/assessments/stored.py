"""Stored results: each unit's evaluation per set and period, computed when values change.

Why: every page, report and API call used to re-run the engine over raw values, so a page cost
grew with the country (issue 13). Here the engine runs once per change:

- a value written (form, API, import: ``ntm.assessments.hooks``) recomputes, in the same
  transaction, the stored rows of that unit from the written period on, and its ancestors'
  (a district's result counts its communes' levels); an import does it in one pass per period;
- a value removed drops the affected rows in the same transaction (recomputed when next read);
- a read finds the rows of the units asked for; a row missing, or made under other rules or
  another unit profile (``digest``), is computed then and kept;
- ``rebuild`` recomputes everything and ``check`` compares stored with recomputed
  (``ntm results rebuild|check``; the test suite runs the check over the demo).

The unit of work is (unit, period): all the sets of the unit's ladder are evaluated together,
so the stored level by data and the stored set results can never disagree.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Max, Min, Sum, When
from django.db.models.functions import Cast, Right

from ntm.assessments.evaluation import commune_outcomes, evaluate_units, ladder_sets
from ntm.assessments.models import StoredResult
from ntm.criteria.compact import CompactResult, Encoded, encode, set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached
from ntm.criteria.registry import Registry, load_registry
from ntm.units.models import LEVEL_DEPTH, AdminUnit
from ntm.units.selectors import profile_columns

CHUNK = 900  # ids per IN list: under SQLite's bound-parameter limit on every build
IN_LIST_LIMIT = 2000  # above this many units, read the whole (set, period) and filter here
PROFILE_KEY_LENGTH = 8  # hex digits of the profile fingerprint ending every digest
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


def digest_for(unit: AdminUnit, set_digest_text: str) -> str:
    """The set's rules and the unit's profile (region, group, flags): what a result rests on."""
    return f"{set_digest_text}:{profile_key(unit)}"


def profile_key(unit: AdminUnit) -> str:
    """The fingerprint of the unit's ``PROFILE_FIELDS`` ending every digest, kept on the unit
    object for the request (a unit read for the three sets of its ladder: fingerprinted once)."""
    key = getattr(unit, "_ntm_profile_key", None)
    if key is None:
        key = f"{zlib.crc32(repr(profile_columns(unit)).encode()) & 0xFFFFFFFF:08x}"
        unit._ntm_profile_key = key  # type: ignore[attr-defined]
    return str(key)


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _read(
    units: Sequence[AdminUnit], set_code: str, period: Period, registry: Registry
) -> dict[int, Stored]:
    """The fresh stored rows among ``units`` (stale and missing ones are left out).

    Read on a plain cursor, like the values (``observations_for_units``): the ORM's per-row
    converters cost more than the rest for a country. Many units: the whole (set, period),
    one range of the unique index, filtered here."""
    criteria_set = registry.get(set_code)
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
        refresh(missing, as_of, registry, also=(set_code,))
        found.update(_read(missing, set_code, as_of, registry))
    return found


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


def stored_levels(
    units: Iterable[AdminUnit], period: str | Period, registry: Registry | None = None
) -> dict[int, tuple[str | None, bool]]:
    """Each unit's level by data and whether it has values for any set of its ladder: one
    grouped query over the stored rows (a national ranking reads every commune of the country,
    where reading each result would cost seconds). Rows made under other rules are not used;
    units without usable rows are computed first."""
    registry = registry or load_registry()
    as_of = Period.parse(period)
    units = list(units)
    by_level: dict[str, list[AdminUnit]] = defaultdict(list)
    for unit in units:
        by_level[unit.level].append(unit)
    out: dict[int, tuple[str | None, bool]] = {}
    for level, group in by_level.items():
        ladder = ladder_sets(level, as_of, registry)
        if not ladder:
            out.update((u.pk, (None, False)) for u in group)
            continue
        found = _levels(group, ladder, as_of, registry)
        missing = [u for u in group if u.pk not in found]
        if missing:
            stored_ladders(missing, as_of, registry)
            found.update(_levels(missing, ladder, as_of, registry))
        out.update(found)
    return out


def _levels(
    units: Sequence[AdminUnit], ladder: Sequence[str], period: Period, registry: Registry
) -> dict[int, tuple[str | None, bool]]:
    """(level, has values) of units whose rows for every ladder set are under today's rules and
    the unit's profile as it is now (a region changed by bulk SQL sends no signal: the rows made
    under the old one are left out, so the caller recomputes them)."""
    digests = [set_digest(registry.get(code)) for code in ladder]
    wanted = {u.pk: u for u in units}
    rows = StoredResult.objects.filter(period=str(period), set_code__in=list(ladder))
    rows = rows.filter(unit_id__in=list(wanted)) if len(wanted) <= CHUNK else rows
    profile = Right("digest", PROFILE_KEY_LENGTH)
    grouped = rows.values("unit_id").annotate(
        n=Count("pk"),
        level=Max("level"),
        has=Max(Cast("has_values", IntegerField())),
        fresh=Sum(
            Case(
                *(When(digest__startswith=f"{d}:", then=1) for d in digests),
                default=0,
                output_field=IntegerField(),
            )
        ),
        # all rows' profile parts are the current fingerprint when the least and greatest are
        profile_min=Min(profile),
        profile_max=Max(profile),
    )
    out: dict[int, tuple[str | None, bool]] = {}
    fields = ("unit_id", "n", "level", "has", "fresh", "profile_min", "profile_max")
    for unit_id, n, level, has, fresh, low, high in grouped.values_list(*fields):
        unit = wanted.get(unit_id)
        if unit is None or not n == len(ladder) == fresh:
            continue
        if low == high == profile_key(unit):
            out[unit_id] = (level or None, bool(has))
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
) -> int:
    """Recompute and store ``units``' results as of ``period``: the sets of their ladder, the
    sets already stored for them at that period, and ``also``. Returns rows written.

    ``changed``, when given, receives the units whose outcome as their parent counts it (level
    by data, ladder sets met) differs from the stored one, or had no stored ladder: only their
    parents need recomputing (``ntm.assessments.propagate``). Runs in the caller's transaction
    (no savepoint: the value writers' hook calls it on every write). ``before``: the stored
    sets of the units at ``period`` when the caller has read them (``stored_outcomes``)."""
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
        ids = [u.pk for u in group]
        for chunk in chunks(ids):
            StoredResult.objects.filter(period=str(period), unit_id__in=chunk).delete()
        StoredResult.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
        written += len(rows)
    return written


def _counts_communes(criteria_set: Any) -> bool:
    return any(i.aggregate is not None for i in criteria_set.indicators)


def _row(
    unit: AdminUnit,
    set_code: str,
    period: Period,
    result: Any,
    level: str | None,
    registry: Registry,
) -> StoredResult:
    e = encode(result)
    return StoredResult(
        unit_id=unit.pk,
        set_code=set_code,
        period=str(period),
        period_index=period.index,
        digest=digest_for(unit, set_digest(registry.get(set_code))),
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


def _ancestor_ids(path: str, unit_id: int) -> list[int]:
    """The ids on a unit's ``path`` chain (``/12/345/6789/``) other than its own."""
    return [int(p) for p in path.strip("/").split("/") if p and int(p) != unit_id]


def _with_ancestors(unit_ids: Iterable[int]) -> set[int]:
    ids = set(unit_ids)
    every = set(ids)
    for unit_id, path in AdminUnit.objects.filter(pk__in=ids).values_list("pk", "path"):
        every.update(_ancestor_ids(path, unit_id))
    return every


def drop(unit_ids: Iterable[int], period: Period | None = None) -> int:
    """Remove stored rows (all periods, or ``period`` on); they are recomputed when read."""
    removed = 0
    for chunk in chunks(list(unit_ids)):
        rows = StoredResult.objects.filter(unit_id__in=chunk)
        if period is not None:
            rows = rows.filter(period_index__gte=period.index)
        removed += rows.delete()[0]
    return removed


def value_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A value deleted (``post_delete``): its unit's and ancestors' rows from that period on go,
    in the deleting transaction; the next read recomputes them."""
    drop(_with_ancestors([instance.unit_id]), Period.parse(instance.period))
