"""Reads for a provincial set before it is activated: what it changes against the national set
(side by side) and what it would change for the province's communes (impact preview).

Why the impact is computed here: a set not yet in force has no stored results and no values of
its own, so its verdict on a commune is the evaluation service's compiled evaluator
(``evaluator_for``) over the values the communes entered for the national set it overrides; the
national verdict comes from ``current_standings`` as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ntm.assessments.evaluation import evaluator_for
from ntm.assessments.selectors import observations_for_units
from ntm.assessments.standings import current_standings
from ntm.criteria.candidate import Candidate
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet, Indicator
from ntm.criteria.registry import load_registry
from ntm.criteria.serialize import threshold_text
from ntm.provincialsets.models import ProvincialSet
from ntm.units.models import AdminUnit
from ntm.units.selectors import communes_under, profile_for, valid_on


@dataclass(frozen=True, slots=True)
class Change:
    """One indicator the provincial set changes or adds, beside the national one."""

    code: str
    name: str
    national: str  # the national threshold, "" for an added indicator
    provincial: str
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class CommuneImpact:
    code: str
    name: str
    national_met: bool
    provincial_met: bool
    national_criteria: int
    provincial_criteria: int


@dataclass(frozen=True, slots=True)
class Impact:
    period: Period
    communes: int  # communes of the province with values for the national set
    changed: tuple[CommuneImpact, ...]  # those whose verdict on the set would change


def _indicators(criteria_set: CriteriaSet) -> dict[str, Indicator]:
    return {i.code: i for i in criteria_set.indicators}


def side_by_side(candidate: Candidate) -> list[Change]:
    """Every indicator whose rule or provenance differs from the national set, and every added
    one; for a set with no national base, every indicator."""
    provincial = candidate.criteria_set
    base = candidate.registry.get(provincial.base) if provincial.base else None
    national = _indicators(base) if base else {}
    changes = []
    for ind in provincial.indicators:
        old = national.get(ind.code)
        same = old is not None and (old.op, old.threshold, old.source) == (
            ind.op,
            ind.threshold,
            ind.source,
        )
        if same:
            continue
        changes.append(
            Change(
                ind.code,
                ind.name,
                f"{old.op} {threshold_text(old.threshold)}".strip() if old else "",
                f"{ind.op} {threshold_text(ind.threshold)}".strip(),
                ind.source,
                ind.verified,
            )
        )
    return changes


def _communes(province: AdminUnit, on: date) -> list[AdminUnit]:
    return list(valid_on(communes_under(province), on).order_by("code"))


def impact(provincial_set: ProvincialSet, candidate: Candidate, period: Period) -> Impact:
    """If activated: the communes of the province whose verdict on the set would change, judged
    on the values they entered for the national set (an added indicator has none yet: missing)."""
    provincial = candidate.criteria_set
    base_code = provincial.base or provincial.code
    on = date(period.year, period.month or 12, 28)
    communes = _communes(provincial_set.province, on)
    if base_code not in load_registry():
        return Impact(period, 0, ())
    standings = current_standings(communes, base_code, period)
    if not standings:
        return Impact(period, 0, ())
    evaluator = evaluator_for(provincial.code, candidate.registry)
    values = observations_for_units((s.unit.pk for s in standings), base_code, period)
    changed = []
    for standing in standings:
        unit, before = standing.unit, standing.result
        after = evaluator.evaluate(profile_for(unit), values.get(unit.pk, {}), period)
        if before.met != after.met:
            changed.append(
                CommuneImpact(
                    unit.code,
                    unit.name,
                    before.met,
                    after.met,
                    before.criteria_met,
                    after.criteria_met,
                )
            )
    return Impact(period, len(standings), tuple(changed))


def sets_of(provinces: list[AdminUnit]) -> list[ProvincialSet]:
    return list(ProvincialSet.objects.filter(province__in=provinces).select_related("province"))
