"""Values shown the way each language writes them."""

from __future__ import annotations

import pytest
from django.utils import translation

from ntm.criteria.inputs import NOT_APPLICABLE
from ntm.criteria.results import IndicatorResult
from ntm.web.templatetags.ntm_web import level_label, num, requirement, show_value, verdict_label


def _result(op: str, threshold, unit: str = "") -> IndicatorResult:
    return IndicatorResult("2.1", "x", "unmet", 80.0, "2023", op, threshold, (), unit=unit)


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("vi", 46.7, "46,7"),
        ("vi", 29229.4, "29.229,4"),
        ("vi", 100.0, "100"),
        ("en", 46.7, "46.7"),
        ("en", 29229.4, "29,229.4"),
    ],
)
def test_numbers_follow_the_language_without_trailing_zeros(language, value, shown):
    with translation.override(language):
        assert num(value) == shown


def test_booleans_and_not_applicable_read_as_words():
    with translation.override("vi"):
        assert (
            show_value(True),
            show_value(False),
            show_value(NOT_APPLICABLE),
            show_value(None),
        ) == ("Đạt", "Chưa đạt", "Không áp dụng", "")
    with translation.override("en"):
        assert (show_value(True), verdict_label("missing"), level_label(None)) == (
            "Met",
            "No value",
            "Not reached",
        )


def test_a_requirement_reads_as_a_comparison_with_its_unit():
    with translation.override("vi"):
        assert requirement(_result(">=", 95.5, "%")) == "≥ 95,5%"
        assert requirement(_result("<=", 4, "m²/người")) == "≤ 4 m²/người"
        assert requirement(_result("is_true", None)) == "Đạt"
        assert requirement(_result(">=", None)) == "(chưa có ngưỡng)"
