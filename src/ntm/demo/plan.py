"""From the scenario's targets to values: which indicators fail, and with what value.

Pure Python. ``plan_district`` returns every value the demo stores for one district, then
checks them with the real engine (``Evaluator``): each target must come out exactly, or
``PlanError`` says where it does not. The verdicts are the engine's, never this module's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ntm.criteria.engine import Evaluator
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import Registry
from ntm.demo.allocator import (
    Allocation,
    allocate_failing_indicators,
    allocate_unmet_criteria,
)
from ntm.demo.scenario import ALL, VILLAGE, District, Review, Target, with_law_of_the_time
from ntm.demo.values import can_fail, failing_value, passing_value


class PlanError(ValueError):
    """The demo's values do not give a target (a criteria file changed under the scenario)."""


@dataclass(frozen=True, slots=True)
class PlannedValue:
    unit_code: str
    period: str
    set_code: str
    indicator: str
    value: object


@dataclass(frozen=True, slots=True)
class Goal:
    """What the engine must say for one unit, set and period."""

    unit_code: str
    set_code: str
    period: str
    criteria_met: int
    indicators_met: int | None
    unmet_criteria: tuple[int, ...] | None = None


def applicable(criteria_set: CriteriaSet, profile: UnitProfile) -> dict[int, list[str]]:
    """Criterion number -> indicators that apply to this unit (``applies_if`` flags)."""
    return {
        c.number: [
            i.code for i in c.indicators if i.applies_if is None or i.applies_if in profile.flags
        ]
        for c in criteria_set.criteria
    }


def failable(
    criteria_set: CriteriaSet, profile: UnitProfile, registry: Registry
) -> dict[int, list[str]]:
    """Criterion number -> indicators a value can fail (criteria with none left out).

    Indicators that apply only to some units (``applies_if``) never fail: whether they apply
    depends on flags the database may not hold, and a verdict must not hang on that.
    """
    out = {}
    for c in criteria_set.criteria:
        codes = [
            i.code
            for i in c.indicators
            if i.applies_if is None and i.aggregate is None and can_fail(i, profile, registry)
        ]
        if codes:
            out[c.number] = codes
    return out


def auto_failures(
    criteria_set: CriteriaSet, target: Target, profile: UnitProfile, registry: Registry, offset: int
) -> Allocation:
    """Failures for a target without a published breakdown: which criteria fail is rotated by
    ``offset`` so communes differ; about half the indicators of each failing criterion fail."""
    if target == ALL:
        return Allocation(profile.code, {})
    criteria_met, indicators_met = target if isinstance(target, tuple) else (target, None)
    candidates = failable(criteria_set, profile, registry)
    numbers = sorted(candidates)
    unmet_count = len(criteria_set.criteria) - criteria_met
    if unmet_count > len(numbers):
        raise PlanError(
            f"{profile.code}: {criteria_set.code} has only {len(numbers)} criteria that can fail"
        )
    start = (offset * 7) % len(numbers)
    chosen = sorted((numbers[start:] + numbers[:start])[:unmet_count])
    if indicators_met is None:
        failing = sum(max(1, math.ceil(len(candidates[n]) / 2)) for n in chosen)
    else:
        failing = sum(len(v) for v in applicable(criteria_set, profile).values()) - indicators_met
    return allocate_failing_indicators(profile.code, chosen, failing, candidates, offset=offset)


def review_failures(
    review: Review,
    criteria_set: CriteriaSet,
    profiles: Mapping[str, UnitProfile],
    registry: Registry,
) -> dict[str, Allocation]:
    """Failures reproducing a published review exactly (seed 002), keyed by commune name."""
    total = len(criteria_set.criteria)
    demands = [(name, total - met) for name, met, _ in review.communes]
    forced = {name: review.forced for name, _, _ in review.communes}
    unmet = allocate_unmet_criteria(demands, review.unmet_by_criterion, forced)
    out = {}
    for offset, (name, _, indicators_met) in enumerate(review.communes):
        profile = profiles[name]
        candidates = failable(criteria_set, profile, registry)
        applicable_count = sum(len(v) for v in applicable(criteria_set, profile).values())
        out[name] = allocate_failing_indicators(
            name, unmet[name], applicable_count - indicators_met, candidates, review.fixed, offset
        )
    return out


def values_for(
    criteria_set: CriteriaSet,
    allocation: Allocation,
    profile: UnitProfile,
    registry: Registry,
    spread: int,
) -> dict[str, object]:
    """A value for every applicable indicator: failing where the allocation says, else passing.

    Indicators computed from the communes (district sets) get none: they are not entered.
    """
    failing = set(allocation.failing_indicators)
    out = {}
    for criterion in criteria_set.criteria:
        for ind in criterion.indicators:
            if (
                ind.applies_if is not None and ind.applies_if not in profile.flags
            ) or ind.aggregate is not None:
                continue
            make = failing_value if ind.code in failing else passing_value
            out[ind.code] = make(ind, profile, registry, spread % 4)
    return out


def plan_district(
    district: District,
    profiles: Mapping[str, UnitProfile],
    registry: Registry,
    village_profiles: Mapping[tuple[str, str], UnitProfile] | None = None,
    district_profile: UnitProfile | None = None,
) -> tuple[list[PlannedValue], list[Goal]]:
    """Every value of ``district``'s scenario, and the goals the engine must confirm.

    ``profiles``: commune name -> profile (its ``code`` is the unit code written to the CSV);
    ``village_profiles``: (commune name, village name) -> profile; ``district_profile``: the
    district's own, for its own indicators of the district sets. District verdicts also rest
    on the communes' results, so they are checked by the tests through the database, not here.
    """
    values: list[PlannedValue] = []
    goals: list[Goal] = []
    for period, communes in district.periods.items():
        for offset, (name, targets) in enumerate(communes.items()):
            profile = profiles[name]
            for set_code, target in with_law_of_the_time(period, targets).items():
                if set_code not in registry:
                    continue
                criteria_set = registry.get(set_code)
                allocation = auto_failures(
                    criteria_set, target, profile, registry, offset + len(period)
                )
                _add(
                    values,
                    goals,
                    criteria_set,
                    allocation,
                    profile,
                    registry,
                    period,
                    target,
                    offset,
                )
    for review in district.reviews:
        if review.set_code not in registry:
            continue
        criteria_set = registry.get(review.set_code)
        allocations = review_failures(review, criteria_set, profiles, registry)
        for offset, (name, met, indicators_met) in enumerate(review.communes):
            allocation = allocations[name]
            _add(
                values,
                goals,
                criteria_set,
                allocation,
                profiles[name],
                registry,
                review.period,
                (met, indicators_met),
                offset,
                allocation.unmet_criteria,
            )
    if VILLAGE in registry:
        village_set = registry.get(VILLAGE)
        for offset, village in enumerate(district.villages):
            profile = (village_profiles or {}).get((village.commune, village.name))
            if profile is None:
                continue
            for period, target in village.targets.items():
                allocation = auto_failures(village_set, target, profile, registry, offset)
                _add(
                    values,
                    goals,
                    village_set,
                    allocation,
                    profile,
                    registry,
                    period,
                    target,
                    offset,
                )
    if district_profile is not None:
        for period, targets in district.own_targets.items():
            for set_code, target in with_law_of_the_time(period, targets).items():
                if set_code not in registry:
                    continue
                criteria_set = registry.get(set_code)
                allocation = auto_failures(criteria_set, target, district_profile, registry, 0)
                for code, value in values_for(
                    criteria_set, allocation, district_profile, registry, 0
                ).items():
                    values.append(
                        PlannedValue(district_profile.code, period, set_code, code, value)
                    )
    check(
        values,
        goals,
        registry,
        {p.code: p for p in [*profiles.values(), *(village_profiles or {}).values()]},
    )
    return values, goals


def _add(
    values, goals, criteria_set, allocation, profile, registry, period, target, offset, unmet=None
) -> None:
    for code, value in values_for(criteria_set, allocation, profile, registry, offset).items():
        values.append(PlannedValue(profile.code, period, criteria_set.code, code, value))
    if target == ALL:
        met, indicators = len(criteria_set.criteria), None
    elif isinstance(target, tuple):
        met, indicators = target
    else:
        met, indicators = int(target), None
    goals.append(Goal(profile.code, criteria_set.code, period, met, indicators, unmet))


def check(
    values: Sequence[PlannedValue],
    goals: Sequence[Goal],
    registry: Registry,
    profiles: Mapping[str, UnitProfile],
) -> None:
    """Evaluate every goal with the engine over all planned values; raise on any difference."""
    series: dict[tuple[str, str], dict[str, list[Observation]]] = {}
    for v in values:
        series.setdefault((v.unit_code, v.set_code), {}).setdefault(v.indicator, []).append(
            Observation(Period.parse(v.period), v.value)
        )
    for per_indicator in series.values():
        for observations in per_indicator.values():
            observations.sort(key=lambda o: o.period)
    evaluators: dict[str, Evaluator] = {}
    problems = []
    for goal in goals:
        evaluator = evaluators.get(goal.set_code)
        if evaluator is None:
            evaluator = evaluators[goal.set_code] = Evaluator(registry.get(goal.set_code), registry)
        result = evaluator.summarize(
            profiles[goal.unit_code], series[(goal.unit_code, goal.set_code)], goal.period
        )
        wrong = result.criteria_met != goal.criteria_met
        wrong |= goal.indicators_met is not None and result.indicators_met != goal.indicators_met
        wrong |= goal.unmet_criteria is not None and tuple(result.unmet_criteria) != tuple(
            goal.unmet_criteria
        )
        if wrong:
            problems.append(
                f"{goal.unit_code} {goal.set_code} {goal.period}: engine says "
                f"{result.criteria_met}/{result.indicators_met} unmet {result.unmet_criteria}, "
                f"scenario wants {goal.criteria_met}/{goal.indicators_met} "
                f"unmet {goal.unmet_criteria}"
            )
    if problems:
        raise PlanError("; ".join(problems))
