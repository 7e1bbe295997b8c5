"""New values into PostgreSQL through ``COPY ... FROM STDIN``: the importer's write path there.

Why: ``executemany`` of an INSERT sends one statement per value; measured on the 2-core machine
a national import spent most of its time there. ``COPY`` streams the same rows in one command,
and psycopg encodes them in C. The rows, their columns and defaults are exactly those of the
INSERT path (``writes._insert_sql``), the values are written in the same transaction, and their
"+" history rows are still copied by the database afterwards
(``history_sql.record_created_history``), so what is stored is the same, and a duplicate
still fails the whole import (an ``IntegrityError``, as for the INSERT).

``NTM_IMPORT_COPY = False`` in the settings turns it off (the INSERT path is then used on
PostgreSQL too; the tests compare both). SQLite has no COPY and always uses the INSERT.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection

from ntm.assessments.models import IndicatorValue


def copy_available() -> bool:
    """Whether new values go in through COPY: PostgreSQL (psycopg 3), unless turned off."""
    return connection.vendor == "postgresql" and getattr(settings, "NTM_IMPORT_COPY", True)


@cache
def _copy_sql(table: str, columns: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    return f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"


def copy_text(value: Any) -> Any:
    """``value`` as COPY reads it, for a value every row repeats: a datetime as ISO 8601 text
    (the same instant to the microsecond), which psycopg would otherwise format once per row
    (measured: half the encoding time of a value row)."""
    return value.isoformat() if isinstance(value, datetime) else value


def copy_rows(columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Write ``rows`` (values in ``columns`` order) with one COPY, errors as Django's."""
    copy_into(IndicatorValue._meta.db_table, columns, rows)


def copy_into(table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """``rows`` into ``table`` (another: the staging table of ``staged_writes``)."""
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(_copy_sql(table, columns)) as copy,
    ):
        write_row = copy.write_row
        for row in rows:
            write_row(row)


# A write of at least this many values refreshes the planner's statistics of the values table.
ANALYZE_MIN_ROWS = 10_000


def refresh_statistics(written: int) -> bool:
    """``ANALYZE`` the values table after a large write on PostgreSQL; True if it ran.

    Why: until autovacuum gets to it, the planner knows nothing of the rows a national import
    just added, and reads the country's values with a bitmap scan and an on-disk sort instead
    of the unique index (measured: 3x the server time of the first evaluations after an
    import). SQLite plans without statistics here."""
    if written < ANALYZE_MIN_ROWS or connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(IndicatorValue._meta.db_table)}")
    return True
