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

from django.db import connection, connections

from ntm.assessments.models import LevelsChange, LevelsVersion

UNITS_TABLE = "units_adminunit"
VERSION_TABLE = "assessments_levelsversion"
CHANGES_TABLE = "assessments_levelschange"
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER ntm_levels_version_units_{op.lower()} AFTER {op} ON "
    f"{UNITS_TABLE} BEGIN UPDATE {VERSION_TABLE} SET number = number + 1, "
    "token = lower(hex(randomblob(16))); END"
    for op in ("INSERT", "UPDATE", "DELETE")
]
_POSTGRES_TRIGGER = [
    f"""CREATE OR REPLACE FUNCTION ntm_levels_version_bump() RETURNS trigger AS $$
    BEGIN INSERT INTO {CHANGES_TABLE} DEFAULT VALUES; RETURN NULL; END
    $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS ntm_levels_version_units ON {UNITS_TABLE}",
    f"""CREATE TRIGGER ntm_levels_version_units
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {UNITS_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION ntm_levels_version_bump()""",
]
_DROP_SQLITE = [
    f"DROP TRIGGER IF EXISTS ntm_levels_version_units_{op}" for op in ("insert", "update", "delete")
]
_DROP_POSTGRES = [
    f"DROP TRIGGER IF EXISTS ntm_levels_version_units ON {UNITS_TABLE}",
    "DROP FUNCTION IF EXISTS ntm_levels_version_bump()",
]

Version = tuple[str, int, int]


def install_sql(vendor: str) -> list[str]:
    """The statements that make every change to the units table move the version (the
    triggers made again: an older definition is replaced)."""
    return _POSTGRES_TRIGGER if vendor == "postgresql" else [*_DROP_SQLITE, *_SQLITE_TRIGGERS]


def uninstall_sql(vendor: str) -> list[str]:
    return _DROP_POSTGRES if vendor == "postgresql" else _DROP_SQLITE


def reinstall_triggers(using: str = "default", **kwargs: object) -> None:
    """``post_migrate``: the triggers again, where the version table exists (idempotent). A
    later migration of the units table may remake it (SQLite alters by copying the table), which
    drops its triggers."""
    target = connections[using]
    if VERSION_TABLE not in target.introspection.table_names():
        return
    with target.cursor() as cursor:
        for statement in install_sql(target.vendor):
            cursor.execute(statement)


def new_token() -> str:
    return uuid.uuid4().hex


def current() -> Version:
    """(token, number, changes) now: one statement, one snapshot."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token, number, (SELECT COALESCE(MAX(id), 0) FROM {CHANGES_TABLE}) "
            f"FROM {VERSION_TABLE} ORDER BY id LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        LevelsVersion.objects.create(token=new_token(), number=0)
        return current()
    return str(row[0]), int(row[1]), int(row[2])


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
