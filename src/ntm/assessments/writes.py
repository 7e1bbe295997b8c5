"""Writing values: upsert in batches, with history, inside one transaction. The one path
every value takes to the database (``ntm.assessments.services.do_set_value`` for one,
``do_set_values`` for a file), so "unchanged", the limits and the history rows are the same
for a form, the API and an import.

Per batch, one query fetches the stored values the batch could touch; each row is then new
(created), different (updated, version + 1) or identical (left alone, no history row), so
importing the same file twice changes nothing the second time.

Why plain SQL and not the ORM: simple_history's ``bulk_create_with_history`` /
``bulk_update_with_history`` build a model instance per value and per history row and let
Django compile INSERTs of 62 rows each on SQLite; measured on the 2-core machine they import
about 2,000 values/s, 25 times short of the 50,000 values/s target. Here values go in with one
``executemany`` per batch and their history rows are copied by the database itself
(``INSERT ... SELECT``, one statement for all the values an import creates). They are the rows
simple_history writes (same table, ``history_type``
"+" or "~", ``history_user``, ``history_change_reason``), so ``value.history`` reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from tqdm import tqdm

from ntm.assessments import history_sql, staged_writes
from ntm.assessments.copy_rows import copy_available, copy_rows, copy_text
from ntm.assessments.hooks import has_listeners, values_changed, values_written
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import CHANGE_REASON_MAX
from ntm.criteria.inputs import Period

BATCH_SIZE = 2000
_KEY_COLUMNS = ("id", "unit_id", "set_code", "indicator_code", "period")
COMPARED_FIELDS = ("raw", "value_number", "value_bool", "value_text", "not_applicable", "note")
_COMPARED = (*COMPARED_FIELDS, "version")
UPDATED_FIELDS = (
    "raw",
    "value_number",
    "value_bool",
    "value_text",
    "not_applicable",
    "note",
    "source",
    "author_id",
    "updated_at",
    "version",
)

MSG_VALUES_CHANGED_MEANWHILE = "a value changed while the import was writing"


class ValueRow(NamedTuple):
    """A value ready to write: its key, the raw text, the parsed columns (``to_stored``) and the
    note (None: keep the stored note). The importer's checked rows have the same fields."""

    unit_id: int
    set_code: str
    indicator_code: str
    period: str
    period_index: int
    raw: str
    value_number: float | None
    value_bool: bool | None
    value_text: str
    not_applicable: bool
    note: str | None


def is_unchanged(stored: Sequence[Any], new: Sequence[Any]) -> bool:
    """THE rule for "this write changes nothing": the same raw text, parsed columns and note
    (``COMPARED_FIELDS`` order). Nothing is written then, not even a history row."""
    return tuple(stored) == tuple(new)


# How many changes an import lists one by one (the counts stay exact beyond it).
CHANGES_LISTED = 1000


@dataclass(frozen=True, slots=True)
class ValueChange:
    """One value an import creates or changes: old is None for a new value."""

    unit_id: int
    set_code: str
    indicator_code: str
    period: str
    old: str | None
    new: str
    old_note: str | None = None
    new_note: str | None = None


@dataclass(slots=True)
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[ValueChange] = field(default_factory=list)

    def note_change(self, change: ValueChange) -> None:
        if len(self.changes) < CHANGES_LISTED:
            self.changes.append(change)


@dataclass(frozen=True, slots=True)
class _Write:
    """What every row of one import shares: who, why, when (already adapted for the database)."""

    author_id: int | None
    source: str
    reason: str
    now: Any


def write_rows(
    rows: Sequence[ValueRow],
    *,
    author: Any = None,
    source: str = "import",
    reason: str = "",
    dry_run: bool = False,
    progress: bool = False,
    savepoint: bool = True,
) -> WriteCounts:
    """Upsert ``rows``; with ``dry_run`` only count what would change.

    ``savepoint=False``: the caller's own transaction block undoes a failure (``do_set_value``
    has one): a savepoint would be two more round trips on every single write."""
    counts = WriteCounts()
    ctx = _Write(
        author_id=getattr(author, "pk", None),
        source=source,
        reason=(reason or source)[:CHANGE_REASON_MAX],
        now=connection.ops.adapt_datetimefield_value(timezone.now()),
    )
    rows = _grouped_by_unit(rows)
    bar = tqdm(total=len(rows), disable=not progress, unit=" giá trị", desc="Ghi", leave=False)
    # A dry run only reads: no transaction, so on SQLite it never takes (or waits for) the
    # write lock that ``transaction_mode=IMMEDIATE`` would take at BEGIN. A large write on
    # PostgreSQL (staged_writes.py) needs one for its staging table: a dry one is rolled back.
    staged = staged_writes.may_stage(rows)
    block = transaction.atomic(savepoint=savepoint or dry_run)
    with bar, nullcontext() if dry_run and not staged else block:
        touched = _units_with_values(rows)
        last_id = history_sql.last_id()
        earliest: dict[tuple[int, str], ValueRow] = {}
        if staged and any(r.unit_id in touched for r in rows):
            earliest = staged_writes.write(rows, counts, ctx, dry_run)
            bar.update(len(rows))
        else:
            for start in range(0, len(rows), BATCH_SIZE):
                batch = rows[start : start + BATCH_SIZE]
                creates, updates = _plan(batch, counts, touched)
                _note_earliest(earliest, creates, (u[0] for u in updates))
                if not dry_run:
                    _create(creates, ctx)
                    _update(updates, ctx)
                bar.update(len(batch))
        if dry_run and staged:
            transaction.set_rollback(True)
        if counts.created and not dry_run:
            history_sql.record_created_history(last_id, ctx)
        if (counts.created or counts.updated) and not dry_run and has_listeners():
            values_written(_latest_written(rows), author)
        if not dry_run:
            values_changed(_periods_of(earliest), author)
    return counts


def _note_earliest(earliest: dict[tuple[int, str], ValueRow], *changed: Iterable[ValueRow]) -> None:
    """Keep, per (unit, set), the changed row with the earliest period."""
    for rows in changed:
        for r in rows:
            known = earliest.get((r.unit_id, r.set_code))
            if known is None or r.period_index < known.period_index:
                earliest[(r.unit_id, r.set_code)] = r


def _periods_of(rows: dict[tuple[int, str], ValueRow]) -> list[tuple[int, str, Period]]:
    return [(unit_id, set_code, Period.parse(r.period)) for (unit_id, set_code), r in rows.items()]


def _latest_written(rows: Sequence[ValueRow]) -> list[tuple[int, str, Period]]:
    """(unit, set, latest period) of the rows, each period parsed once (an import may hold 750,000
    rows)."""
    latest: dict[tuple[int, str], ValueRow] = {}
    for r in rows:
        known = latest.get((r.unit_id, r.set_code))
        if known is None or r.period_index > known.period_index:
            latest[(r.unit_id, r.set_code)] = r
    return [
        (unit_id, set_code, Period.parse(r.period)) for (unit_id, set_code), r in latest.items()
    ]


def _key_query(batch: Sequence[ValueRow], *extra: str) -> list[tuple]:
    """Stored rows the batch could touch, as plain tuples (no ORM converters: SQLite hands
    booleans back as 0/1, which compare equal to False/True all the same)."""
    query = IndicatorValue.objects.filter(
        set_code__in={r.set_code for r in batch},
        unit_id__in={r.unit_id for r in batch},
        indicator_code__in={r.indicator_code for r in batch},
        period__in={r.period for r in batch},
    ).values_list(*_KEY_COLUMNS, *extra)
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _grouped_by_unit(rows: Sequence[ValueRow]) -> Sequence[ValueRow]:
    """The rows with each unit's values together, so a batch touches few units.

    A file in unit order (the template, most exports) is kept as it is; one ordered by
    indicator would otherwise make every batch's lookup span thousands of units.
    """
    changes = sum(1 for a, b in pairwise(rows) if a.unit_id != b.unit_id)
    if changes < 2 * len({r.unit_id for r in rows}):
        return rows
    return sorted(rows, key=lambda r: (r.set_code, r.unit_id, r.indicator_code, r.period))


def _units_with_values(rows: Sequence[ValueRow]) -> set[int]:
    """Units that already hold a value for the file's sets and periods (one query).

    A batch of units outside this set needs no lookup: the first import of a new period, the
    national case, then costs no query per batch. A small write (a form, an API call) simply
    looks its own units up: listing every unit with values in the period would cost more.
    """
    if len(rows) <= BATCH_SIZE:
        return {r.unit_id for r in rows}
    return set(
        IndicatorValue.objects.filter(
            set_code__in={r.set_code for r in rows}, period__in={r.period for r in rows}
        )
        .values_list("unit_id", flat=True)
        .distinct()
        .order_by()
    )


def _plan(batch: Sequence[ValueRow], counts: WriteCounts, touched: set[int]):
    """Split a batch into new rows and (row, stored id, new version, note) updates."""
    existing = (
        {(e[1], e[2], e[3], e[4]): e for e in _key_query(batch, *_COMPARED)}
        if any(r.unit_id in touched for r in batch)
        else {}
    )
    creates: list[ValueRow] = []
    updates: list[tuple[ValueRow, int, int, str]] = []
    for r in batch:
        stored = existing.get((r.unit_id, r.set_code, r.indicator_code, r.period))
        if stored is None:
            creates.append(r)
            if len(counts.changes) < CHANGES_LISTED:
                counts.note_change(
                    ValueChange(
                        r.unit_id, r.set_code, r.indicator_code, r.period, None, r.raw, None, r.note
                    )
                )
            continue
        note = stored[10] if r.note is None else r.note
        if is_unchanged(
            stored[5:11],
            (r.raw, r.value_number, r.value_bool, r.value_text, r.not_applicable, note),
        ):
            counts.unchanged += 1
        else:
            updates.append((r, stored[0], stored[11] + 1, note))
            if len(counts.changes) < CHANGES_LISTED:
                counts.note_change(
                    ValueChange(
                        r.unit_id,
                        r.set_code,
                        r.indicator_code,
                        r.period,
                        stored[5],
                        r.raw,
                        stored[10],
                        note,
                    )
                )
    counts.created += len(creates)
    counts.updated += len(updates)
    return creates, updates


# The columns this module fills, in the order of the tuples it builds.
VALUE_COLUMNS = (
    "unit_id",
    "period",
    "period_index",
    "set_code",
    "indicator_code",
    "raw",
    "value_number",
    "value_bool",
    "value_text",
    "not_applicable",
    "note",
    "source",
    "author_id",
    "updated_at",
    "version",
)


def _row_values(r: ValueRow, ctx: _Write, note: str, version: int) -> tuple:
    """A row's values in ``VALUE_COLUMNS`` order."""
    return (
        r.unit_id,
        r.period,
        r.period_index,
        r.set_code,
        r.indicator_code,
        r.raw,
        r.value_number,
        r.value_bool,
        r.value_text,
        r.not_applicable,
        note,
        ctx.source,
        ctx.author_id,
        ctx.now,
        version,
    )


@cache
def _insert_columns() -> tuple[tuple[str, ...], tuple]:
    """The columns of ``VALUE_COLUMNS`` plus every other stored field, and those fields'
    defaults.

    Read from the model so a field added later is written with its default, never forgotten.
    """
    fields = IndicatorValue._meta.concrete_fields
    others = [f for f in fields if f.attname not in VALUE_COLUMNS and not f.primary_key]
    column_of = {f.attname: f.column for f in fields}
    columns = tuple(column_of[name] for name in VALUE_COLUMNS) + tuple(f.column for f in others)
    return columns, tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)


@cache
def _insert_sql() -> tuple[str, tuple]:
    """The INSERT of ``_insert_columns``, and the defaults to append to each row."""
    columns, defaults = _insert_columns()
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(IndicatorValue._meta.db_table)} "
        f"({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    return sql, defaults


def _create(creates: list[ValueRow], ctx: _Write) -> None:
    if not creates:
        return
    if copy_available():  # PostgreSQL: the same rows through COPY (copy_rows.py)
        columns, defaults = _insert_columns()
        ctx = replace(ctx, now=copy_text(ctx.now))  # the time formatted once, not per row
        copy_rows(columns, (_row_values(r, ctx, r.note or "", 1) + defaults for r in creates))
        return
    sql, defaults = _insert_sql()
    values = [_row_values(r, ctx, r.note or "", 1) + defaults for r in creates]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _update(updates: list[tuple[ValueRow, int, int, str]], ctx: _Write) -> None:
    if not updates:
        return
    quote = connection.ops.quote_name
    positions = [VALUE_COLUMNS.index(name) for name in UPDATED_FIELDS]
    column_of = {f.attname: f.column for f in IndicatorValue._meta.concrete_fields}
    columns = [column_of[name] for name in UPDATED_FIELDS]
    # The version predicate makes a value saved by someone else since ``_plan`` read it (a form
    # save committing in between, on PostgreSQL) fail the import instead of being overwritten.
    sql = (
        f"UPDATE {quote(IndicatorValue._meta.db_table)} "
        f"SET {', '.join(f'{quote(c)} = %s' for c in columns)} "
        f"WHERE {quote(IndicatorValue._meta.pk.column)} = %s AND {quote(column_of['version'])} = %s"
    )
    params = []
    for r, value_id, version, note in updates:
        values = _row_values(r, ctx, note, version)
        params.append((*(values[i] for i in positions), value_id, version - 1))
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
        if cursor.rowcount not in (-1, len(params)):
            raise IntegrityError(MSG_VALUES_CHANGED_MEANWHILE)
    history_sql.record_updated_history([value_id for _, value_id, _, _ in updates], ctx)
