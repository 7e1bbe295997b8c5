"""Rebuilding stored results from scratch, and checking them against a fresh evaluation.

Why both: the writers keep stored results current (``ntm.assessments.stored``), but a change
made outside them (a restored database, a criteria file edited in place, SQL by hand) would
leave rows behind the values. ``rebuild`` recomputes every row; ``check`` recomputes without
writing and lists every row that differs, so drift is found, not guessed (the test suite runs
it over the demo).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from ntm.assessments import levels_version
from ntm.assessments.evaluation import evaluate_units, ladder_sets, levels_for
from ntm.assessments.models import IndicatorValue, StoredResult
from ntm.assessments.stored import refresh
from ntm.assessments.stored_keys import chunks
from ntm.criteria.compact import encode, set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.units.models import AdminUnit

LADDER_LEVELS = ("commune", "district")


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A stored row that differs from a fresh evaluation (or a row that should not exist)."""

    unit_code: str
    set_code: str
    period: str
    field: str
    stored: object
    fresh: object

    def __str__(self) -> str:
        return (
            f"{self.unit_code} {self.set_code} {self.period}: {self.field} "
            f"lưu {self.stored!r} ≠ tính lại {self.fresh!r}"
        )


def default_periods(today: date | None = None) -> list[Period]:
    """Every year from the first year with values to this year, and every period stored."""
    today = today or date.today()
    years = {int(p[:4]) for p in IndicatorValue.objects.values_list("period", flat=True).distinct()}
    periods = {Period.of(y) for y in range(min(years), today.year + 1)} if years else set()
    stored = StoredResult.objects.values_list("period", flat=True).distinct()
    periods.update(Period.parse(p) for p in stored)
    return sorted(periods, key=lambda p: (p.index, p.month is not None))


def _units_for(period: Period) -> list[AdminUnit]:
    """Units with values for a set of their ladder at or before ``period``, their ancestors
    (whose results count them), and units already holding rows for it. A unit without any value
    is computed when a page first asks for it, not here."""
    registry = load_registry()
    sets = {s for lvl in LADDER_LEVELS for s in ladder_sets(lvl, period, registry)}
    # A province's override takes values under its own code too (its added indicators).
    sets |= {s.code for s in registry.sets() if s.province and s.base in sets}
    with_values = (
        IndicatorValue.objects.filter(set_code__in=sets, period_index__lte=period.index)
        .values_list("unit_id", flat=True)
        .distinct()
        .order_by()
    )
    ids = set(with_values)
    ids.update(StoredResult.objects.filter(period=str(period)).values_list("unit_id", flat=True))
    for chunk in chunks(sorted(ids)):
        for path in AdminUnit.objects.filter(pk__in=chunk).values_list("path", flat=True):
            ids.update(int(p) for p in path.strip("/").split("/") if p)
    units: list[AdminUnit] = []
    for chunk in chunks(sorted(ids)):
        units.extend(AdminUnit.objects.filter(pk__in=chunk, level__in=LADDER_LEVELS))
    return units


def rebuild(periods: Iterable[Period] | None = None) -> dict[str, int]:
    """Recompute every stored row of ``periods`` (default: ``default_periods``); rows of sets
    no longer loaded go. Returns rows written per period."""
    written: dict[str, int] = {}
    registry = load_registry()
    with transaction.atomic():
        levels_version.compact()  # every row is rewritten: the change log starts again
        StoredResult.objects.exclude(set_code__in=registry.codes()).delete()
        for period in periods if periods is not None else default_periods():
            written[str(period)] = refresh(_units_for(period), period, registry)
    return written


def rebuild_set(set_code: str) -> int:
    """Recompute every stored row of ``set_code`` now (a province activated a new version of
    its set, a file changed): the units and periods that hold one, with their ladders. Rows of
    a set no longer loaded go. Returns rows written."""
    registry = load_registry()
    rows = StoredResult.objects.filter(set_code=set_code)
    if set_code not in registry:
        removed = rows.delete()[0]
        if removed:
            levels_version.bump()
        return -removed
    written = 0
    for text in sorted(set(rows.values_list("period", flat=True))):
        ids = sorted(set(rows.filter(period=text).values_list("unit_id", flat=True)))
        units: list[AdminUnit] = []
        for chunk in chunks(ids):
            units.extend(AdminUnit.objects.filter(pk__in=chunk))
        written += refresh(units, Period.parse(text), registry, also=(set_code,))
    return written


def rebuild_province(province_code: str, base: str | None = None) -> int:
    """Recompute the stored rows of a province's units (a province activated or withdrew its
    own set: the set in force for its units changed, and their districts' results count their
    communes' levels). With ``base`` (the national set the province's set stands in for), only
    the periods whose ladders use it or that hold rows of it. Rows elsewhere are untouched.
    Returns rows written."""
    registry = load_registry()
    rows = StoredResult.objects.filter(unit__province_code=province_code)
    periods = sorted(set(rows.values_list("period", flat=True)))
    if base:
        held = set(rows.filter(set_code=base).values_list("period", flat=True))
        periods = [
            p
            for p in periods
            if p in held or any(base in ladder_sets(level, p, registry) for level in LADDER_LEVELS)
        ]
    written = 0
    for text in periods:
        ids = sorted(set(rows.filter(period=text).values_list("unit_id", flat=True)))
        units: list[AdminUnit] = []
        for chunk in chunks(ids):
            units.extend(AdminUnit.objects.filter(pk__in=chunk))
        written += refresh(units, Period.parse(text), registry)
    return written


def check(periods: Iterable[Period] | None = None, limit: int = 100) -> list[Mismatch]:
    """Every stored row compared with a fresh evaluation (up to ``limit`` differences)."""
    registry = load_registry()
    found: list[Mismatch] = []
    for period in periods if periods is not None else default_periods():
        rows = StoredResult.objects.filter(period=str(period)).select_related("unit")
        by_set: dict[str, list[StoredResult]] = defaultdict(list)
        for row in rows:
            by_set[row.set_code].append(row)
        units = {row.unit_id: row.unit for rows_ in by_set.values() for row in rows_}
        levels: dict[int, str | None] = {}
        for ids in chunks(list(units)):
            levels.update(levels_for([units[i] for i in ids], period, registry))
        for set_code, stored_rows in sorted(by_set.items()):
            if set_code not in registry:
                found.extend(_gone(r) for r in stored_rows)
                continue
            fresh = evaluate_units([r.unit for r in stored_rows], set_code, period, registry)
            for row in stored_rows:
                # The set in force for the unit: its province's override where there is one.
                digest = set_digest(registry.get(fresh[row.unit_id].set_code))
                found.extend(_compare(row, encode(fresh[row.unit_id]), levels, digest))
                if len(found) >= limit:
                    return found[:limit]
    return found


def _gone(row: StoredResult) -> Mismatch:
    return Mismatch(row.unit.code, row.set_code, row.period, "set_code", row.set_code, None)


def _compare(row: StoredResult, fresh, levels: dict[int, str | None], digest: str):
    """Differences between a stored row and the fresh encoding of the same result."""
    if not row.digest.startswith(digest + ":"):
        return []  # stale by fingerprint: never read as is, recomputed when next read
    pairs = [(name, getattr(row, name), getattr(fresh, name)) for name in fresh.__slots__]
    pairs.append(("level", row.level or None, levels.get(row.unit_id)))
    return [
        Mismatch(row.unit.code, row.set_code, row.period, name, stored, new)
        for name, stored, new in pairs
        if stored != new
    ]
