"""Stored result rows into their table in one statement per batch, without the ORM: a row is a
plain ``NewRow`` until inserted.

Why: the results a read computes for units never stored (the first read after a national
import: 20,000 rows at 10,000 communes), a rebuild, and every value write insert their rows
here. ``bulk_create`` prepared each of a row's 17 fields through the field's own methods: a
third of the time of storing 6,000 computed rows (measured at 2,000 communes), and making the
6,000 model objects another sixth. The rows are the ones ``bulk_create`` wrote, the same
columns, and a row already there is kept as it did (another transaction storing the same unit
first: ``ignore_conflicts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from operator import attrgetter

from django.db import connection
from django.db.models.constants import OnConflict
from django.utils import timezone

from ntm.assessments.models import StoredResult

BATCH = 2000


@dataclass(slots=True)
class NewRow:
    """A ``StoredResult`` row not yet stored: its columns but the id, under the model's
    attribute names and in the model's order (a test holds them to the model)."""

    unit_id: int
    set_code: str
    period: str
    period_index: int
    digest: str
    criteria_met: int
    criteria_total: int
    indicators_met: int
    indicators_total: int
    indicators_missing: int
    met: bool
    is_current: bool
    has_values: bool
    level: str
    criteria_letters: str
    indicator_letters: str
    computed_at: datetime | None = None


COLUMNS = tuple(f.name for f in fields(NewRow))
_VALUES = attrgetter(*COLUMNS[:-1])  # every column but ``computed_at``, stamped at the insert


@cache
def _insert_sql(vendor: str) -> str:
    ops, quote = connection.ops, connection.ops.quote_name
    model_fields = [StoredResult._meta.get_field(name) for name in COLUMNS]
    columns = ", ".join(quote(f.column) for f in model_fields)
    marks = ", ".join(["%s"] * len(model_fields))
    table = quote(StoredResult._meta.db_table)
    suffix = ops.on_conflict_suffix_sql(model_fields, OnConflict.IGNORE, None, None) or ""
    head = ops.insert_statement(on_conflict=OnConflict.IGNORE)
    return f"{head} {table} ({columns}) VALUES ({marks}) {suffix}".rstrip()


def insert_rows(rows: Sequence[NewRow]) -> None:
    """Insert ``rows``, all stamped with this moment as ``computed_at``."""
    if not rows:
        return
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    params = []
    for row in rows:
        row.computed_at = now
        params.append((*_VALUES(row), stamp))
    sql = _insert_sql(connection.vendor)
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])
