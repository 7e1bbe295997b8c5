"""Listeners told when values are written: how other apps react without assessments importing them.

Why a registry: follow-up (``ntm.planning``) closes a task when its indicator's value meets the
threshold, but assessments sits below planning and must not import it. Planning registers a
listener in its ``AppConfig.ready``; the value writers (``do_set_value``, the bulk importer)
call ``values_written`` inside their transaction, so a listener's writes commit or roll back
with the values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ntm.criteria.inputs import Period

# (unit id, set code, period) of every value written; the author (a user or None).
ValuesListener = Callable[[list[tuple[int, str, Period]], Any], None]
# Whether the listener has anything to do now (one cheap query): a national import then skips
# gathering what it wrote when no listener cares.
Interest = Callable[[], bool]

_LISTENERS: list[tuple[ValuesListener, Interest | None]] = []
# Listeners told the EARLIEST period changed per (unit, set): what is derived "as of a period"
# (stored results) is stale from there on. Always called: there is always something to keep.
_CHANGE_LISTENERS: list[ValuesListener] = []


def on_values_written(listener: ValuesListener, interested: Interest | None = None) -> None:
    """Register ``listener`` (once: registering it again does nothing)."""
    if all(known is not listener for known, _ in _LISTENERS):
        _LISTENERS.append((listener, interested))


def has_listeners() -> bool:
    """True when some listener would act on written values now."""
    return any(interested is None or interested() for _, interested in _LISTENERS)


def values_written(written: Iterable[tuple[int, str, Period]], author: Any = None) -> None:
    """Tell every listener which (unit, set, period) got values; the latest period per unit and
    set."""
    if not _LISTENERS:
        return
    latest: dict[tuple[int, str], Period] = {}
    for unit_id, set_code, period in written:
        known = latest.get((unit_id, set_code))
        if known is None or period.index > known.index:
            latest[(unit_id, set_code)] = period
    if not latest:
        return
    items = [(unit_id, set_code, period) for (unit_id, set_code), period in latest.items()]
    for listener, _ in list(_LISTENERS):
        listener(items, author)


def on_values_changed(listener: ValuesListener) -> None:
    """Register ``listener`` for the earliest changed period per (unit, set) (once)."""
    if all(known is not listener for known in _CHANGE_LISTENERS):
        _CHANGE_LISTENERS.append(listener)


def values_changed(changed_from: list[tuple[int, str, Period]], author: Any = None) -> None:
    """Tell the change listeners the earliest period changed per (unit, set)."""
    if not changed_from:
        return
    for listener in list(_CHANGE_LISTENERS):
        listener(changed_from, author)
