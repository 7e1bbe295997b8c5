"""Where the portal learns what it does not own: recognition decisions.

The recognition app (``ntm.recognition``) registers a provider in its ``ready()``:

    from ntm.portal.hooks import register_recognised_levels
    register_recognised_levels(
        lambda units, on: {u.pk: {"level": ..., "decision": ..., "date": ...}}
    )

A provider takes the units and a date and returns, for each unit recognised and not revoked on
that date, ``{"level", "decision", "date"}``. Until one is registered the portal shows the level
by data only, labelled as such, and says that recognitions are not recorded here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ntm.units.models import AdminUnit

RecognisedLevels = Callable[[Sequence[AdminUnit], date], dict[int, dict[str, Any]]]

_provider: list[RecognisedLevels] = []


def register_recognised_levels(provider: RecognisedLevels) -> None:
    """Set (or replace) the provider of recognised levels."""
    _provider[:] = [provider]


def recognitions_known() -> bool:
    return bool(_provider)


def recognised_levels(units: Sequence[AdminUnit], on: date) -> dict[int, dict[str, Any]]:
    """The recognition in force on ``on`` per unit id (empty without a provider)."""
    if not _provider:
        return {}
    return {
        pk: {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in rec.items()
        }
        for pk, rec in _provider[0](units, on).items()
        if rec
    }
