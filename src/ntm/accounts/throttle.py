"""Login throttling: after ``MAX_FAILURES`` failed logins for one username within
``WINDOW_SECONDS``, further attempts are refused until the oldest failure ages out.

Kept in Django's cache (no new dependency). Counting per username, not per address, protects
an account against password guessing from many machines; the cost is that someone can lock a
known username out for at most 15 minutes, which an office can live with.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


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
