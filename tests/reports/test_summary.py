"""The programme summary and progress reproduce seeds 004 and 000."""

from __future__ import annotations

import json

from ntm.reports.progress import build_progress
from ntm.reports.review import UnitRef
from ntm.reports.summary import (
    SiblingShare,
    SummarySets,
    UnitStanding,
    build_summary,
    programme_figures,
    rank_by_ntm_share,
)

QUAN_SON = UnitRef("384", "Quan Sơn", "huyện")
THANH_HOA = UnitRef("38", "Thanh Hóa", "tỉnh")
SETS = SummarySets("xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025", "thon-ntm-mau")


def quan_son_communes() -> list[UnitStanding]:
    """11 communes, 2 at NTM; 70 NTM criteria and 31 advanced criteria met in all."""
    ntm = [19, 19, 4, 4, 4, 4, 4, 3, 3, 3, 3]
    advanced = [10, 9, 2, 2, 2, 2, 1, 1, 1, 1, 0]
    return [
        UnitStanding(
            f"c{i}", f"Xã {i}", "ntm" if n == 19 else None, {SETS.ntm: n, SETS.advanced: a}
        )
        for i, (n, a) in enumerate(zip(ntm, advanced, strict=True))
    ]


def quan_son_villages(ntm: int, model: int) -> list[UnitStanding]:
    """70 villages: ``model`` model, ``ntm - model`` NTM only, the rest none; 495 criteria in
    all."""
    levels = ["model"] * model + ["ntm"] * (ntm - model) + [None] * (70 - ntm)
    return [
        UnitStanding(f"v{i}", f"Bản {i}", level, {SETS.village: 8 if i < 5 else 7})
        for i, level in enumerate(levels)
    ]


def siblings() -> list[SiblingShare]:
    """Quan Sơn (2/11) behind 23 districts with larger shares and ahead of 3."""
    better = [SiblingShare(f"d{i}", f"Huyện {i}", 10, 5 + i % 5) for i in range(23)]
    worse = [SiblingShare(f"w{i}", f"Huyện W{i}", 10, 1) for i in range(3)]
    return [*better, SiblingShare("384", "Quan Sơn", 11, 2), *worse]


def quan_son_summary():
    now = programme_figures("2023-03", quan_son_communes(), quan_son_villages(56, 9), SETS)
    earlier = programme_figures("2021-01", quan_son_communes(), quan_son_villages(51, 7), SETS)
    rank = rank_by_ntm_share("384", siblings(), THANH_HOA, "huyện, thị xã, thành phố")
    return build_summary(QUAN_SON, now, earlier=earlier, rank=rank, village_word="bản")


def test_it_counts_levels_cumulatively_and_averages_criteria_like_seed_004():
    lines = quan_son_summary().text.splitlines()
    assert lines[0] == (
        "Kết quả lũy kế đến 31/3/2023: toàn huyện Quan Sơn có 02/11 xã đạt chuẩn NTM (18,18%), "
        "trong đó 00 xã đạt chuẩn NTM nâng cao, 00 xã đạt chuẩn NTM kiểu mẫu; 56/70 bản đạt chuẩn "
        "NTM, 09 bản đạt chuẩn NTM kiểu mẫu."
    )
    assert lines[1] == (
        "Bình quân toàn huyện Quan Sơn đạt 6,36 tiêu chí NTM/xã, 2,82 tiêu chí NTM nâng cao/xã; "
        "7,07 tiêu chí NTM/bản."
    )


def test_it_reports_changes_since_an_earlier_period():
    summary = quan_son_summary()
    assert (
        "So với tháng 1/2021: có thêm 05 bản đạt chuẩn NTM, 02 bản đạt chuẩn NTM kiểu mẫu."
        in summary.text
    )
    assert summary.to_json()["changes"]["villages"] == {"ntm": 5, "model": 2}


def test_it_ranks_the_unit_among_its_siblings_by_share_of_ntm_communes():
    summary = quan_son_summary()
    assert (
        "Quan Sơn đứng thứ 24/27 huyện, thị xã, thành phố trong tỉnh Thanh Hóa về tỷ lệ xã đạt "
        "chuẩn NTM." in summary.text
    )
    assert summary.to_json()["rank"]["position"] == 24


def test_tied_siblings_share_a_rank():
    shares = [
        SiblingShare("a", "A", 10, 5),
        SiblingShare("b", "B", 4, 2),
        SiblingShare("c", "C", 10, 9),
    ]
    assert rank_by_ntm_share("b", shares).position == 2
    assert rank_by_ntm_share("a", shares).position == 2
    assert rank_by_ntm_share("zz", shares) is None


def test_figures_other_modules_will_provide_read_no_data_never_zero():
    summary = quan_son_summary()
    assert "Sản phẩm OCOP: chưa có dữ liệu." in summary.text
    assert "OCOP products: no data." in summary.text_en
    data = json.loads(json.dumps(summary.to_json(), ensure_ascii=False))
    assert data["not_yet_available"] == {
        "ocop_products": None,
        "funds_mobilised": None,
        "physical_outputs": None,
    }
    assert data["average_criteria"]["commune_ntm"] == {"value": 6.36, "units": 11, "of": 11}
    provided = build_summary(QUAN_SON, summary.figures, provided={"ocop_products": 3})
    assert "Sản phẩm OCOP: 3." in provided.text


def test_progress_tells_the_seed_000_story_from_average_criteria_to_all_communes_at_ntm():
    def year(y: int, criteria: list[int]) -> object:
        communes = [
            UnitStanding(f"c{i}", f"Xã {i}", "ntm" if n == 19 else None, {SETS.ntm: n})
            for i, n in enumerate(criteria)
        ]
        return programme_figures(str(y), communes, [], SETS)

    points = [year(2018, [19] * 5), year(2011, [5, 6, 6, 5, 6]), year(2015, [19, 19, 12, 10, 9])]
    progress = build_progress(UnitRef("380", "Thọ Xuân", "huyện"), points)
    assert (
        progress.text
        == "Năm 2011 bình quân đạt 5,6 tiêu chí/xã; đến năm 2018 có 100% số xã đạt chuẩn NTM."
    )
    data = progress.to_json()
    assert data["periods"] == ["2011", "2015", "2018"]
    share = next(s for s in data["chart"]["series"] if s["key"] == "ntm_share")
    assert share["values"] == [0.0, 40.0, 100.0]
    assert "by 2018 every commune had reached NTM" in progress.text_en


def test_only_siblings_with_data_are_ranked_and_the_text_says_how_many_there_are():
    without_data = [SiblingShare(f"n{i}", f"Huyện N{i}", 12, 0, has_data=False) for i in range(24)]
    shares = [
        SiblingShare("395", "Thọ Xuân", 27, 15),
        SiblingShare("384", "Quan Sơn", 11, 2),
        *without_data,
    ]
    rank = rank_by_ntm_share("384", shares, THANH_HOA, "huyện, thị xã, thành phố", "districts")
    summary = build_summary(QUAN_SON, quan_son_summary().figures, rank=rank, village_word="bản")

    assert (rank.position, rank.of, rank.siblings_total) == (2, 2, 26)
    assert (
        "Quan Sơn đứng thứ 2/2 huyện, thị xã, thành phố có số liệu trong tỉnh Thanh Hóa "
        "(tỉnh có 26 huyện, thị xã, thành phố) về tỷ lệ xã đạt chuẩn NTM."
    ) in summary.text
    assert (
        "Quan Sơn ranks 2 of the 2 districts with data in Thanh Hóa (26 districts in all) "
        "by share of NTM communes."
    ) in summary.text_en
    assert summary.to_json()["rank"] | {"parent": None} == {
        "position": 2,
        "of": 2,
        "among": "siblings_with_data",
        "siblings_with_data": 2,
        "siblings_total": 26,
        "ntm_share": 18.18,
        "by": "ntm_share",
        "parent": None,
    }
    assert rank_by_ntm_share("n0", shares) is None  # a unit with no data is not ranked at all


def test_averages_leave_out_communes_with_no_data_and_say_how_many_are_counted():
    communes = [*quan_son_communes()[:2], UnitStanding("c9", "Xã 9", None, {})]
    figures = programme_figures("2023-03", communes, quan_son_villages(56, 9), SETS)
    summary = build_summary(QUAN_SON, figures, village_word="bản")

    assert figures.average_ntm.to_json() == {"value": 19.0, "units": 2, "of": 3}
    assert figures.to_json()["communes"]["no_data"] == 1
    assert (
        "Số bình quân tính trên các đơn vị có số liệu cập nhật trong 12 tháng: 02/03 xã (bộ "
        "tiêu chí NTM), 02/03 xã (bộ tiêu chí NTM nâng cao), 70/70 bản." in summary.text
    )
    assert "Chưa có số liệu: 01/03 xã (không tính vào số bình quân)." in summary.text
    assert "No data: 1 of 3 communes (left out of the averages)." in summary.text_en


def test_every_summary_notes_that_levels_come_from_data_not_recognition_decisions():
    summary = quan_son_summary()
    note = "Mức đạt tính từ số liệu theo bộ tiêu chí, không phải quyết định công nhận."
    assert summary.to_json()["notes"] == [note]
    assert summary.text.endswith(f"Ghi chú: {note}")
    assert summary.to_json()["notes_en"] == [
        "Levels are computed from the data against the criteria set in force, not from recognition "
        "decisions."
    ]
    extra = build_summary(QUAN_SON, summary.figures, notes=[("Ghi chú riêng.", "Own note.")])
    assert extra.notes == (note, "Ghi chú riêng.") and "Note: Own note." in extra.text_en


def test_a_default_comparison_period_is_named_as_such():
    summary = build_summary(
        QUAN_SON,
        quan_son_summary().figures,
        earlier=programme_figures("2022", quan_son_communes(), quan_son_villages(51, 7), SETS),
        village_word="bản",
        since_default=True,
    )
    assert (
        "So với cuối năm 2022 (kỳ so sánh mặc định): có thêm 05 bản đạt chuẩn NTM, 02 bản đạt "
        "chuẩn NTM kiểu mẫu." in summary.text
    )
    assert (
        "Compared with the end of 2022 (default comparison period): +5 villages at NTM, +2 model "
        "villages." in summary.text_en
    )
    assert (summary.to_json()["since"], summary.to_json()["since_default"]) == ("2022", True)


def test_progress_marks_years_without_new_values_as_carried_forward():
    def year(y: int, criteria: list[int], carried: bool = False):
        communes = [
            UnitStanding(f"c{i}", f"Xã {i}", None, {SETS.ntm: n}) for i, n in enumerate(criteria)
        ]
        return programme_figures(str(y), communes, [], SETS, carried_forward=carried)

    points = [
        year(2011, [5, 6]),
        year(2012, [5, 6], True),
        year(2013, [5, 6], True),
        year(2014, [9, 9]),
    ]
    progress = build_progress(UnitRef("380", "Thọ Xuân", "huyện"), points)
    data = progress.to_json()

    assert [r["carried_forward"] for r in data["rows"]] == [False, True, True, False]
    assert data["carried_forward_periods"] == ["2012", "2013"]
    assert progress.text.endswith("Các năm 2012 và 2013 không có số liệu mới (số liệu kỳ trước).")
    assert "No new values in 2012 and 2013: those figures are carried forward." in progress.text_en
    assert progress.period_labels() == [
        "2011",
        "2012 (số liệu kỳ trước)",
        "2013 (số liệu kỳ trước)",
        "2014",
    ]
    summary = build_summary(QUAN_SON, points[1])
    assert (
        "Không có số liệu nào ghi trong năm 2012: số liệu năm 2012 là số liệu kỳ trước chuyển sang."
        in summary.notes
    )


def test_siblings_ranked_on_reported_figures_are_counted_and_named():
    reported = [
        SiblingShare(f"r{i}", f"Huyện R{i}", 10, 5, reported="Báo cáo tỉnh (mẫu)")
        for i in range(23)
    ]
    low = [
        SiblingShare(f"l{i}", f"Huyện L{i}", 10, 1, reported="Báo cáo tỉnh (mẫu)") for i in range(3)
    ]
    rank = rank_by_ntm_share(
        "384",
        [*reported, SiblingShare("384", "Quan Sơn", 11, 2), *low],
        THANH_HOA,
        "huyện, thị xã, thành phố",
        "districts",
    )
    summary = build_summary(QUAN_SON, quan_son_summary().figures, rank=rank, village_word="bản")

    assert (rank.position, rank.of, rank.siblings_total) == (24, 27, 27)
    assert (
        "Quan Sơn đứng thứ 24/27 huyện, thị xã, thành phố trong tỉnh Thanh Hóa về tỷ lệ xã đạt "
        "chuẩn NTM." in summary.text
    )
    assert (
        "Xếp hạng dùng số liệu báo cáo (không tính từ số liệu chi tiết) của 26/27 huyện, thị xã, "
        "thành phố" in summary.text
    )
    assert (
        "The rank uses reported figures (not computed from detailed data) for 26 of the 27 "
        "districts" in summary.text_en
    )
    assert [r["code"] for r in summary.to_json()["rank"]["reported"]][:2] == ["r0", "r1"]
