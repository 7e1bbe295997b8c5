"""Seed 002 (Thọ Xuân, 19/5/2023): its published figures, and results that reproduce them.

The published NTM list cannot be reproduced exactly by any data set (see consistency.py):
a commune at 15/19 criteria meets at most 53/57 indicators, not 54, and the per-criterion list
names 34 unmet criteria where the groups imply 37. The results below keep every group's
criteria count and every listed per-criterion count; Phú Xuân meets 53 indicators, and the three
unnamed shortfalls are missing values on criterion 18 (kept apart from "chưa đạt").
The advanced list adds up to 55 where its groups imply 54; the results keep the groups and
count criterion 18 as unmet in 8 communes instead of 9.
"""

from __future__ import annotations

from ntm.criteria.model import CriteriaSet
from ntm.reports.consistency import PublishedGroup, PublishedReview
from ntm.reports.review import CommuneEntry, UnitRef
from ntm.reports.synthetic import make_result, make_set

PERIOD = "2023-05"
THO_XUAN = UnitRef("380", "Thọ Xuân", "huyện")

NTM_SET = make_set("xa-ntm-2021-2025", {n: 3 for n in range(1, 20)})
ADVANCED_SET = make_set("xa-ntm-nang-cao-2021-2025", {**{n: 4 for n in range(1, 19)}, 19: 3})

# name, level, {criterion: unmet indicators}, {criterion: missing indicators}
NTM_COMMUNES = [
    ("Xuân Minh", "ntm", {17: 1}, {}),
    ("Xuân Tín", "ntm", {17: 1}, {}),
    ("Trường Xuân", "ntm", {17: 1}, {}),
    ("Xuân Lập", "ntm", {17: 1}, {}),
    ("Xuân Hồng", "ntm", {17: 1, 6: 1}, {}),
    ("Xuân Phú", "ntm", {17: 1, 12: 1}, {}),
    ("Thọ Diên", "ntm", {17: 1, 15: 2}, {}),
    ("Phú Xuân", "ntm", {17: 1, 2: 1, 6: 1, 15: 1}, {}),
    ("Xuân Hưng", "ntm", {17: 1, 2: 2, 13: 2}, {18: 1}),
    ("Xuân Phong", "ntm", {17: 1, 2: 2, 4: 1, 6: 1, 13: 2, 15: 1}, {}),
    ("Quảng Phú", "ntm", {17: 1, 2: 2, 6: 2, 7: 1, 13: 2}, {18: 2}),
    ("Thuận Minh", "ntm", {17: 1, 2: 3, 4: 2, 6: 2, 7: 1, 13: 2}, {18: 2}),
]

PUBLISHED_NTM = PublishedReview(
    criteria_total=19,
    indicators_total=57,
    communes_total=12,
    groups=(
        PublishedGroup(4, 18, 56, 56, ("Xuân Minh", "Xuân Tín", "Trường Xuân", "Xuân Lập")),
        PublishedGroup(3, 17, 54, 55, ("Xuân Hồng", "Xuân Phú", "Thọ Diên")),
        PublishedGroup(2, 15, 51, 54, ("Phú Xuân", "Xuân Hưng")),
        PublishedGroup(2, 13, 47, 49, ("Xuân Phong", "Quảng Phú")),
        PublishedGroup(1, 12, 44, 44, ("Thuận Minh",)),
    ),
    unmet_by_criterion={2: 5, 4: 2, 6: 5, 7: 2, 12: 1, 13: 4, 15: 3, 17: 12},
)

PUBLISHED_ADVANCED = PublishedReview(
    criteria_total=19,
    indicators_total=75,
    communes_total=10,
    groups=(
        PublishedGroup(1, 17, 73, 73, ("Xuân Hòa",)),
        PublishedGroup(2, 16, 69, 71, ("Bắc Lương", "Tây Hồ")),
        PublishedGroup(1, 15, 68, 68, ("Thọ Lập",)),
        PublishedGroup(2, 14, 64, 68, ("Xuân Trường", "Thọ Xương")),
        PublishedGroup(2, 12, 64, 64, ("Xuân Bái", "Thọ Hải")),
        PublishedGroup(2, 10, 54, 57, ("Xuân Giang", "Thọ Lâm")),
    ),
    unmet_by_criterion={2: 8, 5: 6, 6: 4, 7: 1, 8: 5, 12: 2, 13: 8, 14: 5, 17: 7, 18: 9},
)

# (name, indicators met) in the published order; criteria met come from the groups.
ADVANCED_INDICATORS = [
    ("Xuân Hòa", 73),
    ("Bắc Lương", 71),
    ("Tây Hồ", 69),
    ("Thọ Lập", 68),
    ("Xuân Trường", 68),
    ("Thọ Xương", 64),
    ("Xuân Bái", 64),
    ("Thọ Hải", 64),
    ("Xuân Giang", 57),
    ("Thọ Lâm", 54),
]
ADVANCED_UNMET_REPRODUCED = {**PUBLISHED_ADVANCED.unmet_by_criterion, 18: 8}


def code_of(index: int) -> str:
    return f"{16000 + index}"


def ntm_entries() -> list[CommuneEntry]:
    return [
        CommuneEntry(
            code_of(i), name, make_result(NTM_SET, code_of(i), PERIOD, unmet, missing), level
        )
        for i, (name, level, unmet, missing) in enumerate(NTM_COMMUNES)
    ]


def _spread(criteria: list[int], shortfall: int, criteria_set: CriteriaSet) -> dict[int, int]:
    """Unmet indicators per failed criterion: one each, the rest filling criteria in turn."""
    counts = {n: 1 for n in criteria}
    capacity = {c.number: len(c.indicators) for c in criteria_set.criteria}
    extra = shortfall - len(criteria)
    while extra > 0:
        for n in criteria:
            if extra and counts[n] < capacity[n]:
                counts[n] += 1
                extra -= 1
    return counts


def advanced_entries() -> list[CommuneEntry]:
    """Failed criteria assigned so that the per-criterion counts are ADVANCED_UNMET_REPRODUCED."""
    from ntm.reports.consistency import realize

    met_by_name = {n: g.criteria_met for g in PUBLISHED_ADVANCED.groups for n in g.names}
    rows = [19 - met_by_name[name] for name, _ in ADVANCED_INDICATORS]
    numbers = sorted(ADVANCED_UNMET_REPRODUCED)
    assignment = realize(rows, [ADVANCED_UNMET_REPRODUCED[n] for n in numbers])
    assert assignment is not None
    entries = []
    for i, ((name, indicators), columns) in enumerate(
        zip(ADVANCED_INDICATORS, assignment, strict=True)
    ):
        failed = [numbers[j] for j in columns]
        unmet = _spread(failed, 75 - indicators, ADVANCED_SET)
        level = "advanced" if not failed else "ntm"
        entries.append(
            CommuneEntry(
                code_of(100 + i),
                name,
                make_result(ADVANCED_SET, code_of(100 + i), PERIOD, unmet),
                level,
            )
        )
    return entries
