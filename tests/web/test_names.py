"""Unit names as the pages show, filter and sort them (``ntm.web.names``)."""

from __future__ import annotations

import pytest

from ntm.web.names import fold, search_key, sort_units, unit_label, vietnamese_key


def test_names_sort_in_vietnamese_dictionary_order_not_by_code_point():
    names = [
        "Trường Xuân",
        "Thuận Minh",
        "Tây Hồ",
        "Thọ Diên",
        "Đông Thanh",
        "Dân Lý",
        "Ân Thịnh",
        "An Nông",
    ]
    assert sorted(names, key=vietnamese_key) == [
        "An Nông",
        "Ân Thịnh",
        "Dân Lý",
        "Đông Thanh",
        "Tây Hồ",
        "Thọ Diên",
        "Thuận Minh",
        "Trường Xuân",
    ]


def test_both_tone_placements_sort_together_and_numbers_by_value():
    assert vietnamese_key("Xuân Hoà")[0] == vietnamese_key("Xuân Hòa")[0]
    assert sorted(["Thôn 10", "Thôn 2", "Thôn 1"], key=vietnamese_key) == [
        "Thôn 1",
        "Thôn 2",
        "Thôn 10",
    ]
    assert sorted(["Tây Hồ", "Tây", "Tâya"], key=vietnamese_key) == ["Tây", "Tây Hồ", "Tâya"]


def test_sort_units_reads_the_name_of_objects_and_of_rows():
    rows = [{"name": "Thuận Minh"}, {"name": "Thọ Diên"}]
    assert [r["name"] for r in sort_units(rows)] == ["Thọ Diên", "Thuận Minh"]


@pytest.mark.parametrize("typed", ["xuan h", "XUÂN HOÀ", "xuân hòa", "Xuan  Hoa"])
def test_the_filter_key_holds_what_people_type_for_xuan_hoa(typed):
    assert fold(typed) in search_key("xã", "Xuân Hòa")


def test_the_filter_key_has_the_type_and_the_i_for_y_spelling_on_separate_lines():
    assert search_key("xã", "Kỳ Tân") == "xa ky tan\nki tan"
    assert fold("Đông Thanh") == "dong thanh"


@pytest.mark.parametrize(
    ("unit_type", "name", "shown"),
    [
        ("thôn", "Thôn 1", "Thôn 1"),
        ("bản", "Bản Lầu", "Bản Lầu"),
        ("Thôn", "thôn Đông", "thôn Đông"),
        ("xã", "Xuân Hòa", "xã Xuân Hòa"),
        ("thôn", "Thôngthái", "thôn Thôngthái"),
        ("", "Thanh Hóa", "Thanh Hóa"),
    ],
)
def test_the_type_is_not_written_twice(unit_type, name, shown):
    assert unit_label(unit_type, name) == shown
