"""Kiến Thụy (Hải Phòng, region ĐBSH): seed 001 (2023).

NTM district (recognised for 2020); "to date" model communes Thụy Hương and Thanh Sơn,
advanced communes Đại Hà and Đại Đồng, 17 communes in all, the rest NTM. Minh Tân and Tân
Trào have their advanced dossier in preparation, Ngũ Phúc, Du Lễ, Hữu Bằng and Đoàn Xá are
planned for the end of 2023: the demo puts them close to the advanced standard.

The unit data is a mid-2025 snapshot with 15 communes here: Thụy Hương, Đại Hà and Ngũ Đoan
were merged away in 2024 (Đại Hà and Ngũ Đoan into Kiến Hưng, which kept Đại Hà's code 11728).
Thụy Hương is registered as a real historical unit (``ntm/units/data/unit-history.csv``);
Đại Hà cannot be (its code now belongs to Kiến Hưng in the same era), so the demo still adds
it with the code ``demo-314-2``, so that the seed's named model and advanced communes exist.
"""

from __future__ import annotations

from ntm.demo.scenario import ALL, DISTRICT_NTM, District, level

MODEL_COMMUNES = ("Thụy Hương", "Thanh Sơn")
ADVANCED_COMMUNES = ("Đại Hà", "Đại Đồng")
DOSSIER_2023 = ("Minh Tân", "Tân Trào")
PLANNED_2023 = ("Ngũ Phúc", "Du Lễ", "Hữu Bằng", "Đoàn Xá")
OTHERS = ("Đông Phương", "Thuận Thiên", "Kiến Quốc", "Kiến Hưng", "Tân Phong", "Tú Sơn", "Đại Hợp")
COMMUNES = MODEL_COMMUNES + ADVANCED_COMMUNES + DOSSIER_2023 + PLANNED_2023 + OTHERS

PERIODS = {
    # Recognised NTM district for 2020: every commune NTM.
    "2020": {name: level("ntm") for name in COMMUNES},
    "2023-05": {
        **{name: level("model") for name in MODEL_COMMUNES},
        **{name: level("advanced") for name in ADVANCED_COMMUNES},
        **{name: level("ntm", advanced=18) for name in DOSSIER_2023},
        **{name: level("ntm", advanced=16) for name in PLANNED_2023},
        **{name: level("ntm", advanced=13) for name in OTHERS},
    },
}

DISTRICT = District(
    province="Hải Phòng",
    name="Kiến Thụy",
    seeds=("001",),
    periods=PERIODS,
    extra_communes=("Thụy Hương", "Đại Hà"),
    # Recognised NTM district for 2020 (seed 001): its own district indicators met.
    own_targets={"2020": {DISTRICT_NTM: ALL}},
)
