"""``ntm report``: review, summary and progress from stored values, in every format."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

from ntm.cli import main
from tests.assessments.helpers import passing_rows

NTM = "xa-ntm-2021-2025"


@pytest.fixture
def tho_xuan(units, tmp_path):
    """Xuân Hòa meets every NTM indicator; Xuân Minh fails 2.1 and lacks 1.2; Quan Sơn has no
    values. Loaded the way users load them: a CSV through ``ntm import``."""
    xuan_minh = dict(passing_rows(NTM, units.sibling_commune, "2023-05"))
    xuan_minh["2.1"] = "80"
    del xuan_minh["1.2"]
    path = tmp_path / "values.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit", "period", "set", "indicator", "value"])
        for unit, rows in (
            (units.commune, dict(passing_rows(NTM, units.commune, "2023-05"))),
            (units.sibling_commune, xuan_minh),
        ):
            writer.writerows([unit.code, "2023-05", NTM, code, raw] for code, raw in rows.items())
    assert main(["import", str(path)]) == 0
    return units


def run_json(capsys, *argv: str) -> dict:
    assert main(["report", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_review_groups_the_communes_with_values_under_the_district(tho_xuan, capsys):
    data = run_json(capsys, "review", "Thanh Hoá/Thọ Xuân", "--period", "2023-05", "--set", NTM)

    assert data["unit"] == {"code": "93894", "name": "Thọ Xuân"}
    assert [(g["criteria_met"], g["names"]) for g in data["groups"]] == [
        (19, ["Xuân Hòa"]),
        (17, ["Xuân Minh"]),
    ]
    xuan_minh = next(c for c in data["communes"] if c["name"] == "Xuân Minh")
    assert (xuan_minh["unmet_criteria"], xuan_minh["missing_criteria"]) == ([2], [1])
    assert xuan_minh["missing_indicators"] == ["1.2"]
    assert [(u["criterion"], u["communes"]) for u in data["unmet_by_criterion"]] == [(2, 1)]
    assert next(c for c in data["communes"] if c["name"] == "Xuân Hòa")["level"] == "ntm"


@pytest.mark.django_db
def test_review_text_is_the_vietnamese_narrative(tho_xuan, capsys):
    assert main(["report", "review", "93894", "--period", "2023-05"]) == 0

    out = capsys.readouterr().out
    assert (
        "Qua rà soát xã Xuân Hòa đạt 19/19 tiêu chí, 57/57 chỉ tiêu; xã Xuân Minh đạt 17/19 tiêu "
        "chí" in out
    )
    assert "Tiêu chí số 2 - Giao thông có 01 xã chưa đạt" in out


@pytest.mark.django_db
def test_review_xlsx_holds_the_same_numbers_as_the_json(tho_xuan, capsys, tmp_path):
    data = run_json(capsys, "review", "93894", "--period", "2023-05")
    path = tmp_path / "review.xlsx"
    assert (
        main(
            [
                "report",
                "review",
                "93894",
                "--period",
                "2023-05",
                "--format",
                "xlsx",
                "-o",
                str(path),
            ]
        )
        == 0
    )

    ws = load_workbook(path)["Xã x tiêu chí"]
    rows = {
        r[1]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[0] and isinstance(r[0], int)
    }
    for commune in data["communes"]:
        assert rows[commune["name"]][21:23] == (commune["criteria_met"], commune["indicators_met"])


@pytest.mark.django_db
def test_review_pdf_is_written_to_the_file(tho_xuan, tmp_path):
    path = tmp_path / "review.pdf"
    assert (
        main(
            ["report", "review", "93894", "--period", "2023-05", "--format", "pdf", "-o", str(path)]
        )
        == 0
    )
    assert path.read_bytes()[:5] == b"%PDF-"


@pytest.mark.django_db
def test_summary_counts_levels_and_ranks_the_district_among_those_with_data(tho_xuan, capsys):
    data = run_json(capsys, "summary", "93894", "--period", "2023-05", "--since", "2022")

    assert data["communes"]["total"] == 2 and data["communes"]["ntm"] == 1
    assert data["average_criteria"]["commune_ntm"] == {"value": 18.0, "units": 2, "of": 2}
    # Quan Sơn has no values: it is not ranked at 0%, and the text says how many were ranked.
    assert (data["rank"]["position"], data["rank"]["of"], data["rank"]["siblings_total"]) == (
        1,
        1,
        2,
    )
    assert data["changes"]["communes"]["ntm"] == 1
    assert (
        "đứng thứ 1/1 huyện, thị xã, thành phố có số liệu trong tỉnh Thanh Hóa "
        "(tỉnh có 2 huyện, thị xã, thành phố)"
    ) in data["text"]
    assert data["not_yet_available"]["ocop_products"] is None
    assert data["since"] == "2022" and data["since_default"] is False


@pytest.mark.django_db
def test_a_sibling_not_valid_at_the_period_is_not_counted(tho_xuan, capsys):
    from datetime import date

    from tests.conftest import make_unit

    gone = make_unit(
        "93899", "Đông Sơn", "district", tho_xuan.province, valid_to=date(2020, 12, 31)
    )
    make_unit("9389901", "Đông Xuân", "commune", gone)
    later = make_unit(
        "93898", "Huyện Mới", "district", tho_xuan.province, valid_from=date(2024, 1, 1)
    )
    make_unit("9389801", "Xã Mới", "commune", later)

    rank = run_json(capsys, "summary", "93894", "--period", "2023-05")["rank"]

    assert (rank["position"], rank["of"], rank["siblings_total"]) == (1, 1, 2)


@pytest.mark.django_db
def test_summary_without_since_compares_with_the_end_of_the_previous_year(tho_xuan, capsys):
    data = run_json(capsys, "summary", "93894", "--period", "2023-05")

    assert data["since"] == "2022" and data["since_default"] is True
    assert data["earlier"]["period"] == "2022" and data["changes"]["communes"]["ntm"] == 1
    assert (
        "So với cuối năm 2022 (kỳ so sánh mặc định): có thêm 01 xã đạt chuẩn NTM." in data["text"]
    )
    assert (
        "Compared with the end of 2022 (default comparison period): +1 communes at NTM."
        in data["text_en"]
    )


@pytest.mark.django_db
def test_summary_notes_say_levels_come_from_data_not_recognition_decisions(tho_xuan, capsys):
    data = run_json(capsys, "summary", "93894", "--period", "2023-05")

    note = "Mức đạt tính từ số liệu theo bộ tiêu chí, không phải quyết định công nhận."
    assert data["notes"][0] == note and f"Ghi chú: {note}" in data["text"]
    assert data["notes_en"][0].startswith("Levels are computed from the data")
    assert any(
        "Đông Sơn" in n for n in data["notes"]
    )  # units have no start date: the list is a snapshot
    assert any(
        "No value is dated within 2022" in n for n in data["notes_en"]
    )  # the comparison year has none


@pytest.mark.django_db
def test_progress_gives_one_point_per_month(tho_xuan, capsys):
    data = run_json(capsys, "progress", "93894", "--from", "2023-04", "--to", "2023-05")

    assert data["periods"] == ["2023-04", "2023-05"]
    assert [r["communes"]["ntm"] for r in data["rows"]] == [0, 1]


@pytest.mark.django_db
def test_progress_marks_periods_whose_figures_are_carried_forward(tho_xuan, capsys):
    data = run_json(capsys, "progress", "93894", "--from", "2023-05", "--to", "2023-07")

    assert [r["carried_forward"] for r in data["rows"]] == [False, True, True]
    assert data["carried_forward_periods"] == ["2023-06", "2023-07"]
    assert [r["communes"]["ntm"] for r in data["rows"]] == [1, 1, 1]
    assert "Các tháng 6/2023 và 7/2023 không có số liệu mới (số liệu kỳ trước)." in data["text"]
    assert main(["report", "progress", "93894", "--from", "2023-05", "--to", "2023-06"]) == 0
    assert "2023-06 (số liệu kỳ trước)" in capsys.readouterr().out


@pytest.mark.django_db
def test_communes_without_values_read_no_data_and_are_left_out_of_the_averages(tho_xuan, capsys):
    from tests.conftest import make_unit

    make_unit("9389403", "Xuân Trường", "commune", tho_xuan.district)

    data = run_json(capsys, "summary", "93894", "--period", "2023-05")

    assert data["communes"]["total"] == 3 and data["communes"]["no_data"] == 1
    assert data["average_criteria"]["commune_ntm"] == {"value": 18.0, "units": 2, "of": 3}
    assert (
        "Số bình quân tính trên các đơn vị có số liệu cập nhật trong 12 tháng: 02/03 xã "
        "(bộ tiêu chí NTM)" in data["text"]
    )
    assert "Chưa có số liệu: 01/03 xã, 01/01 thôn (không tính vào số bình quân)." in data["text"]
    progress = run_json(capsys, "progress", "93894", "--from", "2023-05", "--to", "2023-05")
    no_data = next(s for s in progress["chart"]["series"] if s["key"] == "communes_no_data")
    assert no_data["values"] == [1]


@pytest.mark.django_db
def test_an_unknown_unit_is_bad_input_and_a_missing_period_is_a_usage_error(tho_xuan, capsys):
    assert main(["report", "review", "Thanh Hoá/Không Có", "--period", "2023-05"]) == 1
    assert main(["report", "review", "93894"]) == 2
    assert main(["report", "review", "93894", "--period", "2023-05", "--set", "khong-co"]) == 1


@pytest.mark.django_db
def test_pending_review_leaves_out_communes_already_at_the_sets_standard(tho_xuan, capsys):
    data = run_json(capsys, "review", "93894", "--period", "2023-05", "--pending")

    assert [c["name"] for c in data["communes"]] == ["Xuân Minh"]
    assert data["scope"] == "pending"


def test_the_format_follows_the_output_suffix_and_may_not_contradict_it(tho_xuan, tmp_path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "ra-soat.xlsx"
    assert main(["report", "review", "93894", "--period", "2023-05", "-o", str(target)]) == 0
    assert load_workbook(target).sheetnames
    assert (
        main(
            [
                "report",
                "review",
                "93894",
                "--period",
                "2023-05",
                "--format",
                "pdf",
                "-o",
                str(target),
            ]
        )
        == 2
    )
    assert "không khớp với đuôi tệp" in capsys.readouterr().err


@pytest.mark.django_db
def test_summary_averages_count_the_communes_the_review_lists(tho_xuan, capsys):
    """One rule for "current" (``Outcome.is_current``): at 2024-07 Xuân Hòa's values are 14
    months old, so the review lists only Xuân Minh (who entered a value in 2024-06) and the
    summary's average counts only her; Xuân Hòa keeps her level by data and is not "no data"."""
    from ntm.assessments.services import do_set_value

    do_set_value(
        unit=tho_xuan.sibling_commune,
        set_code=NTM,
        indicator_code="2.1",
        period="2024-06",
        raw="80",
        source="test",
        author=None,
    )

    review = run_json(capsys, "review", "93894", "--period", "2024-07", "--set", NTM)
    summary = run_json(capsys, "summary", "93894", "--period", "2024-07")

    listed = [c["criteria_met"] for c in review["communes"]]
    assert [c["name"] for c in review["communes"]] == ["Xuân Minh"]
    assert summary["average_criteria"]["commune_ntm"] == {
        "value": sum(listed) / len(listed),
        "units": len(listed),
        "of": 2,
    }
    # Xuân Hòa's values are old, not absent: she is no "no data" commune
    assert summary["communes"]["no_data"] == 0
