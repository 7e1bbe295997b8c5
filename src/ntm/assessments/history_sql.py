"""History rows of values written in bulk, copied by the database (``INSERT ... SELECT``).

Apart from ``writes`` because it is one job: how the importer's bulk SQL keeps the same
history that django-simple-history keeps for a single save (who, when, why, "+" or "~").
``ctx`` is the writer's context: ``now``, ``reason`` and ``author_id``.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Max

from ntm.assessments.models import IndicatorValue

# Ids per history copy: one parameter each, under the 999 that any SQLite accepts.
HISTORY_CHUNK = 900


def history_copy_sql(where: str) -> str:
    """Copy stored rows into the history table, as simple_history would record them.

    The copy happens inside the database (``INSERT ... SELECT``): every field, including any
    added later, goes into history exactly as stored, and no history row passes through Python.
    """
    history = IndicatorValue.history.model
    quote = connection.ops.quote_name
    tracked = [quote(f.column) for f in IndicatorValue._meta.concrete_fields]
    extra = [
        quote(history._meta.get_field(name).column)
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    ]
    return (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(tracked + extra)}) "
        f"SELECT {', '.join(tracked)}, %s, %s, %s, %s "
        f"FROM {quote(IndicatorValue._meta.db_table)} WHERE {where}"
    )


def last_id() -> int:
    """The highest value id before this import: every row it creates gets a higher one."""
    return IndicatorValue.objects.aggregate(last=Max("id"))["last"] or 0


def record_created_history(last_id: int, ctx: Any) -> None:
    """One "+" history row per value this import created, in one statement.

    They are the rows above ``last_id`` stamped with this import's time: on SQLite nobody else
    can write during the transaction; on PostgreSQL the time tells them from a concurrent
    writer's rows.
    """
    quote = connection.ops.quote_name
    pk = quote(IndicatorValue._meta.pk.column)
    updated_at = quote(IndicatorValue._meta.get_field("updated_at").column)
    with connection.cursor() as cursor:
        cursor.execute(
            history_copy_sql(f"{pk} > %s AND {updated_at} = %s"),
            [ctx.now, ctx.reason, "+", ctx.author_id, last_id, ctx.now],
        )


def record_updated_history(ids: list[int], ctx: Any) -> None:
    pk = connection.ops.quote_name(IndicatorValue._meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), HISTORY_CHUNK):
            chunk = ids[start : start + HISTORY_CHUNK]
            cursor.execute(
                history_copy_sql(f"{pk} IN ({', '.join(['%s'] * len(chunk))})"),
                [ctx.now, ctx.reason, "~", ctx.author_id, *chunk],
            )
