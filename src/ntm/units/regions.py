"""The seven regions of Decision 318/QĐ-TTg (2021-2025) and the pre-2025 provinces in each.

Copied from ``shared/domain/regions.md`` (the statistics office's classification of the 63
provinces). A province's region chooses its 2021-2025 thresholds; post-2025 provinces have
none (Decision 51/2025 uses commune groups instead).
"""

from __future__ import annotations

from ntm.textnorm import normalize_name

REGION_PROVINCES: dict[str, tuple[str, ...]] = {
    "TDMNPB": (
        "Hà Giang",
        "Cao Bằng",
        "Bắc Kạn",
        "Tuyên Quang",
        "Lào Cai",
        "Yên Bái",
        "Thái Nguyên",
        "Lạng Sơn",
        "Bắc Giang",
        "Phú Thọ",
        "Điện Biên",
        "Lai Châu",
        "Sơn La",
        "Hòa Bình",
    ),
    "ĐBSH": (
        "Hà Nội",
        "Vĩnh Phúc",
        "Bắc Ninh",
        "Quảng Ninh",
        "Hải Dương",
        "Hải Phòng",
        "Hưng Yên",
        "Thái Bình",
        "Hà Nam",
        "Nam Định",
        "Ninh Bình",
    ),
    "BTB": ("Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"),
    "DHNTB": (
        "Đà Nẵng",
        "Quảng Nam",
        "Quảng Ngãi",
        "Bình Định",
        "Phú Yên",
        "Khánh Hòa",
        "Ninh Thuận",
        "Bình Thuận",
    ),
    "TN": ("Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"),
    "ĐNB": ("Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    "ĐBSCL": (
        "Long An",
        "Tiền Giang",
        "Bến Tre",
        "Trà Vinh",
        "Vĩnh Long",
        "Đồng Tháp",
        "An Giang",
        "Kiên Giang",
        "Cần Thơ",
        "Hậu Giang",
        "Sóc Trăng",
        "Bạc Liêu",
        "Cà Mau",
    ),
}

# Names a province carried under another spelling: Thừa Thiên Huế became the city of Huế on
# 1 January 2025, and the units data already uses the new name for the pre-July structure.
PROVINCE_ALIASES: dict[str, str] = {normalize_name("Huế"): normalize_name("Thừa Thiên Huế")}

_REGION_BY_NAME: dict[str, str] = {
    normalize_name(name): region for region, names in REGION_PROVINCES.items() for name in names
}


def region_for_province(name: str) -> str | None:
    """The Decision 318 region code of a pre-2025 province, by name in any spelling."""
    key = normalize_name(name)
    return _REGION_BY_NAME.get(PROVINCE_ALIASES.get(key, key))
