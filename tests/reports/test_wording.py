"""Narrative wording at every level: a commune speaks of itself, a province says how many
communes have data."""

from __future__ import annotations

from ntm.reports.review import CommuneEntry, UnitRef, build_review
from ntm.reports.summary import SummarySets, UnitStanding, build_summary, programme_figures
from ntm.reports.synthetic import make_result
from tests.reports.seed002 import NTM_SET, PERIOD

XUAN_HOA = UnitRef("15517", "Xuân Hòa", "xã")
SETS = SummarySets("xa-ntm-2021-2025")


def test_a_communes_own_review_does_not_count_itself_as_one_commune_of_itself():
    review = build_review(
        XUAN_HOA,
        NTM_SET,
        PERIOD,
        [CommuneEntry("15517", "Xuân Hòa", make_result(NTM_SET, "15517", PERIOD))],
    )
    assert review.text.startswith("Kết quả rà soát xã Xuân Hòa theo ")
    assert "đối với 01 xã" not in review.text and "của xã Xuân Hòa" not in review.text
    assert "có 01 xã" not in review.text
    assert review.text_en.startswith("Review of Xuân Hòa against ")


def test_a_commune_summary_states_its_own_level_not_a_share_of_one():
    communes = [UnitStanding("15517", "Xuân Hòa", "ntm", {SETS.ntm: 19})]
    villages = [UnitStanding("v1", "Thôn 1", "ntm", {}), UnitStanding("v2", "Thôn 2", None, {})]
    text = build_summary(XUAN_HOA, programme_figures("2023-05", communes, villages, SETS)).text
    first = text.splitlines()[0]
    assert first.startswith(
        "Kết quả đến 31/5/2023: xã Xuân Hòa đạt chuẩn NTM (đạt 19 tiêu chí NTM)"
    )
    assert "01/02 thôn đạt chuẩn NTM" in first
    assert "toàn xã" not in text and "01/01 xã" not in text


def test_a_province_summary_says_how_many_communes_have_data():
    communes = [
        UnitStanding(str(i), f"Xã {i}", "ntm" if i < 2 else None, {SETS.ntm: 19} if i < 4 else {})
        for i in range(10)
    ]
    text = build_summary(
        UnitRef("38", "Thanh Hóa", "tỉnh"), programme_figures("2023-05", communes, [], SETS)
    ).text
    assert "toàn tỉnh Thanh Hóa có 02/10 xã đạt chuẩn NTM (20%; 04/10 xã có số liệu)" in text
