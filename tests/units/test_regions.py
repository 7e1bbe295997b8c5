"""Decision 318 regions: every pre-2025 province in the units data has exactly one."""

from collections import Counter

from ntm.units.regions import REGION_PROVINCES, region_for_province
from ntm.units.services import read_units_data


def test_the_region_table_lists_63_provinces_once_each():
    names = [name for names in REGION_PROVINCES.values() for name in names]
    assert len(names) == len(set(names)) == 63
    assert {region: len(names) for region, names in REGION_PROVINCES.items()} == {
        "TDMNPB": 14,
        "ĐBSH": 11,
        "BTB": 6,
        "DHNTB": 8,
        "TN": 5,
        "ĐNB": 6,
        "ĐBSCL": 13,
    }


def test_every_pre_2025_province_of_the_data_maps_to_a_region():
    provinces = read_units_data()["legacy"]["provinces"]
    regions = {name: region_for_province(name) for _code, name, *_ in provinces}
    assert len(regions) == 63
    assert [name for name, region in regions.items() if region is None] == []
    assert Counter(regions.values()) == Counter({r: len(n) for r, n in REGION_PROVINCES.items()})


def test_a_province_maps_whatever_its_spelling():
    assert region_for_province("Tỉnh Thanh Hoá") == "BTB"
    assert region_for_province("tỉnh Hoà Bình") == "TDMNPB"
    assert region_for_province("Thành phố Huế") == "BTB"
    assert region_for_province("Bà Rịa–Vũng Tàu") == "ĐNB"
    assert region_for_province("Atlantis") is None
