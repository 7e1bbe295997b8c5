"""THE selection behind every per-unit figure: who reports against a set, with what result and
which level by data (review, dashboard, map, API, reports all read ``current_standings``).

Read from stored results (``ntm.assessments.stored``), so a national page counts without
running the engine; the explanation of one unit stays the engine's (``evaluate_unit``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ntm.assessments.stored import stored_results
from ntm.criteria.inputs import Period
from ntm.criteria.registry import Registry
from ntm.criteria.results import Outcome
from ntm.units.models import AdminUnit


@dataclass(frozen=True, slots=True)
class Standing:
    """A unit's result for one set and the level it reached on its ladder, both by data."""

    unit: AdminUnit
    result: Outcome
    level: str | None


def current_standings(
    units: Iterable[AdminUnit],
    set_code: str,
    period: str | Period,
    registry: Registry | None = None,
) -> list[Standing]:
    """The units, in the given order, that report against ``set_code`` at ``period``
    (``UnitResult.is_current``: a value no older than 12 months), each with its stored result
    and its level by data on its ladder (stored together, so they never disagree).
    """
    units = list(units)
    stored = stored_results(units, set_code, period, registry)
    return [
        Standing(u, stored[u.pk].result, stored[u.pk].level)
        for u in units
        if u.pk in stored and stored[u.pk].result.is_current
    ]
