"""Targets, pure: the projection is a straight line through the points; states follow from it."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.reports.targets import TargetProgress, project


def test_the_projection_is_the_least_squares_line_read_at_the_due_date():
    points = [(date(2020, 12, 31), 2.0), (date(2021, 12, 31), 4.0), (date(2022, 12, 31), 6.0)]
    assert project(points, date(2024, 12, 31)) == pytest.approx(10.0, abs=0.02)
    assert project(points[:1], date(2024, 12, 31)) is None


def _progress(current, projected, as_of=date(2023, 5, 31), due=date(2025, 12, 31)):
    return TargetProgress(
        "395", "Thọ Xuân", "count", "model", 17, due, "NQ 01", as_of, current, projected
    )


def test_a_target_is_met_on_track_at_risk_or_missed():
    assert _progress(17, 12).state == "met" and not _progress(17, 12).at_risk
    assert _progress(10, 18).state == "on_track"
    assert _progress(10, 15).state == "at_risk" and _progress(10, 15).at_risk
    assert _progress(10, None).state == "at_risk"
    assert _progress(10, 20, as_of=date(2026, 1, 31)).state == "missed"


def test_the_sentence_says_what_by_when_and_how_far():
    text = _progress(10, 15).sentence("vi")
    assert (
        text
        == "Mục tiêu (NQ 01): 17 xã NTM kiểu mẫu trước 31/12/2025: hiện 10/17, CÓ NGUY CƠ KHÔNG "
        "ĐẠT."
    )
