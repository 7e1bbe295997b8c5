"""The demo scenario as data: what each seed reports, per district, with no values in it.

Each district module (``tho_xuan``, ``kien_thuy``, ``binh_luc``, ``quan_son``) holds a
``DISTRICT`` describing its units, periods and targets in the words of the seeds: levels
reached, criteria met, and (for seed 002's review) the exact counts with their per-criterion
breakdown. ``ntm.demo.plan`` turns targets into failing indicators and
``ntm.demo.values`` into values, so the data never states a verdict the engine has to agree with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

NTM = "xa-ntm-2021-2025"
ADVANCED = "xa-ntm-nang-cao-2021-2025"
MODEL = "xa-ntm-kieu-mau-2021-2025"
VILLAGE = "thon-ntm-mau"
DISTRICT_NTM = "huyen-ntm-2021-2025"
# The sets in force until 2021 (ntm.assessments.evaluation.LADDERS): the demo states the early
# years' NTM targets against them too, so those years are evaluated against the law of the time.
NTM_2016 = "xa-ntm-2016-2020"
DISTRICT_NTM_2016 = "huyen-ntm-2016-2020"
LAST_YEAR_2016_SETS = 2021
ERA_2016 = {NTM: NTM_2016, DISTRICT_NTM: DISTRICT_NTM_2016}
ALL = "all"

# A target for one unit, set and period: ALL (every criterion met), a number of criteria met,
# or (criteria met, indicators met) when the seed gives both.
Target = str | int | tuple[int, int]

LEVEL_TARGETS: dict[str, dict[str, Target]] = {
    "ntm": {NTM: ALL},
    "advanced": {NTM: ALL, ADVANCED: ALL},
    "model": {NTM: ALL, ADVANCED: ALL, MODEL: ALL},
}


def level(name: str, **partial: Target) -> dict[str, Target]:
    """Targets for a commune at ``name`` ("ntm", "advanced", "model"), plus partial next sets.

    ``level("ntm", advanced=14)``: NTM reached and 14 advanced criteria met.
    """
    targets = dict(LEVEL_TARGETS[name])
    keys = {"ntm": NTM, "advanced": ADVANCED, "model": MODEL}
    for key, target in partial.items():
        targets[keys[key]] = target
    return targets


@dataclass(frozen=True)
class Review:
    """A published review of some communes against one set (seed 002), reproduced exactly.

    ``communes``: (name, criteria met, indicators met). ``seed_unmet_by_criterion`` is what the
    seed states; ``unmet_by_criterion`` what the demo uses where the seed contradicts itself
    (``reconciliation`` says why). ``forced``: criteria every commune fails, ``fixed``: the only
    indicators failing in a criterion.
    """

    set_code: str
    period: str
    communes: tuple[tuple[str, int, int], ...]
    seed_unmet_by_criterion: Mapping[int, int]
    unmet_by_criterion: Mapping[int, int]
    reconciliation: str = ""
    forced: tuple[int, ...] = ()
    fixed: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Village:
    """A village (thôn, bản) the demo creates under a commune; names are invented."""

    commune: str
    name: str
    unit_type: str
    # period -> target for the village set
    targets: Mapping[str, Target]


@dataclass(frozen=True)
class District:
    """One seed district: where it is, its communes' targets per period, reviews, villages."""

    province: str
    name: str
    seeds: tuple[str, ...]
    # period -> commune name -> set code -> target
    periods: Mapping[str, Mapping[str, Mapping[str, Target]]]
    reviews: tuple[Review, ...] = ()
    villages: tuple[Village, ...] = ()
    extremely_difficult: tuple[str, ...] = ()
    # communes the seed names that the unit data (mid-2025 snapshot) no longer has
    extra_communes: tuple[str, ...] = ()
    # period -> set code -> target for the district's own indicators (district sets)
    own_targets: Mapping[str, Mapping[str, Target]] = field(default_factory=dict)
    notes: str = ""


def with_law_of_the_time(period: str, targets: Mapping[str, Target]) -> dict[str, Target]:
    """``targets`` plus, for a period up to 2021, the same NTM target against the set then in
    force (``xa-ntm-2016-2020``, ``huyen-ntm-2016-2020``): both sets have 19 (9) criteria, so
    "n criteria met" means the same. There was no national advanced set then: not mirrored."""
    out = dict(targets)
    if int(period[:4]) <= LAST_YEAR_2016_SETS:
        out.update({ERA_2016[code]: target for code, target in targets.items() if code in ERA_2016})
    return out


def districts() -> tuple[District, ...]:
    """The four seed districts, in seed order."""
    from ntm.demo.scenario import binh_luc, kien_thuy, quan_son, tho_xuan

    return (tho_xuan.DISTRICT, kien_thuy.DISTRICT, binh_luc.DISTRICT, quan_son.DISTRICT)
