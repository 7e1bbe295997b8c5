"""The review's structures: a commune's row, the banding groups, the criteria unmet somewhere,
the unit and set a report is about, and the review itself with its JSON (the issue 4 contract).

Why here, at the bottom of ``ntm.reports``: the text modules (``narrative``…) read these to
write their sentences, and ``review`` builds them with that text; holding the shapes below both
lets every arrow point down. Every name stays importable from ``ntm.reports.review`` (and
``ntm.reports.review_rows`` for the per-commune parts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm.criteria.model import CriteriaSet
from ntm.criteria.results import Outcome

CONTRACT_KEYS = frozenset(
    {"unit", "set", "period", "communes", "groups", "unmet_by_criterion", "text"}
)


@dataclass(frozen=True, slots=True)
class CommuneEntry:
    """One commune's result for the set under review, and the level it has reached overall."""

    code: str
    name: str
    result: Outcome
    level: str | None = None


@dataclass(frozen=True, slots=True)
class CommuneRow:
    """A commune's line in the review, with everything the renderers need precomputed."""

    code: str
    name: str
    criteria_met: int
    criteria_total: int
    indicators_met: int
    indicators_total: int
    unmet_criteria: tuple[int, ...]
    missing_criteria: tuple[int, ...]
    missing_indicators: tuple[str, ...]
    unverified_criteria: tuple[int, ...]
    statuses: tuple[tuple[int, str], ...]
    level: str | None
    indicators_not_applicable: int = 0
    revocation_reason: str = ""
    conditions_met: bool | None = None  # the district conditions (criterion 0); None without
    recognised: str | None = None  # the tier recognised by decision (``level`` is by data)
    set_code: str = ""  # the set that judged it: its province's own set in place of the national

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "criteria_met": self.criteria_met,
            "indicators_met": self.indicators_met,
            "unmet_criteria": list(self.unmet_criteria),
            "missing_indicators": list(self.missing_indicators),
            "level": self.level,
            "criteria_total": self.criteria_total,
            "indicators_total": self.indicators_total,
            "missing_criteria": list(self.missing_criteria),
            "indicators_missing": len(self.missing_indicators),
            "indicators_not_applicable": self.indicators_not_applicable,
            "unverified_criteria": list(self.unverified_criteria),
            "unverified": bool(self.unverified_criteria),
            "revocation_risk": {
                "at_risk": bool(self.revocation_reason),
                "reason": self.revocation_reason,
            },
            "conditions_met": self.conditions_met,
            "recognised": self.recognised,
            "set": self.set_code,
        }


@dataclass(frozen=True, slots=True)
class Group:
    """Communes that meet the same number of criteria, highest first."""

    criteria_met: int
    criteria_total: int
    indicators_min: int
    indicators_max: int
    indicators_total: int
    communes: tuple[CommuneRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "criteria_met": self.criteria_met,
            "indicators_met": [self.indicators_min, self.indicators_max],
            "communes": [c.code for c in self.communes],
            "names": [c.name for c in self.communes],
            "criteria_total": self.criteria_total,
            "indicators_total": self.indicators_total,
        }


@dataclass(frozen=True, slots=True)
class UnmetCriterion:
    """A criterion some communes do not meet; ``missing`` counts those lacking data instead."""

    number: int
    name: str
    unmet: tuple[str, ...]
    missing: tuple[str, ...]
    unverified: tuple[str, ...]
    unmet_indicators: tuple[tuple[str, str, int], ...]  # (code, name, communes unmet)

    def to_json(self) -> dict[str, Any]:
        return {
            "criterion": self.number,
            "name": self.name,
            "communes": len(self.unmet),
            "commune_codes": list(self.unmet),
            "missing": len(self.missing),
            "missing_codes": list(self.missing),
            "unverified": len(self.unverified),
            "indicators": [
                {"code": code, "name": name, "communes": n}
                for code, name, n in self.unmet_indicators
            ],
        }


@dataclass(frozen=True, slots=True)
class UnitRef:
    """The unit a report is about (a district, a province, the country)."""

    code: str
    name: str
    kind: str = ""  # "huyện", "tỉnh"… as printed before the name; may be empty


@dataclass(frozen=True, slots=True)
class SetInfo:
    """What a report says about the criteria set: declared totals and how much is encoded."""

    code: str
    name: str
    declared_criteria: int
    declared_indicators: int
    encoded_criteria: int
    encoded_indicators: int
    criteria_names: tuple[tuple[int, str], ...] = ()
    conditions_name: str = ""  # the district sets' conditions block, not one of the criteria

    @property
    def complete(self) -> bool:
        return (
            self.encoded_criteria == self.declared_criteria
            and self.encoded_indicators == self.declared_indicators
        )

    @classmethod
    def of(cls, criteria_set: CriteriaSet) -> SetInfo:
        return cls(
            code=criteria_set.code,
            name=criteria_set.name,
            declared_criteria=criteria_set.declared_criteria,
            declared_indicators=criteria_set.declared_indicators,
            encoded_criteria=len(criteria_set.counted_criteria),
            encoded_indicators=criteria_set.encoded_indicators,
            criteria_names=tuple((c.number, c.name) for c in criteria_set.counted_criteria),
            conditions_name=next((c.name for c in criteria_set.criteria if c.is_condition), ""),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "criteria": self.declared_criteria,
            "indicators": self.declared_indicators,
            "name": self.name,
            "encoded_criteria": self.encoded_criteria,
            "encoded_indicators": self.encoded_indicators,
            "complete": self.complete,
        }


@dataclass(frozen=True, slots=True)
class Review:
    unit: UnitRef
    set: SetInfo
    period: str
    communes: tuple[CommuneRow, ...]
    groups: tuple[Group, ...]
    unmet_by_criterion: tuple[UnmetCriterion, ...]
    missing_by_criterion: tuple[UnmetCriterion, ...] = ()
    text: str = ""
    text_en: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def unverified(self) -> bool:
        return any(c.unverified_criteria for c in self.communes)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "set": self.set.to_json(),
            "period": self.period,
            "communes": [c.to_json() for c in self.communes],
            "groups": [g.to_json() for g in self.groups],
            "unmet_by_criterion": [u.to_json() for u in self.unmet_by_criterion],
            "missing_by_criterion": [
                {
                    "criterion": m.number,
                    "name": m.name,
                    "communes": len(m.missing),
                    "commune_codes": list(m.missing),
                }
                for m in self.missing_by_criterion
            ],
            "text": self.text,
            "text_en": self.text_en,
            "unverified": self.unverified,
            "complete": self.set.complete,
            **{k: v for k, v in self.extra.items() if k not in CONTRACT_KEYS},
        }
