"""The demo's programme resources, in the words of seeds 004 and 000, and the other Thanh Hóa
districts' reported figures the ranks need.

Seed 004 (Quan Sơn, 2021-2022 and Q1/2023): 3 products recognised as provincial OCOP; "huy động
được trên 47 tỷ đồng"; 71,43 km of rural road, 20,37 km of canals and drains, 11 irrigation
works, 130 classrooms, 6,8 km of power line, 1 transformer station, 11 village cultural
houses, 6 commune offices, 5 water-supply works; certificates for 10 collectives and 17
individuals; Quan Sơn 24th of the province's 27 districts, towns and cities.
Seed 000 (Thọ Xuân, 28/2/2023): 22 provincial OCOP products, second in the province.

What the seeds do not say is the demo's choice, and marked so: product names, producers,
stars, the split of the funds by source and of the outputs by year, the recipients' names, and
every figure of the other districts (``REPORTED``: invented, stored with ``demo=True`` and
labelled "số liệu mẫu, không chính thức"). The seed says the awards were handed over at the
conference of 27/4/2023; the demo dates the decision 31/3/2023, inside the summary's period.
"""

from __future__ import annotations

DEMO_NOTE = "Dữ liệu mẫu (ntm demo), không phải số liệu chính thức"
PROVINCE = "Thanh Hóa"

# (district, commune, product, producer, group, year, stars, level, decided on)
OCOP = [
    (
        "Quan Sơn",
        "Trung Hạ",
        "Măng khô (mẫu)",
        "HTX nông lâm nghiệp Trung Hạ (mẫu)",
        1,
        2021,
        3,
        "province",
        "2021-11-20",
    ),
    (
        "Quan Sơn",
        "Sơn Hà",
        "Mật ong rừng (mẫu)",
        "HTX dịch vụ nông nghiệp Sơn Hà (mẫu)",
        1,
        2022,
        3,
        "province",
        "2022-09-15",
    ),
    (
        "Quan Sơn",
        "Tam Thanh",
        "Du lịch cộng đồng bản (mẫu)",
        "Tổ hợp tác du lịch Tam Thanh (mẫu)",
        6,
        2022,
        3,
        "province",
        "2022-12-10",
    ),
] + [
    (
        "Thọ Xuân",
        None,
        f"Sản phẩm OCOP Thọ Xuân {n:02d} (mẫu)",
        f"Chủ thể OCOP Thọ Xuân {n:02d} (mẫu)",
        (1, 1, 1, 2, 3, 5)[n % 6],
        2020 + n % 3,
        4 if n % 5 == 0 else 3,
        "province",
        f"{2020 + n % 3}-10-{10 + n % 15}",
    )
    for n in range(1, 23)
]

# Funds mobilised by Quan Sơn, by source and period (VND): 47.100.000.000 in all.
FUNDS = {
    "2021": {
        "central": 7_200_000_000,
        "local": 3_150_000_000,
        "integrated": 2_400_000_000,
        "credit": 1_500_000_000,
        "enterprise": 600_000_000,
        "community": 2_100_000_000,
    },
    "2022": {
        "central": 9_100_000_000,
        "local": 4_700_000_000,
        "integrated": 3_600_000_000,
        "credit": 2_000_000_000,
        "enterprise": 950_000_000,
        "community": 2_900_000_000,
    },
    "2023-03": {
        "central": 2_300_000_000,
        "local": 1_600_000_000,
        "integrated": 1_200_000_000,
        "credit": 600_000_000,
        "enterprise": 300_000_000,
        "community": 900_000_000,
    },
}

# Physical outputs of Quan Sơn by period; each kind sums to the seed's figure.
OUTPUTS = {
    "2021": {
        "road_km": "30,15",
        "canal_km": "8,42",
        "irrigation_works": 5,
        "classrooms": 56,
        "power_line_km": "3,2",
        "village_cultural_houses": 5,
        "commune_offices": 3,
        "water_supply_works": 2,
    },
    "2022": {
        "road_km": "33,8",
        "canal_km": "9,65",
        "irrigation_works": 5,
        "classrooms": 60,
        "power_line_km": "3,6",
        "transformer_stations": 1,
        "village_cultural_houses": 5,
        "commune_offices": 2,
        "water_supply_works": 2,
    },
    "2023-03": {
        "road_km": "7,48",
        "canal_km": "2,3",
        "irrigation_works": 1,
        "classrooms": 14,
        "village_cultural_houses": 1,
        "commune_offices": 1,
        "water_supply_works": 1,
    },
}

AWARDS = {
    "district": "Quan Sơn",
    "date": "2023-03-31",
    "issuer": "Chủ tịch UBND huyện Quan Sơn",
    "kind": "certificate",
    "collectives": 10,
    "individuals": 17,
}

# Other districts of Thanh Hóa as of the end of 2022: (name, communes, communes at NTM, OCOP
# products). Invented for the demo so that the ranks count all 27 districts, towns and cities
# (Đông Sơn, merged into Thanh Hóa city in 2024, comes from the demo's unit-history file).
# Quan Sơn (2 of 11 communes) then ranks 24th: only Quan Hóa, Lang Chánh and Mường Lát are lower.
REPORTED_PERIOD = "2022"
REPORTED_ON = "2023-01-15"
REPORTED_BY = "Văn phòng Điều phối NTM tỉnh tổng hợp (ntm demo)"
REPORTED = [
    ("Thanh Hóa", 14, 14, 18),
    ("Bỉm Sơn", 1, 1, 3),
    ("Sầm Sơn", 2, 2, 6),
    ("Mường Lát", 7, 0, 2),
    ("Quan Hóa", 14, 2, 4),
    ("Bá Thước", 20, 6, 8),
    ("Lang Chánh", 9, 1, 3),
    ("Ngọc Lặc", 20, 8, 10),
    ("Cẩm Thủy", 16, 9, 9),
    ("Thạch Thành", 22, 10, 12),
    ("Hà Trung", 16, 16, 14),
    ("Vĩnh Lộc", 12, 12, 13),
    ("Yên Định", 21, 21, 20),
    ("Thường Xuân", 15, 5, 6),
    ("Triệu Sơn", 30, 30, 25),
    ("Thiệu Hóa", 22, 22, 16),
    ("Hoằng Hóa", 35, 35, 21),
    ("Hậu Lộc", 21, 21, 15),
    ("Nga Sơn", 22, 22, 17),
    ("Như Xuân", 15, 6, 7),
    ("Như Thanh", 13, 9, 8),
    ("Nông Cống", 28, 28, 12),
    ("Quảng Xương", 25, 25, 19),
    ("Nghi Sơn", 14, 12, 11),
    ("Đông Sơn", 14, 14, 13),
]
