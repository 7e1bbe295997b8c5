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
from ntm.demo.scenario import ADVANCED, NTM, District, level

NTM_COMMUNES = ("Sơn Hà", "Trung Hạ")
OTHERS = ("Trung Xuân", "Trung Thượng", "Trung Tiến", "Tam Thanh", "Sơn Thủy", "Na Mèo", "Tam Lư",
          "Sơn Điện", "Mường Mìn")
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

DISTRICT = District(
    province="Thanh Hóa",
    name="Quan Sơn",
    seeds=("004",),
    periods=PERIODS,
    extremely_difficult=COMMUNES,
)
