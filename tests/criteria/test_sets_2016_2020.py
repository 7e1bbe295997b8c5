"""The 2016-2020 sets are data with provenance: declared as the law states, none presented as
verified."""

from __future__ import annotations

from ntm.criteria.registry import load_registry

CODES = ("xa-ntm-2016-2020", "huyen-ntm-2016-2020", "xa-ntm-kieu-mau-2018-2020")


def test_the_2016_2020_commune_set_has_19_criteria_and_49_indicators():
    s = load_registry().get("xa-ntm-2016-2020")
    assert (s.declared_criteria, s.declared_indicators) == (19, 49)
    assert (len(s.criteria), s.encoded_indicators) == (19, 49)
    assert "1980/QĐ-TTg" in s.source


def test_no_2016_2020_rule_is_presented_as_verified_and_each_says_where_it_comes_from():
    registry = load_registry()
    for code in CODES:
        for indicator in registry.get(code).indicators:
            assert indicator.verified is False, (code, indicator.code)
            assert indicator.source and indicator.note, (code, indicator.code)


def test_the_2016_2020_sets_end_the_day_before_the_2021_2025_sets_begin():
    registry = load_registry()
    assert registry.get("xa-ntm-2016-2020").valid_to == "2022-03-07"
    assert registry.get("xa-ntm-2021-2025").valid_from == "2022-03-08"
    district = registry.get("huyen-ntm-2016-2020")
    assert "558/QĐ-TTg" in district.source and not any(i.code == "0.2" for i in district.indicators)
