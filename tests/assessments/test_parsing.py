"""``parse_value``: what people type, read per the indicator's kind, with Vietnamese messages."""

from __future__ import annotations

import pytest

from ntm.assessments.parsing import (
    MSG_NOT_A_BOOLEAN,
    MSG_NOT_A_NUMBER,
    MSG_NOT_A_PERCENT,
    ValueParseError,
    from_columns,
    parse_value,
    raw_text,
    to_stored,
)
from ntm.criteria.inputs import NOT_APPLICABLE
from ntm.criteria.model import Indicator


def indicator(kind: str, *, optional: bool = False) -> Indicator:
    op = {"boolean": "is_true", "text": "=="}.get(kind, ">=")
    return Indicator(code="1.1", name="x", kind=kind, op=op, threshold=None, optional=optional)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("percent", "95,5%", 95.5),
        ("percent", "95.5", 95.5),
        ("number", "29.229,4", 29229.4),
        ("number", 12.5, 12.5),
        ("boolean", "Đạt", True),
        ("boolean", "chưa đạt", False),
        ("boolean", "Không đạt", False),
        ("boolean", "x", True),
        ("boolean", True, True),
        ("boolean", 0, False),
        ("text", " Loại A ", "Loại A"),
    ],
)
def test_it_reads_values_per_kind(kind, raw, expected):
    assert parse_value(indicator(kind), raw) == expected


def test_empty_means_missing_and_not_applicable_is_kept_apart():
    assert parse_value(indicator("percent"), "  ") is None
    assert parse_value(indicator("percent", optional=True), "Không áp dụng") is NOT_APPLICABLE


def test_not_applicable_is_refused_where_the_indicator_always_applies():
    with pytest.raises(ValueParseError) as info:
        parse_value(indicator("percent"), "không áp dụng")
    assert 'không được khai "không áp dụng"' in info.value.message
    assert "always applies" in info.value.message_en


@pytest.mark.parametrize("raw", ["150", "-3", "100,5%"])
def test_a_percentage_outside_0_to_100_is_refused(raw):
    with pytest.raises(ValueParseError) as info:
        parse_value(indicator("percent"), raw)
    assert "ngoài khoảng 0-100%" in info.value.message
    assert parse_value(indicator("percent"), "100") == 100.0
    assert parse_value(indicator("number"), "150") == 150.0


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("number", "abc", MSG_NOT_A_NUMBER.format(raw="abc")),
        ("percent", "9x%", MSG_NOT_A_PERCENT.format(raw="9x%")),
        ("boolean", "có lẽ", MSG_NOT_A_BOOLEAN.format(raw="có lẽ")),
        ("number", True, MSG_NOT_A_NUMBER.format(raw=True)),
    ],
)
def test_it_names_what_was_expected(kind, raw, message):
    with pytest.raises(ValueParseError) as caught:
        parse_value(indicator(kind), raw)
    assert caught.value.message == message


def test_the_number_message_gives_a_vietnamese_example():
    assert MSG_NOT_A_NUMBER.format(raw="abc") == 'Giá trị "abc" không phải là số (ví dụ: 95,5)'


@pytest.mark.parametrize("parsed", [95.5, True, False, "Loại A", NOT_APPLICABLE, None])
def test_stored_columns_give_back_the_parsed_value(parsed):
    stored = to_stored(parsed)
    assert from_columns(
        stored.value_number, stored.value_bool, stored.value_text, stored.not_applicable
    ) is parsed or (
        from_columns(
            stored.value_number, stored.value_bool, stored.value_text, stored.not_applicable
        )
        == parsed
    )


def test_a_cell_number_is_kept_as_vietnamese_text():
    assert raw_text(1234.5) == "1.234,5"
    assert parse_value(indicator("number"), raw_text(1234.5)) == 1234.5
