"""A large write over stored values on PostgreSQL, set-based: one COPY into a staging table,
then a handful of statements that join it to the values.

Why: the batch path (``writes._plan``) asks the database for the stored rows of each batch of
2,000 values. On PostgreSQL that query, with its IN lists, is planned as a scan of the whole
table, so re-importing a national file cost one scan of every value per batch (measured: 14 s
for 150,000 unchanged values, most of it in those scans). Here the rows are copied once into a
temporary table and every decision is one join:

- each staged row finds its stored value (``value_id``, its version, raw text and note) and
  whether writing it would change nothing (``same``: ``UNCHANGED_SQL``, the SQL form of
  ``writes.is_unchanged``: the same raw text, parsed columns and note, a missing note keeping
  the stored one);
- new rows go in with one ``INSERT ... SELECT`` in file order, changed ones with one
  ``UPDATE ... FROM`` whose version predicate makes a value saved meanwhile fail the import (as
  the batch path's does), and their "~" history rows are copied by the database
  (``history_sql``); the "+" rows of the new values are copied afterwards by ``write_rows``;
- the counts, the first ``CHANGES_LISTED`` changes and the earliest changed period per (unit,
  set) come back from small queries, so a national file never returns its stored rows.

Used by ``writes.write_rows`` on PostgreSQL for a write of more than ``STAGED_MIN_ROWS`` rows
when some of its units already hold values of its sets and periods (a first import has nothing
to compare and copies its rows straight into the values table: ``copy_rows``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, connection

from ntm.assessments import history_sql
from ntm.assessments.copy_rows import copy_available, copy_into
from ntm.assessments.models import IndicatorValue

# Above this many rows a write with stored values to compare goes through the staging table.
STAGED_MIN_ROWS = 2000
STAGE = "ntm_value_stage"
_COPIED = "ntm_value_rows"  # the rows as copied, before they meet their stored values
# The copied columns, in ``writes.ValueRow`` order (each row is copied as it is).
STAGE_COLUMNS = (
    "unit_id",
    "set_code",
    "indicator_code",
    "period",
    "period_index",
    "raw",
    "value_number",
    "value_bool",
    "value_text",
    "not_applicable",
    "note",
)
_COPIED_TABLE = f"""
CREATE TEMPORARY TABLE {_COPIED} (
    pos integer GENERATED ALWAYS AS IDENTITY (MINVALUE 0 START WITH 0),
    unit_id bigint NOT NULL,
    set_code text NOT NULL,
    indicator_code text NOT NULL,
    period text NOT NULL,
    period_index integer NOT NULL,
    raw text NOT NULL,
    value_number double precision,
    value_bool boolean,
    value_text text NOT NULL,
    not_applicable boolean NOT NULL,
    note text
) ON COMMIT DROP
"""
# ``writes.is_unchanged`` in SQL (s: the staged row, v: the stored value). Numbers compare as
# the stored double and the copied one (psycopg writes a float's shortest exact form), and the
# parser never yields NaN, the one float SQL and Python compare differently.
UNCHANGED_SQL = (
    "v.raw = s.raw AND v.value_number IS NOT DISTINCT FROM s.value_number "
    "AND v.value_bool IS NOT DISTINCT FROM s.value_bool AND v.value_text = s.value_text "
    "AND v.not_applicable = s.not_applicable AND v.note = COALESCE(s.note, v.note)"
)


def may_stage(rows: Sequence[Any]) -> bool:
    """Whether a write of ``rows`` is large enough, on a database with COPY, for this path (then
    ``write_rows`` holds a transaction even for a dry run: the staging table lives in it)."""
    return len(rows) > STAGED_MIN_ROWS and copy_available()


def write(rows: Sequence[Any], counts: Any, ctx: Any, dry_run: bool) -> dict[tuple, Any]:
    """Write (or, with ``dry_run``, only count) ``rows``; fill ``counts`` as the batch path
    does and return, per (unit, set), the changed row with the earliest period."""
    from ntm.assessments.writes import CHANGES_LISTED, MSG_VALUES_CHANGED_MEANWHILE, ValueChange

    stage(rows)
    created, unchanged = counts_of_stage()
    updated = len(rows) - created - unchanged
    counts.created += created
    counts.updated += updated
    counts.unchanged += unchanged
    for pos, old_raw, old_note in first_changes(CHANGES_LISTED - len(counts.changes)):
        r = rows[pos]
        note = r.note if old_raw is None or r.note is not None else old_note
        counts.note_change(
            ValueChange(
                r.unit_id, r.set_code, r.indicator_code, r.period, old_raw, r.raw, old_note, note
            )
        )
    earliest = {(rows[pos].unit_id, rows[pos].set_code): rows[pos] for pos in earliest_changes()}
    if not dry_run:
        if created:
            insert_new(ctx)
        if updated:
            update_changed(ctx, updated, MSG_VALUES_CHANGED_MEANWHILE)
    drop()
    return earliest


def _table() -> str:
    return connection.ops.quote_name(IndicatorValue._meta.db_table)


def _column(name: str) -> str:
    return connection.ops.quote_name(IndicatorValue._meta.get_field(name).column)


def stage(rows: Sequence[Any]) -> None:
    """Copy ``rows`` (``ValueRow``s) into a new staging table, each with its stored value.

    Made by ``CREATE TABLE ... AS`` a join (rows only added, never updated: measured half the
    time of an ``UPDATE ... FROM`` of the copied rows), the stored values limited to the sets
    and periods of the rows."""
    drop()
    with connection.cursor() as cursor:
        cursor.execute(_COPIED_TABLE)
    copy_into(_COPIED, STAGE_COLUMNS, rows)
    key = " AND ".join(
        f"v.{_column(name)} = s.{name}"
        for name in ("set_code", "unit_id", "indicator_code", "period")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} ON COMMIT DROP AS "
            f"SELECT s.*, v.{_column('id')} AS value_id, v.{_column('version')} AS old_version, "
            f"v.{_column('raw')} AS old_raw, v.{_column('note')} AS old_note, "
            f"COALESCE({UNCHANGED_SQL}, false) AS same "
            f"FROM {_COPIED} s LEFT JOIN {_table()} v ON {key} "
            f"AND v.{_column('set_code')} = ANY(%s) AND v.{_column('period')} = ANY(%s)",
            [sorted({r.set_code for r in rows}), sorted({r.period for r in rows})],
        )
        cursor.execute(f"DROP TABLE {_COPIED}")


def counts_of_stage() -> tuple[int, int]:
    """(new rows, unchanged rows) of the staged write."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FILTER (WHERE value_id IS NULL), count(*) FILTER (WHERE same) "
            f"FROM {STAGE}"
        )
        created, unchanged = cursor.fetchone()
    return created, unchanged


def first_changes(limit: int) -> list[tuple[int, str | None, str | None]]:
    """(position, stored raw text, stored note) of the first ``limit`` rows that change
    something, in the order they were staged (None for a new value)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pos, old_raw, old_note FROM {STAGE} WHERE NOT same ORDER BY pos LIMIT %s",
            [limit],
        )
        return cursor.fetchall()


def earliest_changes() -> list[int]:
    """Per (unit, set), the position of the changed row with the earliest period (the first
    staged among equal periods)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT ON (unit_id, set_code) pos FROM {STAGE} WHERE NOT same "
            "ORDER BY unit_id, set_code, period_index, pos"
        )
        return [pos for (pos,) in cursor.fetchall()]


def insert_new(ctx: Any) -> None:
    """The staged rows without a stored value, as new values (version 1), in staged order."""
    from ntm.assessments.writes import VALUE_COLUMNS, _insert_columns

    columns, defaults = _insert_columns()
    quote = connection.ops.quote_name
    picked = {
        "note": "COALESCE(s.note, '')",
        "source": "%s",
        "author_id": "%s",
        "updated_at": "%s",
        "version": "1",
    }
    select = [picked.get(name, f"s.{name}") for name in VALUE_COLUMNS]
    select += ["%s"] * len(defaults)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table()} ({', '.join(quote(c) for c in columns)}) "
            f"SELECT {', '.join(select)} FROM {STAGE} s WHERE s.value_id IS NULL ORDER BY s.pos",
            [ctx.source, ctx.author_id, ctx.now, *defaults],
        )


def update_changed(ctx: Any, expected: int, message: str) -> None:
    """The staged rows that change their stored value, with version + 1 and a "~" history row.

    The version predicate: a value saved by someone else since ``stage`` read it fails the
    whole write (``IntegrityError``), as in the batch path."""
    copied = ("raw", "value_number", "value_bool", "value_text", "not_applicable")
    sets = [f"{_column(name)} = s.{name}" for name in copied]
    sets += [
        f"{_column('note')} = COALESCE(s.note, s.old_note)",
        f"{_column('source')} = %s",
        f"{_column('author')} = %s",
        f"{_column('updated_at')} = %s",
        f"{_column('version')} = s.old_version + 1",
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} v SET {', '.join(sets)} FROM {STAGE} s "
            f"WHERE s.value_id IS NOT NULL AND NOT s.same AND v.{_column('id')} = s.value_id "
            f"AND v.{_column('version')} = s.old_version",
            [ctx.source, ctx.author_id, ctx.now],
        )
        if cursor.rowcount != expected:
            raise IntegrityError(message)
        cursor.execute(
            history_sql.history_copy_sql(
                f"{_column('id')} IN "
                f"(SELECT value_id FROM {STAGE} WHERE value_id IS NOT NULL AND NOT same)"
            ),
            [ctx.now, ctx.reason, "~", ctx.author_id],
        )


def drop() -> None:
    """Remove the staging tables (also those an earlier write left in an outer transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{STAGE}, pg_temp.{_COPIED}")
