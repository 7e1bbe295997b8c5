"""Reads for a provincial set before it is activated: what it changes against the national set
(side by side) and what it would change for the province's communes (impact preview).

Why the impact is computed here: a set not yet in force has no stored results, so its verdict on
a commune is the evaluation service's over the registry the country would have with the file in
force (the same values, the same choice of set per unit as after activation); the verdict now
comes from ``current_standings`` as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ntm.assessments.evaluation import evaluate_units, levels_for
from ntm.assessments.standings import current_standings
from ntm.criteria.candidate import Candidate, check_candidate, parse_text
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet, Indicator
from ntm.criteria.provincial import set_in_force
from ntm.criteria.registry import Registry, criteria_dirs, load_registry
from ntm.criteria.serialize import threshold_text
from ntm.provincialsets.models import ProvincialSet
from ntm.provincialsets.services import activated_text
from ntm.units.models import AdminUnit
from ntm.units.selectors import communes_under, valid_on


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
    level_before: str | None = None  # level by data on the ladder, as stored now
    level_after: str | None = None  # the same, with the file in force


@dataclass(frozen=True, slots=True)
class Impact:
    period: Period
    communes: int  # communes of the province with current values for the national set
    changed: tuple[CommuneImpact, ...]  # those whose verdict on the set or level would change

    @property
    def level_changes(self) -> int:
        return sum(1 for c in self.changed if c.level_before != c.level_after)


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
    """If activated: the communes of the province whose verdict on the set, or level by data,
    would change. Judged by the evaluation service itself over the registry the country would
    have with the file in force from the period's first day (``preview_registry``), so what
    the preview announces is what activation stores (same values, same choice of set)."""
    provincial = candidate.criteria_set
    base_code = provincial.base or provincial.code
    on = date(period.year, period.month or 12, 28)
    communes = _communes(provincial_set.province, on)
    if base_code not in load_registry():
        return Impact(period, 0, ())
    standings = current_standings(communes, base_code, period)
    if not standings:
        return Impact(period, 0, ())
    registry = preview_registry(provincial_set, period)
    units = [s.unit for s in standings]
    after = evaluate_units(units, base_code, period, registry)
    levels = levels_for(units, period, registry)
    changed = []
    for standing in standings:
        unit, before = standing.unit, standing.result
        result, level = after[unit.pk], levels[unit.pk]
        if before.met != result.met or standing.level != level:
            changed.append(
                CommuneImpact(
                    unit.code,
                    unit.name,
                    before.met,
                    result.met,
                    before.criteria_met,
                    result.criteria_met,
                    standing.level,
                    level,
                )
            )
    return Impact(period, len(standings), tuple(changed))


def preview_registry(provincial_set: ProvincialSet, period: Period) -> Registry:
    """The registry with the file in force from the first day of ``period`` (or from its own
    ``valid_from``), as activation with that date would make it."""
    start = date(period.year, period.month or 1, 1)
    written = parse_text(provincial_set.file_name, provincial_set.content).get("valid_from")
    day = date.fromisoformat(str(written)) if written else start
    text = activated_text(provincial_set, day)
    return check_candidate(provincial_set.file_name, text, criteria_dirs()).registry


def sets_of(provinces: list[AdminUnit]) -> list[ProvincialSet]:
    return list(ProvincialSet.objects.filter(province__in=provinces).select_related("province"))


def sets_in_use(province: AdminUnit, period: Period) -> list[CriteriaSet]:
    """The sets a province's units are measured against at ``period``: every national set, each
    replaced by the province's override in force then, and the province's own other sets (its
    village set); other provinces' sets left out. What an office checks against its copies."""
    registry = load_registry()
    out = []
    for s in registry.sets():
        if s.province is None:
            out.append(set_in_force(registry, s.code, province.code, period, province.era))
        elif s.province == province.code and not s.base:
            out.append(s)
    return out
