"""The communes' levels version: it moves in the transaction of every change that could move
what ``stored_levels`` gives for a commune (its stored level by data, whether it has values),
and of every change to the units table.

Why: the summary ranks a province among provinces by its share of communes at NTM, which reads
every commune of the country (``stored_levels``: about 0.3 s). The rank is cached under this
version (``ntm.reportsdata.rank``); a hit is exact because every path that changes what the
rank read moves it:

- a writer replacing a commune's fresh stored row by one with another level or values flag
  (``stored.refresh_rows``: value writes, imports, rebuilds);
- stored rows removed (``propagate.drop``: a value deleted; the rebuilds' deletions);
- any change to the units table, by the ORM or by hand in SQL (database triggers): a region
  changed, a unit renamed, merged, added or removed.

What does not move it, and why that is safe: rows stored where a unit had none, or had only
rows under other rules or another profile (a read computing what is missing). A rank is only
cached when every commune it counts had fresh rows (``stored_levels(..., computed=)``), and
rows go stale only through a rules change (the cache key names the registry's fingerprint) or
a units change (which moves the version). Rows rewritten with the same level and flag leave it
alone: most value writes move no level.

How it moves: on SQLite (one writer at a time) the row's ``number`` and a new random
``token``; on PostgreSQL a row added to ``LevelsChange`` (concurrent writers never wait on each
other for it), whose highest id ``current`` reads. Neither value comes back after a rollback:
a sequence never gives an id twice, and a random token is not drawn again (a count, or a
number alone, would: a transaction that moved the version and was rolled back, such as a
what-if, would leave a cached part under the version the next real change reaches, and the
test suite, whose tests all roll back, would find another test's parts). ``compact`` (run by
the rebuild) empties the log under a new token.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import connection, connections

from ntm.assessments.models import LevelsChange, LevelsVersion

UNITS_TABLE = "units_adminunit"
VERSION_TABLE = "assessments_levelsversion"
CHANGES_TABLE = "assessments_levelschange"
_OPS = ("insert", "update", "delete")
LINEAGE_TABLE = "units_unitlineage"
BOUNDARY_TABLE = "units_unitboundary"
# Tables besides the units table whose every change moves the version (``watch``): the units'
# lineage (what a unit was made from: the commune page's predecessors, a progress report's
# roots) and boundaries (the dashboard's map), and what apps register.
_WATCHED: set[str] = {LINEAGE_TABLE, BOUNDARY_TABLE}
# Per database: whether every watched table has its triggers (read once per process).
_READY: dict[str, bool] = {}
# (token, number, highest change id, changes among the last ``LATE_WINDOW`` ids)
Version = tuple[str, int, int, int]
# How far below the highest id a change that commits late is still seen (below).
LATE_WINDOW = 10_000


def _sqlite_name(table: str, op: str) -> str:
    # The units table's triggers keep the names the migration gave them.
    return (
        f"ntm_levels_version_units_{op}"
        if table == UNITS_TABLE
        else f"ntm_levels_version_{table}_{op}"
    )


def _pg_name(table: str) -> str:
    return "ntm_levels_version_units" if table == UNITS_TABLE else f"ntm_levels_version_{table}"


_PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION ntm_levels_version_bump() RETURNS trigger AS $$
    BEGIN INSERT INTO {CHANGES_TABLE} DEFAULT VALUES; RETURN NULL; END
    $$ LANGUAGE plpgsql"""


def watch(*tables: str) -> None:
    """Make every change to ``tables`` move the version too (database triggers, put in by
    ``reinstall_triggers`` after every ``migrate``). Called from an app's ``ready()`` for the
    tables a cached part reads (the summary's sections: ``reportsdata.sections``), so that
    part can be keyed by the version alone."""
    _WATCHED.update(tables)
    _READY.clear()


def watched() -> frozenset[str]:
    return frozenset(_WATCHED)


def install_sql(vendor: str, tables: Iterable[str] = (UNITS_TABLE,)) -> list[str]:
    """The statements that make every change to ``tables`` (the units table unless told)
    move the version (the triggers made again: an older definition is replaced)."""
    statements = [_PG_FUNCTION] if vendor == "postgresql" else []
    for table in tables:
        if vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {_pg_name(table)} ON {table}",
                f"""CREATE TRIGGER {_pg_name(table)}
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION ntm_levels_version_bump()""",
            ]
            continue
        for op in _OPS:
            statements += [
                f"DROP TRIGGER IF EXISTS {_sqlite_name(table, op)}",
                f"CREATE TRIGGER {_sqlite_name(table, op)} AFTER {op.upper()} ON {table} BEGIN "
                f"UPDATE {VERSION_TABLE} SET number = number + 1, "
                "token = lower(hex(randomblob(16))); END",
            ]
    return statements


def uninstall_sql(vendor: str) -> list[str]:
    """The statements that remove every trigger moving the version (the units table's and the
    watched tables'), before the version's tables go."""
    if vendor == "postgresql":  # the function, with every trigger that calls it
        return [
            f"DROP TRIGGER IF EXISTS {_pg_name(UNITS_TABLE)} ON {UNITS_TABLE}",
            "DROP FUNCTION IF EXISTS ntm_levels_version_bump() CASCADE",
        ]
    tables = [UNITS_TABLE, *sorted(_WATCHED)]
    return [f"DROP TRIGGER IF EXISTS {_sqlite_name(t, op)}" for t in tables for op in _OPS]


def reinstall_triggers(using: str = "default", **kwargs: object) -> None:
    """``post_migrate``: the triggers again on the units table and the watched tables that
    exist (idempotent). A later migration of a table may remake it (SQLite alters by copying
    the table), which drops its triggers."""
    target = connections[using]
    tables = set(target.introspection.table_names())
    if VERSION_TABLE not in tables:
        return
    with target.cursor() as cursor:
        for statement in install_sql(target.vendor, [UNITS_TABLE, *sorted(_WATCHED & tables)]):
            cursor.execute(statement)
    _READY.clear()


def watching() -> bool:
    """True when every watched table's triggers are in this database, so a part keyed by the
    version may be kept: a database not migrated since a table was watched has none for it,
    and its changes would not move the version. Read once per process and database."""
    key = f"{connection.vendor}:{connection.settings_dict['NAME']}"
    if key not in _READY:
        _READY[key] = _tables_with_triggers() >= _WATCHED
    return _READY[key]


def _tables_with_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE t.tgname LIKE 'ntm_levels_version_%%'"
            )
            return {table for table, name in cursor.fetchall() if name == _pg_name(table)}
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
            " AND name LIKE 'ntm_levels_version_%'"
        )
        found: dict[str, set[str]] = {}
        for table, name in cursor.fetchall():
            found.setdefault(table, set()).add(name)
    return {t for t, names in found.items() if names >= {_sqlite_name(t, op) for op in _OPS}}


def new_token() -> str:
    return uuid.uuid4().hex


def current() -> Version:
    """(token, number, highest change id, recent changes) now: one statement, one snapshot.

    Why the count beside the highest id (PostgreSQL): two writers' changes may commit in the
    other order than their ids: the later id first, then the earlier one, which leaves the
    highest id as it was, and a part cached between the two commits would be served stale.
    The count of changes within ``LATE_WINDOW`` ids of the highest moves when the earlier one
    commits (an index range, not the whole log). The pair never comes back: the highest id
    never falls, and under the same highest id the count only grows."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH top AS (SELECT COALESCE(MAX(id), 0) AS id FROM {CHANGES_TABLE}) "
            "SELECT v.token, v.number, top.id, "
            f"(SELECT COUNT(*) FROM {CHANGES_TABLE} c WHERE c.id > top.id - %s) "
            f"FROM {VERSION_TABLE} v, top ORDER BY v.id LIMIT 1",
            [LATE_WINDOW],
        )
        row = cursor.fetchone()
    if row is None:
        LevelsVersion.objects.create(token=new_token(), number=0)
        return current()
    return str(row[0]), int(row[1]), int(row[2]), int(row[3])


def bump() -> None:
    """Move the version, in the caller's transaction (it commits or rolls back with the
    change)."""
    if connection.vendor == "postgresql":
        LevelsChange.objects.create()
        return
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {VERSION_TABLE} SET number = number + 1, token = %s", [new_token()])
        if cursor.rowcount == 0:
            LevelsVersion.objects.create(token=new_token(), number=1)


def compact() -> None:
    """Empty the change log under a new token (the rebuild, which rewrites every row)."""
    LevelsChange.objects.all().delete()
    if not LevelsVersion.objects.update(token=new_token(), number=0):
        LevelsVersion.objects.create(token=new_token(), number=0)
