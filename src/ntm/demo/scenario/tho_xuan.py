"""Thọ Xuân (Thanh Hóa, region BTB): seeds 000 (28/02/2023) and 002 (review of 19/5/2023).

Seed 000: 5,6 criteria per commune in 2011, every commune NTM by the end of 2018, and "to
date" 11 advanced and 2 model communes, 12 model villages. Seed 002: 12 NTM communes reviewed
against the 2021-2025 NTM set and 10 advanced communes against the 2021-2025 advanced set,
with exact counts. The unit data has the district's 27 communes of 2020-2025 (after the
2019-2020 mergers); earlier years are told on those 27 communes too.
"""

from __future__ import annotations

from ntm.demo.allocator import spread
from ntm.demo.scenario import ADVANCED, ALL, DISTRICT_NTM, NTM, District, Review, Village, level

NTM_REVIEWED = (
    ("Xuân Minh", 18, 56),
    ("Xuân Tín", 18, 56),
    ("Trường Xuân", 18, 56),
    ("Xuân Lập", 18, 56),
    ("Xuân Hồng", 17, 55),
    ("Xuân Phú", 17, 54),
    ("Thọ Diên", 17, 55),
    # Seed: 51-54/57. Four unmet criteria need at least four failing indicators, so 53 is
    # the most a 15/19 commune can have: 54 is impossible (docs/demo-data.md).
    ("Phú Xuân", 15, 51),
    ("Xuân Hưng", 15, 53),
    ("Xuân Phong", 13, 47),
    ("Quảng Phú", 13, 49),
    ("Thuận Minh", 12, 44),
)
ADVANCED_REVIEWED = (
    ("Xuân Hòa", 17, 73),
    ("Bắc Lương", 16, 69),
    ("Tây Hồ", 16, 71),
    ("Thọ Lập", 15, 68),
    ("Xuân Trường", 14, 64),
    ("Thọ Xương", 14, 68),
    ("Xuân Bái", 12, 64),
    ("Thọ Hải", 12, 64),
    ("Xuân Giang", 10, 54),
    ("Thọ Lâm", 10, 57),
)
MODEL_COMMUNES = ("Xuân Lai", "Thọ Lộc")
OTHER_ADVANCED = ("Nam Giang",)
NTM_ONLY = ("Xuân Sinh", "Xuân Thiên")
COMMUNES = (
    tuple(n for n, _, _ in NTM_REVIEWED)
    + tuple(n for n, _, _ in ADVANCED_REVIEWED)
    + MODEL_COMMUNES
    + OTHER_ADVANCED
    + NTM_ONLY
)

NTM_REVIEW = Review(
    set_code=NTM,
    period="2023-05",
    communes=NTM_REVIEWED,
    seed_unmet_by_criterion={2: 5, 4: 2, 6: 5, 7: 2, 12: 1, 13: 4, 15: 3, 17: 12},
    # The groups make 4×1 + 3×2 + 2×4 + 2×6 + 1×7 = 37 unmet (commune, criterion) pairs; the
    # seed's list adds up to 34. Every stated count is kept and the 3 missing pairs go to
    # criterion 5 (schools), which the seed does not mention.
    unmet_by_criterion={2: 5, 4: 2, 5: 3, 6: 5, 7: 2, 12: 1, 13: 4, 15: 3, 17: 12},
    reconciliation=(
        "37 unmet criteria in the groups, 34 in the per-criterion list: +3 on criterion 5"
    ),
    forced=(17,),
    fixed={17: ("17.2",)},
)
ADVANCED_REVIEW = Review(
    set_code=ADVANCED,
    period="2023-05",
    communes=ADVANCED_REVIEWED,
    seed_unmet_by_criterion={2: 8, 5: 6, 6: 4, 7: 1, 8: 5, 12: 2, 13: 8, 14: 5, 17: 7, 18: 9},
    # The groups make 2 + 2×3 + 4 + 2×5 + 2×7 + 2×9 = 54 unmet pairs; the list adds up to 55.
    # Criterion 18 loses one (9 -> 8).
    unmet_by_criterion={2: 8, 5: 6, 6: 4, 7: 1, 8: 5, 12: 2, 13: 8, 14: 5, 17: 7, 18: 8},
    reconciliation=(
        "54 unmet criteria in the groups, 55 in the per-criterion list: criterion 18 has 8, not 9"
    ),
)


def _history_2011() -> dict[str, dict]:
    # 5,6 criteria per commune: 151 criteria over 27 communes (5,59).
    counts = spread(151, len(COMMUNES), 0, 19)
    return {name: {NTM: n} for name, n in zip(COMMUNES, counts, strict=True)}


def _history_2015() -> dict[str, dict]:
    # Illustrative: 11 communes NTM, the rest 13-17 criteria.
    done = MODEL_COMMUNES + OTHER_ADVANCED + tuple(n for n, _, _ in ADVANCED_REVIEWED[:8])
    rest = [n for n in COMMUNES if n not in done]
    counts = spread(15 * len(rest), len(rest), 13, 17)
    counts = [c + (1 if i % 3 == 0 else -1 if i % 3 == 1 else 0) for i, c in enumerate(counts)]
    out = {name: level("ntm") for name in done}
    out.update({name: {NTM: n} for name, n in zip(rest, counts, strict=True)})
    return out


PERIODS = {
    "2011": _history_2011(),
    "2015": _history_2015(),
    "2018": {name: level("ntm") for name in COMMUNES},
    "2021": {
        **{name: level("ntm") for name in NTM_ONLY},
        **{name: level("ntm") for name, _, _ in NTM_REVIEWED},
        **{name: level("advanced") for name, _, _ in ADVANCED_REVIEWED[:5]},
        **{name: level("ntm", advanced=17) for name, _, _ in ADVANCED_REVIEWED[5:]},
        **{name: level("advanced") for name in MODEL_COMMUNES + OTHER_ADVANCED},
    },
    # As of seed 000 (28/02/2023) the latest values are these: 11 advanced, 2 model. Dated April
    # 2022 so that by the May 2023 review (more than 12 months later) they are stale: the review
    # then lists only the communes that reported in that round, as seed 002 does.
    "2022-04": {
        **{name: level("ntm") for name in NTM_ONLY},
        **{name: level("ntm") for name, _, _ in NTM_REVIEWED},
        **{name: level("advanced") for name, _, _ in ADVANCED_REVIEWED},
        **{name: level("advanced") for name in OTHER_ADVANCED},
        **{name: level("model") for name in MODEL_COMMUNES},
    },
}

# 12 model villages (thôn NTM kiểu mẫu): names invented, on the communes furthest ahead.
_MODEL_VILLAGE_HOMES = (
    MODEL_COMMUNES * 3 + OTHER_ADVANCED * 2 + ("Xuân Hòa", "Bắc Lương", "Tây Hồ", "Thọ Lập")
)
VILLAGES = tuple(
    Village(commune, f"Thôn {i}", "thôn", {"2022-04": ALL})
    for commune, i in (
        (home, sum(1 for h in _MODEL_VILLAGE_HOMES[:k] if h == home) + 1)
        for k, home in enumerate(_MODEL_VILLAGE_HOMES)
    )
)

DISTRICT = District(
    province="Thanh Hóa",
    name="Thọ Xuân",
    seeds=("000", "002"),
    periods=PERIODS,
    reviews=(NTM_REVIEW, ADVANCED_REVIEW),
    villages=VILLAGES,
    # Recognised NTM district in 2019 (seed 000): its own district indicators met since then.
    own_targets={"2019": {DISTRICT_NTM: ALL}},
)
