"""CPU seconds used by a process and its children, read from ``/proc`` (Linux).

On a shared machine a request's wall time says how long a user waited, its CPU time what it
cost: the load benchmark reports both, so a figure taken while other work runs can still be
read as "what the server would carry with the cores to itself".
"""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    return text[text.rindex(")") + 2 :].split()


def tree_cpu_seconds(pid: int | None) -> float | None:
    """CPU seconds of ``pid`` (with its reaped children) plus its live children; None off Linux
    or for an unknown process."""
    if pid is None:
        return None
    own = _stat(pid)
    if own is None:
        return None
    # After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    ticks = sum(int(own[i]) for i in (11, 12, 13, 14))
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        child = _stat(int(entry.name))
        if child is not None and int(child[1]) == pid:
            ticks += int(child[11]) + int(child[12])
    return ticks / TICKS


def own_cpu_seconds(pid: int | None) -> float | None:
    """CPU seconds of ``pid`` alone (a PostgreSQL backend serving this process); None off Linux
    or for a process this machine does not run (a remote server)."""
    own = _stat(pid) if pid is not None else None
    return None if own is None else (int(own[11]) + int(own[12])) / TICKS
