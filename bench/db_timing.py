"""How the import benchmark times a step on a database: wall and CPU seconds, best of a few runs,
and the row it reports.

On a shared machine the CPU time is what the code cost and the wall time what a user waited.
On PostgreSQL the server's work (COPY, indexes, foreign keys, the query) is part of the cost, so
the CPU of this process's backend is added when this machine runs it (read from ``/proc``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bench.cpu import own_cpu_seconds

REPEATS = 3


def backend_pid() -> int | None:
    """The PostgreSQL backend serving this process's connection (None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall seconds, CPU seconds, result: the CPU time is this process's plus, on PostgreSQL,
    its backend's when this machine runs it (``/proc``)."""
    backend = backend_pid()
    server = own_cpu_seconds(backend)
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if server is not None:
        after = own_cpu_seconds(backend)
        cpu += (after or server) - server
    return wall, cpu, out


def best(fn: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, float, Any]:
    """``timed`` ``repeats`` times: the best wall and CPU seconds, the last result."""
    runs = [timed(fn) for _ in range(repeats)]
    return min(r[0] for r in runs), min(r[1] for r in runs), runs[-1][2]


def cpu_label() -> str:
    """What the CPU seconds of a row hold."""
    if own_cpu_seconds(backend_pid()) is not None:
        return "CPU of this process and its PostgreSQL backend"
    return "CPU of this process" + (" (the server's not readable)" if backend_pid() else "")


def step_row(
    step: str, wall: float, cpu: float, count: int, floor: float | None, target: str = ""
) -> dict:
    """One benchmark row: ``count`` items in ``wall`` seconds, as a ratio to ``floor``."""
    row = {
        "step": step,
        "seconds": wall,
        "cpu_seconds": cpu,
        "per_second": count / wall,
        "ratio": wall / floor if floor else 1.0,
        "detail": f"CPU {cpu:.2f} s, {count / cpu:,.0f}/s of CPU" if cpu else "",
    }
    if target:
        row["target"] = target
    return row
