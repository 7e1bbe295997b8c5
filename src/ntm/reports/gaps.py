"""Gaps (design.md §10, a contract): what each commune still lacks to meet a set, easy first.

Pure: built from the engine's ``UnitResult`` objects, never a second evaluation. Seed 003's
"dễ làm trước, khó làm sau" is the ordering: fewest unmet criteria, then fewest unmet
indicators, then the smallest sum of relative distances, then the code; "unmet" in the review's
sense (a value failing its threshold), indicators without a value listed apart as "missing". A
province may weigh indicators by effort (``weights``) for its own lists; the contract's order
ignores weights.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ntm.criteria.results import MET, MISSING, NOT_APPLICABLE, UNMET, Outcome
from ntm.reports.review import CommuneEntry, commune_row

NUMERIC_OPS = (">=", ">", "<=", "<", "==")
DIGITS = 9  # rounding of distances: 95 - 90.3 is 4.7, not 4.700000000000003
DEFAULT_DURABLE_MARGIN = 0.05  # met within 5% of the threshold: "chưa bền vững" (seed 002)


def _number(x: Any) -> float | None:
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


def distance(op: str, value: Any, threshold: Any) -> float | None:
    """How far ``value`` is from passing (≥ 0, in the indicator's unit); None for yes/no, text,
    lists and anything not numeric on both sides."""
    v, t = _number(value), _number(threshold)
    if op not in NUMERIC_OPS or v is None or t is None:
        return None
    if op in (">=", ">"):
        gap = t - v
    elif op in ("<=", "<"):
        gap = v - t
    else:
        gap = abs(v - t)
    return round(max(gap, 0.0), DIGITS)


def relative_distance(gap: float | None, threshold: Any) -> float | None:
    """``distance / threshold``; None where undefined (no distance, threshold 0 or not a number)."""
    t = _number(threshold)
    if gap is None or t is None or t == 0:
        return None
    return round(gap / abs(t), DIGITS)


def margin(op: str, value: Any, threshold: Any, unit: str = "") -> float | None:
    """How far a met value is beyond its threshold, relative to it (None when not numeric, or
    when the threshold is the ceiling: 100% of roads cannot be met "more durably")."""
    v, t = _number(value), _number(threshold)
    if op not in (">=", ">", "<=", "<") or v is None or t is None or t == 0:
        return None
    if op in (">=", ">") and unit == "%" and t >= 100:
        return None
    room = v - t if op in (">=", ">") else t - v
    return room / abs(t)


@dataclass(frozen=True, slots=True)
class UnmetIndicator:
    criterion: int
    indicator: str
    value: Any
    threshold: Any
    distance: float | None
    relative_distance: float | None
    name: str = ""
    unit: str = ""
    op: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "indicator": self.indicator,
            "value": self.value,
            "threshold": _json_threshold(self.threshold),
            "distance": self.distance,
            "relative_distance": self.relative_distance,
        }


def _json_threshold(threshold: Any) -> Any:
    if isinstance(threshold, frozenset | set | tuple):
        return sorted(threshold, key=str)
    return threshold


@dataclass(frozen=True, slots=True)
class NotDurable:
    """A criterion met, but with an indicator within the margin of its threshold."""

    criterion: int
    indicator: str
    value: Any
    threshold: Any
    margin: float


@dataclass(frozen=True, slots=True)
class CommuneGap:
    code: str
    name: str
    criteria_met: int
    criteria_total: int
    indicators_met: int
    indicators_total: int
    unmet: tuple[UnmetIndicator, ...]
    missing: tuple[str, ...]
    missing_criteria: tuple[int, ...] = ()
    not_durable: tuple[NotDurable, ...] = ()
    effort: float = 0.0

    @property
    def unmet_criteria(self) -> tuple[int, ...]:
        """Criteria with an unmet indicator (the review's ``unmet_criteria``)."""
        return tuple(sorted({u.criterion for u in self.unmet}))

    @property
    def failing_criteria(self) -> tuple[int, ...]:
        """Criteria not met for any reason: an unmet indicator or a value missing."""
        return tuple(sorted({u.criterion for u in self.unmet} | set(self.missing_criteria)))

    @property
    def relative_sum(self) -> float:
        return sum(u.relative_distance for u in self.unmet if u.relative_distance is not None)

    def sort_key(self) -> tuple[int, int, float, str]:
        """The contract's order. "Unmet" is the review's word: an indicator whose value fails
        its threshold; one without a value is "missing" and listed apart (design.md §10)."""
        return (len(self.unmet_criteria), len(self.unmet), self.relative_sum, self.code)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "criteria_met": self.criteria_met,
            "indicators_met": self.indicators_met,
            "unmet": [u.to_json() for u in self.unmet],
            "missing": list(self.missing),
            "criteria_total": self.criteria_total,
            "indicators_total": self.indicators_total,
            "not_durable": [
                {
                    "criterion": n.criterion,
                    "indicator": n.indicator,
                    "value": n.value,
                    "threshold": _json_threshold(n.threshold),
                    "margin": round(n.margin, DIGITS),
                }
                for n in self.not_durable
            ],
        }


@dataclass(frozen=True, slots=True)
class Gaps:
    unit: str
    set_code: str
    period: str
    communes: tuple[CommuneGap, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "set": self.set_code,
            "period": self.period,
            "communes": [c.to_json() for c in self.communes],
            **self.extra,
        }

    def by_criterion(self) -> dict[int, list[CommuneGap]]:
        """Communes failing each criterion (drill-down from a count to the communes behind it)."""
        out: dict[int, list[CommuneGap]] = {}
        for commune in self.communes:
            for number in commune.failing_criteria:
                out.setdefault(number, []).append(commune)
        return dict(sorted(out.items()))


def commune_gap(
    code: str,
    name: str,
    result: Outcome,
    *,
    weights: Mapping[str, float] | None = None,
    durable_margin: float = DEFAULT_DURABLE_MARGIN,
) -> CommuneGap:
    """One commune's unmet indicators (value, threshold, distances), missing ones apart."""
    unmet: list[UnmetIndicator] = []
    missing: list[str] = []
    missing_criteria: list[int] = []
    fragile: list[NotDurable] = []
    effort = 0.0
    for criterion in result.criteria:
        if criterion.status == MISSING:
            missing_criteria.append(criterion.number)
        for item in criterion.indicators:
            if item.status == UNMET:
                gap = distance(item.op, item.value, item.threshold)
                rel = relative_distance(gap, item.threshold)
                unmet.append(
                    UnmetIndicator(
                        criterion.number,
                        item.code,
                        item.value,
                        item.threshold,
                        gap,
                        rel,
                        item.name,
                        item.unit,
                        item.op,
                    )
                )
                effort += (weights or {}).get(item.code, 1.0) * (rel if rel is not None else 1.0)
            elif item.status == MISSING:
                missing.append(item.code)
                effort += (weights or {}).get(item.code, 1.0)
            elif item.status == MET and criterion.status in (MET, NOT_APPLICABLE):
                room = margin(item.op, item.value, item.threshold, item.unit)
                if room is not None and room <= durable_margin:
                    fragile.append(
                        NotDurable(criterion.number, item.code, item.value, item.threshold, room)
                    )
    row = commune_row(CommuneEntry(code, name, result))  # the review's counts, so both agree
    return CommuneGap(
        code,
        name,
        row.criteria_met,
        result.criteria_total,
        row.indicators_met,
        row.indicators_total,
        tuple(unmet),
        tuple(missing),
        tuple(missing_criteria),
        tuple(fragile),
        round(effort, DIGITS),
    )


def build_gaps(
    unit_code: str,
    set_code: str,
    period: str,
    entries: Iterable[tuple[str, str, Outcome]],
    *,
    weights: Mapping[str, float] | None = None,
    durable_margin: float = DEFAULT_DURABLE_MARGIN,
    by_effort: bool = False,
) -> Gaps:
    """Every entry whose result does not meet the set, easy first (the contract's order), or by
    weighted effort when ``by_effort`` (a province's own weights; ties by the contract's order)."""
    communes = [
        commune_gap(code, name, result, weights=weights, durable_margin=durable_margin)
        for code, name, result in entries
        if not result.met
    ]
    if by_effort:
        communes.sort(key=lambda c: (c.effort, *c.sort_key()))
    else:
        communes.sort(key=CommuneGap.sort_key)
    return Gaps(unit_code, set_code, period, tuple(communes))


def not_durable(
    entries: Sequence[tuple[str, str, Outcome]],
    *,
    durable_margin: float = DEFAULT_DURABLE_MARGIN,
) -> list[CommuneGap]:
    """Communes (met or not) with criteria met only narrowly: the "chưa bền vững" list."""
    gaps = [
        commune_gap(code, name, result, durable_margin=durable_margin)
        for code, name, result in entries
    ]
    return [g for g in gaps if g.not_durable]
