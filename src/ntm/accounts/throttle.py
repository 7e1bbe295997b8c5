"""Login throttling: after ``MAX_FAILURES`` failed logins for one username within
``WINDOW_SECONDS``, further attempts are refused until the oldest failure ages out.

Kept in Django's cache (no new dependency). Counting per username, not per address, protects
an account against password guessing from many machines; the cost is that someone can lock a
known username out for at most 15 minutes, which an office can live with.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


_guards: dict[str, threading.Lock] = {}
_guards_lock = threading.Lock()
GUARDS_KEPT = 10_000


@contextmanager
def guard(username: str) -> Iterator[None]:
    """Hold while checking, authenticating and recording one login of ``username``.

    Check-then-record is not atomic: 30 parallel attempts would all pass the check before the
    first failure is recorded (the attack measured ~11 password checks instead of 5, and a right
    password among 29 wrong ones got in). Attempts on one username therefore run one after
    another within a process; across processes the login gate (``ntm.accounts.gate``: a slot
    taken atomically in the database before any password check) holds the line.
    """
    key = _key(username)
    with _guards_lock:
        lock = _guards.get(key)
        if lock is None:
            if len(_guards) >= GUARDS_KEPT:
                # a flood of usernames: forget idle locks (held ones stay referenced)
                _guards.clear()
            lock = _guards[key] = threading.Lock()
    with lock:
        yield


def _key(username: str) -> str:
    digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return f"ntm:login-failures:{digest}"


def _recent_failures(username: str, now: float) -> list[float]:
    return [t for t in cache.get(_key(username), []) if now - t < WINDOW_SECONDS]


def seconds_locked(username: str, now: float | None = None) -> int:
    """0 if the username may try to log in; else how long until it may try again."""
    now = time.time() if now is None else now
    failures = _recent_failures(username, now)
    if len(failures) < MAX_FAILURES:
        return 0
    return max(1, math.ceil(failures[-MAX_FAILURES] + WINDOW_SECONDS - now))


def record_failure(username: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    failures = [*_recent_failures(username, now), now][-MAX_FAILURES:]
    cache.set(_key(username), failures, WINDOW_SECONDS)


def clear_failures(username: str) -> None:
    cache.delete(_key(username))
