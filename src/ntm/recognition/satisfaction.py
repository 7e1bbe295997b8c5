"""Resident satisfaction: rates from the survey's answers and the rules of the sets, pure.

The answers are "Hài lòng" / "Chưa hài lòng" per household and content area (one area per
criterion, report-forms.md §5). The overall rate pools every answer of every area; a rule (data
in ``data/satisfaction-rules.yaml``, with its source and whether it is verified) asks for a
minimum overall rate and, where it says so, a minimum per content area (per commune for a
district). Why pure: the same arithmetic serves the dossier page, the API and the tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).parent / "data" / "satisfaction-rules.yaml"
OVERALL = "chung"


@dataclass(frozen=True, slots=True)
class Tally:
    """Answers of one commune for one content area."""

    commune: str
    area: str
    satisfied: int
    total: int

    @property
    def rate(self) -> float | None:
        return 100.0 * self.satisfied / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Rule:
    key: str
    name: str
    unit_level: str
    valid_from: date | None
    valid_to: date | None
    overall_min: float
    strict: bool
    area_min: float | None
    commune_area_min: float | None
    source: str
    verified: bool
    note: str


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: Rule
    overall: float | None
    households: int
    answers: int
    met: bool
    failing: tuple[Tally, ...]  # content areas (of communes) under their minimum


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _optional(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Rule(
            key=str(r["key"]),
            name=str(r["name"]),
            unit_level=str(r["unit_level"]),
            valid_from=_date(r.get("valid_from")),
            valid_to=_date(r.get("valid_to")),
            overall_min=float(r["overall_min"]),
            strict=bool(r.get("strict", False)),
            area_min=_optional(r.get("area_min")),
            commune_area_min=_optional(r.get("commune_area_min")),
            source=str(r.get("source") or ""),
            verified=bool(r.get("verified", False)),
            note=str(r.get("note") or "").strip(),
        )
        for r in raw["rules"]
    )


def rule_for(unit_level: str, on: date) -> Rule | None:
    """The rule in force on ``on`` for a unit of ``unit_level`` (None: no rule known)."""
    for rule in load_rules():
        if rule.unit_level != unit_level:
            continue
        if (rule.valid_from is None or rule.valid_from <= on) and (
            rule.valid_to is None or on <= rule.valid_to
        ):
            return rule
    return None


def _passes(rate: float | None, minimum: float, strict: bool = False) -> bool:
    if rate is None:
        return False
    return rate > minimum if strict else rate >= minimum


def overall_rate(tallies: Iterable[Tally]) -> float | None:
    tallies = list(tallies)
    total = sum(t.total for t in tallies)
    return 100.0 * sum(t.satisfied for t in tallies) / total if total else None


def evaluate(rule: Rule, tallies: Iterable[Tally], households: int) -> RuleResult:
    """Whether the answers ``tallies`` meet ``rule``; ``households``: how many answered."""
    tallies = list(tallies)
    overall = overall_rate(tallies)
    area_min = rule.area_min if rule.area_min is not None else rule.commune_area_min
    failing = tuple(t for t in tallies if area_min is not None and not _passes(t.rate, area_min))
    met = _passes(overall, rule.overall_min, rule.strict) and not failing
    return RuleResult(rule, overall, households, sum(t.total for t in tallies), met, failing)
