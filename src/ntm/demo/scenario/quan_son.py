"""Quan Sơn (Thanh Hóa, mountainous): seed 004 (review of 27/4/2023, figures to 31/3/2023).

Cumulative to 31/3/2023: 2 NTM communes, 56 NTM villages (bản), 9 model villages; on average
6,36 NTM criteria and 2,82 advanced criteria per commune, 7,07 village criteria per bản; in
2021-2022 and Q1/2023, 5 more NTM bản and 2 more model bản. The 11 communes (the town Sơn
Lư is not measured by the commune sets) are extremely difficult, so the engine applies the
northern-mountain (TDMNPB) thresholds to them although Thanh Hóa is in region BTB.

6,36 × 11 = 70 criteria: 2 × 19 for the NTM communes and 32 over the other 9 (4,4,4,4,4,3,3,3,3).
2,82 × 11 = 31 advanced criteria: 7 and 6 for the NTM communes, 2 for each of the others.
Which two communes are NTM is the demo's choice, and the bản names are invented.
"""

from __future__ import annotations

from ntm.demo.allocator import spread
from ntm.demo.scenario import ADVANCED, ALL, NTM, District, Village, level

NTM_COMMUNES = ("Sơn Hà", "Trung Hạ")
OTHERS = (
    "Trung Xuân",
    "Trung Thượng",
    "Trung Tiến",
    "Tam Thanh",
    "Sơn Thủy",
    "Na Mèo",
    "Tam Lư",
    "Sơn Điện",
    "Mường Mìn",
)
COMMUNES = NTM_COMMUNES + OTHERS


def _others(ntm_total: int, advanced_each: int) -> dict[str, dict]:
    counts = spread(ntm_total, len(OTHERS), 0, 18)
    return {name: {NTM: n, ADVANCED: advanced_each} for name, n in zip(OTHERS, counts, strict=True)}


PERIODS = {
    # End of 2020 (start of the 2021-2025 programme): 2 NTM communes, 5,64 and 1,82 per commune.
    "2020": {
        "Sơn Hà": level("ntm", advanced=6),
        "Trung Hạ": level("ntm", advanced=5),
        **_others(24, 1),
    },
    # 31/3/2023: 70 NTM criteria (6,36 per commune) and 31 advanced criteria (2,82).
    "2023-03": {
        "Sơn Hà": level("ntm", advanced=7),
        "Trung Hạ": level("ntm", advanced=6),
        **_others(32, 2),
    },
}

# Bản per commune: (all, NTM at the end of 2020, NTM at 31/3/2023). 90 bản, 51 then 56 NTM.
BAN = {
    "Sơn Hà": (9, 9, 9),
    "Trung Hạ": (7, 7, 7),
    "Trung Xuân": (8, 5, 6),
    "Trung Thượng": (9, 5, 5),
    "Trung Tiến": (6, 3, 3),
    "Tam Thanh": (9, 4, 5),
    "Sơn Thủy": (10, 5, 6),
    "Na Mèo": (9, 4, 5),
    "Tam Lư": (8, 4, 4),
    "Sơn Điện": (8, 3, 3),
    "Mường Mìn": (7, 2, 3),
}
# 7,07 criteria per bản at 31/3/2023: 56 × 9 + 132 over the other 34 bản = 636 / 90 = 7,07.
# End of 2020: 51 × 9 + 137 over the other 39 = 596 / 90 = 6,62.
OTHER_BAN_CRITERIA = {"2020": 137, "2023-03": 132}
# Model bản (9 at 31/3/2023, 7 before): no village model set exists yet, so the engine cannot
# confirm them; they are NTM bản and listed here for the documentation and later sets.
MODEL_BAN = {"2020": 7, "2023-03": 9}

_FIRST = ("Na", "Pù", "Pha", "Co", "Hua", "Nà", "Huổi", "Phe", "Xum", "Lầu")
_SECOND = ("Hin", "Lốc", "Mòn", "Ten", "Pán", "Khà", "Phăng", "Nưa", "Tai", "Sày", "Lượng", "Bun")


def _ban_names() -> dict[str, list[str]]:
    """Invented bản names, two syllables in the style of the district's Thái place names."""
    names: dict[str, list[str]] = {}
    k = 0
    for commune, (total, _, _) in BAN.items():
        names[commune] = []
        for _ in range(total):
            names[commune].append(
                f"Bản {_FIRST[k % len(_FIRST)]} {_SECOND[(k + k // len(_FIRST)) % len(_SECOND)]}"
            )
            k += 1
    return names


def _villages() -> tuple[Village, ...]:
    names = _ban_names()
    reached = {"2020": 1, "2023-03": 2}
    others = {
        period: [(c, n) for c, counts in BAN.items() for n in names[c][counts[column] :]]
        for period, column in reached.items()
    }
    criteria = {
        period: dict(
            zip(
                others[period],
                spread(OTHER_BAN_CRITERIA[period], len(others[period]), 0, 8),
                strict=True,
            )
        )
        for period in reached
    }
    return tuple(
        Village(
            commune,
            name,
            "bản",
            {period: criteria[period].get((commune, name), ALL) for period in reached},
        )
        for commune in BAN
        for name in names[commune]
    )


VILLAGES = _villages()

DISTRICT = District(
    province="Thanh Hóa",
    name="Quan Sơn",
    seeds=("004",),
    periods=PERIODS,
    extremely_difficult=COMMUNES,
    villages=VILLAGES,
)
