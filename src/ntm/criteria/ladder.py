"""The level ladder ntm -> advanced -> model (-> modern), from per-set results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from ntm.criteria.model import TIERS

if TYPE_CHECKING:
    from ntm.criteria.registry import Registry


class _HasMet(Protocol):
    met: bool


def reached_sets(results: Mapping[str, _HasMet], registry: Registry) -> set[str]:
    """Sets whose standard is reached: all criteria met and every prerequisite set reached."""
    reached: set[str] = set()
    memo: dict[str, bool] = {}

    def ok(code: str, seen: frozenset[str]) -> bool:
        if code in memo:
            return memo[code]
        result = results.get(code)
        if result is None or not result.met or code in seen or code not in registry:
            memo[code] = False
            return False
        memo[code] = all(ok(req, seen | {code}) for req in registry.get(code).requires)
        return memo[code]

    for code in results:
        if ok(code, frozenset()):
            reached.add(code)
    return reached


def level_reached(results: Mapping[str, _HasMet], registry: Registry) -> str | None:
    """The highest tier reached (``"ntm"``, ``"advanced"``, ``"model"``, ``"modern"``) or None.

    Works with full ``UnitResult`` objects or the engine's ``UnitSummary`` counts alike.
    """
    tiers = [registry.get(code).tier for code in reached_sets(results, registry)]
    return max(tiers, key=TIERS.index) if tiers else None


def tier_at_least(level: str | None, tier: str) -> bool:
    return level is not None and TIERS.index(level) >= TIERS.index(tier)
