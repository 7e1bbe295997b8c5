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
        for unit, rows in ((units.commune, dict(passing_rows(NTM, units.commune, "2023-05"))),
                           (units.sibling_commune, xuan_minh)):
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
    assert [(g["criteria_met"], g["names"]) for g in data["groups"]] == [(19, ["Xuân Hòa"]), (17, ["Xuân Minh"])]
    xuan_minh = next(c for c in data["communes"] if c["name"] == "Xuân Minh")
    assert (xuan_minh["unmet_criteria"], xuan_minh["missing_criteria"]) == ([2], [1])
    assert xuan_minh["missing_indicators"] == ["1.2"]
    assert [(u["criterion"], u["communes"]) for u in data["unmet_by_criterion"]] == [(2, 1)]
    assert next(c for c in data["communes"] if c["name"] == "Xuân Hòa")["level"] == "ntm"


@pytest.mark.django_db
def test_review_text_is_the_vietnamese_narrative(tho_xuan, capsys):
    assert main(["report", "review", "93894", "--period", "2023-05"]) == 0

    out = capsys.readouterr().out
    assert "Qua rà soát xã Xuân Hòa đạt 19/19 tiêu chí, 57/57 chỉ tiêu; xã Xuân Minh đạt 17/19 tiêu chí" in out
    assert "Tiêu chí số 2 - Giao thông có 01 xã chưa đạt" in out


@pytest.mark.django_db
def test_review_xlsx_holds_the_same_numbers_as_the_json(tho_xuan, capsys, tmp_path):
    data = run_json(capsys, "review", "93894", "--period", "2023-05")
    path = tmp_path / "review.xlsx"
    assert main(["report", "review", "93894", "--period", "2023-05", "--format", "xlsx", "-o", str(path)]) == 0

    ws = load_workbook(path)["Xã x tiêu chí"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[0] and isinstance(r[0], int)}
    for commune in data["communes"]:
        assert rows[commune["name"]][21:23] == (commune["criteria_met"], commune["indicators_met"])


@pytest.mark.django_db
def test_review_pdf_is_written_to_the_file(tho_xuan, tmp_path):
    path = tmp_path / "review.pdf"
    assert main(["report", "review", "93894", "--period", "2023-05", "--format", "pdf", "-o", str(path)]) == 0
    assert path.read_bytes()[:5] == b"%PDF-"


@pytest.mark.django_db
def test_summary_counts_levels_and_ranks_the_district_in_its_province(tho_xuan, capsys):
    data = run_json(capsys, "summary", "93894", "--period", "2023-05", "--since", "2022")

    assert data["communes"]["total"] == 2 and data["communes"]["ntm"] == 1
    assert data["average_criteria"]["commune_ntm"] == {"value": 18.0, "units": 2}
    assert data["rank"]["position"] == 1 and data["rank"]["of"] == 2
    assert data["changes"]["communes"]["ntm"] == 1
    assert "đứng thứ 1/2 huyện, thị xã, thành phố trong tỉnh Thanh Hóa" in data["text"]
    assert data["not_yet_available"]["ocop_products"] is None


@pytest.mark.django_db
def test_progress_gives_one_point_per_month(tho_xuan, capsys):
    data = run_json(capsys, "progress", "93894", "--from", "2023-04", "--to", "2023-05")

    assert data["periods"] == ["2023-04", "2023-05"]
    assert [r["communes"]["ntm"] for r in data["rows"]] == [0, 1]


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
