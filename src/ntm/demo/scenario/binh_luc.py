"""Bình Lục (Hà Nam, region ĐBSH): seed 003 (2023).

"To date" 2 model and 8 advanced communes; the others meet 13-15 advanced criteria and at
least 60 of the 75 advanced indicators; Trung Lương, An Lão and Ngọc Lũ are to finish in 2024.
The seed names no model or advanced commune except An Đổ (roads up to the advanced standard):
which communes are model and advanced is the demo's choice. The unit data has 14 communes.
"""

from __future__ import annotations

from ntm.demo.scenario import ADVANCED, ALL, DISTRICT_NTM, NTM, District, level

MODEL_COMMUNES = ("Tràng An", "Bình Nghĩa")
ADVANCED_COMMUNES = (
    "An Đổ",
    "Đồng Du",
    "Đồn Xá",
    "An Ninh",
    "Bình An",
    "Vũ Bản",
    "La Sơn",
    "Tiêu Động",
)
# (criteria met, indicators met) against the advanced set: 13-15 criteria, at least 60/75.
REST = {"Trung Lương": (15, 67), "An Lão": (14, 63), "Ngọc Lũ": (14, 62), "Bồ Đề": (13, 60)}
COMMUNES = MODEL_COMMUNES + ADVANCED_COMMUNES + tuple(REST)

PERIODS = {
    "2021": {
        **{name: level("advanced") for name in MODEL_COMMUNES + ADVANCED_COMMUNES[:4]},
        **{name: level("ntm", advanced=14) for name in ADVANCED_COMMUNES[4:]},
        **{name: level("ntm", advanced=11) for name in REST},
    },
    "2023-05": {
        **{name: level("model") for name in MODEL_COMMUNES},
        **{name: level("advanced") for name in ADVANCED_COMMUNES},
        **{name: {NTM: ALL, ADVANCED: target} for name, target in REST.items()},
    },
}

DISTRICT = District(
    province="Hà Nam",
    name="Bình Lục",
    seeds=("003",),
    periods=PERIODS,
    # An NTM district working towards the advanced district standard by 2025 (seed 003); the
    # year of its NTM recognition is not in the seed: the demo states it for 2021.
    own_targets={"2021": {DISTRICT_NTM: ALL}},
)
