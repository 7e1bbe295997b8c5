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
        UnitStanding(f"c{i}", f"Xã {i}", "ntm" if n == 19 else None, {SETS.ntm: n, SETS.advanced: a})
        for i, (n, a) in enumerate(zip(ntm, advanced, strict=True))
    ]


def quan_son_villages(ntm: int, model: int) -> list[UnitStanding]:
    """70 villages: ``model`` model, ``ntm - model`` NTM only, the rest none; 495 criteria in all."""
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
        "Kết quả lũy kế đến 31/3/2023: toàn huyện Quan Sơn có 02/11 xã đạt chuẩn NTM (18,18%), trong đó "
        "00 xã đạt chuẩn NTM nâng cao, 00 xã đạt chuẩn NTM kiểu mẫu; 56/70 bản đạt chuẩn NTM, 09 bản "
        "đạt chuẩn NTM kiểu mẫu."
    )
    assert lines[1] == (
        "Bình quân toàn huyện Quan Sơn đạt 6,36 tiêu chí NTM/xã, 2,82 tiêu chí NTM nâng cao/xã; "
        "7,07 tiêu chí NTM/bản."
    )


def test_it_reports_changes_since_an_earlier_period():
    summary = quan_son_summary()
    assert "So với tháng 1/2021: có thêm 05 bản đạt chuẩn NTM, 02 bản đạt chuẩn NTM kiểu mẫu." in summary.text
    assert summary.to_json()["changes"]["villages"] == {"ntm": 5, "model": 2}


def test_it_ranks_the_unit_among_its_siblings_by_share_of_ntm_communes():
    summary = quan_son_summary()
    assert "Quan Sơn đứng thứ 24/27 huyện, thị xã, thành phố trong tỉnh Thanh Hóa về tỷ lệ xã đạt chuẩn NTM." in summary.text
    assert summary.to_json()["rank"]["position"] == 24


def test_tied_siblings_share_a_rank():
    shares = [SiblingShare("a", "A", 10, 5), SiblingShare("b", "B", 4, 2), SiblingShare("c", "C", 10, 9)]
    assert rank_by_ntm_share("b", shares).position == 2
    assert rank_by_ntm_share("a", shares).position == 2
    assert rank_by_ntm_share("zz", shares) is None


def test_figures_other_modules_will_provide_read_no_data_never_zero():
    summary = quan_son_summary()
    assert "Sản phẩm OCOP: chưa có dữ liệu." in summary.text
    assert "OCOP products: no data." in summary.text_en
    data = json.loads(json.dumps(summary.to_json(), ensure_ascii=False))
    assert data["not_yet_available"] == {"ocop_products": None, "funds_mobilised": None, "physical_outputs": None}
    assert data["average_criteria"]["commune_ntm"] == {"value": 6.36, "units": 11}
    provided = build_summary(QUAN_SON, summary.figures, provided={"ocop_products": 3})
    assert "Sản phẩm OCOP: 3." in provided.text


def test_progress_tells_the_seed_000_story_from_average_criteria_to_all_communes_at_ntm():
    def year(y: int, criteria: list[int]) -> object:
        communes = [UnitStanding(f"c{i}", f"Xã {i}", "ntm" if n == 19 else None, {SETS.ntm: n}) for i, n in enumerate(criteria)]
        return programme_figures(str(y), communes, [], SETS)

    points = [year(2018, [19] * 5), year(2011, [5, 6, 6, 5, 6]), year(2015, [19, 19, 12, 10, 9])]
    progress = build_progress(UnitRef("380", "Thọ Xuân", "huyện"), points)
    assert progress.text == "Năm 2011 bình quân đạt 5,6 tiêu chí/xã; đến năm 2018 có 100% số xã đạt chuẩn NTM."
    data = progress.to_json()
    assert data["periods"] == ["2011", "2015", "2018"]
    share = next(s for s in data["chart"]["series"] if s["key"] == "ntm_share")
    assert share["values"] == [0.0, 40.0, 100.0]
    assert "by 2018 every commune had reached NTM" in progress.text_en
