"""District sets (Decision 320): the district's own indicators plus conditions on its communes.

An ``aggregate`` indicator gets its value from the communes' outcomes (e.g. "100% of communes
reach NTM", "at least 10% advanced"); the rest are the district's own values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm.criteria.engine import Evaluator
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.ladder import tier_at_least
from ntm.criteria.model import Aggregate, CriteriaSet, level_reached_vi
from ntm.criteria.results import UnitResult

if TYPE_CHECKING:
    from ntm.criteria.registry import Registry


@dataclass(frozen=True, slots=True)
class CommuneOutcome:
    """What a district set needs to know about one of its communes."""

    code: str
    level: str | None
    sets_met: frozenset[str] = frozenset()


def aggregate_value(
    aggregate: Aggregate, communes: Sequence[CommuneOutcome]
) -> tuple[float | None, str]:
    """Percent of communes satisfying ``aggregate``, and a sentence saying how it was counted."""
    if not communes:
        return None, "không có xã nào để tính"
    if aggregate.measure == "share_at_level":
        hits = sum(
            1 for c in communes if aggregate.level and tier_at_least(c.level, aggregate.level)
        )
        what = f"{level_reached_vi(aggregate.level)} trở lên"
    else:
        hits = sum(1 for c in communes if aggregate.set_code in c.sets_met)
        what = f"đạt bộ {aggregate.set_code}"
    share = round(hits * 100.0 / len(communes), 2)
    return share, f"tính từ kết quả các xã: {hits}/{len(communes)} xã {what}"


def evaluate_district(
    criteria_set: CriteriaSet,
    profile: UnitProfile,
    values: Mapping[str, Sequence[Observation]],
    as_of: Period | str,
    communes: Sequence[CommuneOutcome],
    registry: Registry | None = None,
) -> UnitResult:
    """Evaluate a district: aggregate indicators computed from ``communes`` as of ``as_of``."""
    as_of = Period.parse(as_of)
    merged = dict(values)
    reasons: dict[str, str] = {}
    for indicator in criteria_set.indicators:
        if indicator.aggregate is None:
            continue
        share, reason = aggregate_value(indicator.aggregate, communes)
        merged[indicator.code] = [Observation(as_of, share)]
        reasons[indicator.code] = reason
    return Evaluator(criteria_set, registry).evaluate(profile, merged, as_of, extra_basis=reasons)
