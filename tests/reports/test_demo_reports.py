"""On the demo data (the seed districts), the reports give what the seeds publish."""

from __future__ import annotations

from datetime import date

import pytest

from tests.demo.conftest import demo_loaded  # noqa: F401 - the module-scoped demo fixture

pytestmark = pytest.mark.django_db
NTM, ADVANCED = "xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025"


def district(path: str):
    """The pre-2025 district (the name also fits a commune after the 2025 merger)."""
    from ntm.units.selectors import find_unit

    return find_unit(path, on=date(2023, 5, 1))


def test_the_ntm_review_of_tho_xuan_gives_seed_002_groups_and_narrative(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import review_for

    review = review_for(district("Thanh Hóa/Thọ Xuân"), NTM, "2023-05")
    data = review.to_json()
    assert [
        (g["criteria_met"], g["indicators_met"], sorted(g["names"])) for g in data["groups"]
    ] == [
        (18, [56, 56], sorted(["Xuân Minh", "Xuân Tín", "Trường Xuân", "Xuân Lập"])),
        (17, [54, 55], sorted(["Xuân Hồng", "Xuân Phú", "Thọ Diên"])),
        (15, [51, 53], sorted(["Phú Xuân", "Xuân Hưng"])),  # the seed's 54 is impossible
        (13, [47, 49], sorted(["Xuân Phong", "Quảng Phú"])),
        (12, [44, 44], ["Thuận Minh"]),
    ]
    counts = {u["criterion"]: u["communes"] for u in data["unmet_by_criterion"]}
    assert {n: counts[n] for n in (2, 4, 6, 7, 12, 13, 15, 17)} == {
        2: 5,
        4: 2,
        6: 5,
        7: 2,
        12: 1,
        13: 4,
        15: 3,
        17: 12,
    }
    assert "xã Thuận Minh đạt 12/19 tiêu chí, 44/57 chỉ tiêu." in review.text
    assert "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt" in review.text


def test_the_advanced_review_of_tho_xuan_holds_seed_002_figures_for_its_ten_communes(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import review_for

    review = review_for(district("Thanh Hóa/Thọ Xuân"), ADVANCED, "2023-05")
    data = review.to_json()
    assert [
        (g["criteria_met"], g["indicators_met"], sorted(g["names"])) for g in data["groups"]
    ] == [
        (17, [73, 73], ["Xuân Hòa"]),
        (16, [69, 71], sorted(["Bắc Lương", "Tây Hồ"])),
        (15, [68, 68], ["Thọ Lập"]),
        (14, [64, 68], sorted(["Xuân Trường", "Thọ Xương"])),
        (12, [64, 64], sorted(["Xuân Bái", "Thọ Hải"])),
        (10, [54, 57], sorted(["Xuân Giang", "Thọ Lâm"])),
    ]
    figures = {c.name: (c.criteria_met, c.indicators_met) for c in review.communes}
    assert {name: figures[name] for name in ("Xuân Hòa", "Thọ Lập", "Xuân Bái", "Thọ Hải")} == {
        "Xuân Hòa": (17, 73),
        "Thọ Lập": (15, 68),
        "Xuân Bái": (12, 64),
        "Thọ Hải": (12, 64),
    }
    assert "xã Xuân Hòa đạt 17/19 tiêu chí, 73/75 chỉ tiêu" in review.text


def test_the_summary_of_quan_son_gives_seed_004_figures(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import summary_for

    summary = summary_for(district("Thanh Hóa/Quan Sơn"), "2023-03", "2021-01")
    assert "toàn huyện Quan Sơn có 02/11 xã đạt chuẩn NTM" in summary.text
    assert (
        "Bình quân toàn huyện Quan Sơn đạt 6,36 tiêu chí NTM/xã, 2,82 tiêu chí NTM nâng cao/xã; "
        "7,07 tiêu chí NTM/bản." in summary.text
    )
    assert summary.figures.villages_at["ntm"] == 56
    assert "có thêm 05 bản đạt chuẩn NTM" in summary.text


def test_the_progress_of_tho_xuan_tells_seed_000s_story(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import progress_for

    progress = progress_for(district("Thanh Hóa/Thọ Xuân"), "2011", "2023")
    assert progress.text.startswith(
        "Năm 2011 bình quân đạt 5,59 tiêu chí/xã; đến năm 2018 có 100% số xã đạt chuẩn NTM."
    )


def test_the_summary_ranks_quan_son_24th_of_27_with_reported_figures_where_detail_is_missing(
    demo_loaded,  # noqa: F811
):
    from ntm.reportsdata.gather import summary_for

    quan_son = summary_for(district("Thanh Hóa/Quan Sơn"), "2023-03")
    rank = quan_son.to_json()["rank"]
    # Seed 004: "huyện Quan Sơn đứng thứ 24 trong 27 huyện, thị xã, thành phố trong tỉnh". The
    # other 25 districts rank on their reported (demo) figures; Đông Sơn (merged into
    # Thanh Hóa city in 2024) comes from the demo's unit-history file: 27 in 2023.
    assert (rank["position"], rank["of"], rank["siblings_total"]) == (24, 27, 27)
    assert "Quan Sơn đứng thứ 24/27 huyện, thị xã, thành phố trong tỉnh Thanh Hóa" in quan_son.text
    assert len(rank["reported"]) == 25 and all(
        "không chính thức" in r["source"] for r in rank["reported"]
    )
    assert (
        "Xếp hạng dùng số liệu báo cáo (không tính từ số liệu chi tiết) của 25/27" in quan_son.text
    )
    assert any("Đông Sơn" in note for note in quan_son.notes)
    assert (
        quan_son.to_json()["since"] == "2022"
        and "So với cuối năm 2022 (kỳ so sánh mặc định)" in quan_son.text
    )
    tho_xuan = summary_for(district("Thanh Hóa/Thọ Xuân"), "2023-02").to_json()["rank"]
    assert (tho_xuan["position"], tho_xuan["of"]) == (
        1,
        27,
    )  # 100% NTM, tied with the other full districts


def test_before_the_reported_figures_only_districts_with_data_are_ranked(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import summary_for

    rank = summary_for(district("Thanh Hóa/Quan Sơn"), "2022-06").to_json()["rank"]
    # Districts without values or reported figures are not counted at 0%.
    assert (rank["position"], rank["of"], rank["siblings_total"]) == (2, 2, 27)
    assert "reported" not in rank


def test_the_progress_of_tho_xuan_marks_years_without_new_values(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import progress_for

    data = progress_for(district("Thanh Hóa/Thọ Xuân"), "2011", "2023").to_json()
    # 2019 has district values only: the commune figures are still carried forward.
    assert data["carried_forward_periods"] == [
        "2012",
        "2013",
        "2014",
        "2016",
        "2017",
        "2019",
        "2020",
    ]
    assert (
        "Các năm 2012, 2013, 2014, 2016, 2017, 2019 và 2020 không có số liệu mới (số liệu kỳ "
        "trước)." in data["text"]
    )
