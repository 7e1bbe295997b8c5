"""The PostgreSQL import's floor: the server's own COPY of the rows an import stored.

Whatever our code does, PostgreSQL needs this long to store the same values and history rows
under the same indexes, checks and foreign keys; the import row's ratio is taken against it.
"""

from __future__ import annotations

from bench.db_timing import REPEATS, cpu_label, step_row, timed


def compare_with_server_copy(steps: list[dict], n_rows: int) -> None:
    """Put the server's own COPY of the import's rows (``server_copy``) before the import row,
    and make it that row's floor: what PostgreSQL alone needs to store the same values and
    history rows under the same indexes and foreign keys, whatever our code does."""
    wall, cpu = server_copy()
    label = cpu_label()
    floor = step_row(
        f"floor: the server's own COPY of the same {n_rows:,} values and their history rows",
        wall,
        cpu,
        n_rows,
        None,
    )
    floor["detail"] += f"; {label}"
    imported = steps[1]
    by_cpu = "backend" in label
    imported["ratio"] = imported["cpu_seconds"] / cpu if by_cpu else imported["seconds"] / wall
    imported["detail"] += (
        f"; ratio to the server's own COPY ({'CPU' if by_cpu else 'wall'} seconds; {label})"
    )
    steps.insert(1, floor)


def server_copy() -> tuple[float, float]:
    """The stored values and history rows, copied out, then copied into empty tables made like
    ours (columns, defaults, indexes, checks, foreign keys) in one transaction: the best wall
    and CPU seconds of ``REPEATS`` such copies (the tables are dropped after)."""
    from django.db import connection, transaction

    from ntm.assessments.models import IndicatorValue

    tables = [IndicatorValue._meta.db_table, IndicatorValue.history.model._meta.db_table]
    data = {}
    with connection.cursor() as cursor:
        for table in tables:
            with cursor.cursor.copy(f"COPY {table} TO STDOUT") as copy:
                data[table] = b"".join(bytes(block) for block in copy)
            cursor.execute(f"CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)")
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"ALTER TABLE floor_{table} ADD CONSTRAINT f_{name} {definition}")

    def copy_in() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                with cursor.cursor.copy(f"COPY floor_{table} FROM STDIN") as copy:
                    copy.write(data[table])

    runs = []
    for _ in range(REPEATS):
        runs.append(timed(copy_in))
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(f'floor_{t}' for t in tables)}")
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TABLE floor_{table}")
    return min(r[0] for r in runs), min(r[1] for r in runs)
