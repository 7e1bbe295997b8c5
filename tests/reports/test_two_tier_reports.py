"""Reports on the two-tier structure (from 1 July 2025): a province's communes directly, no
district tier, measured against Decision 51/2025 with thresholds by commune group."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from ntm.cli import main
from tests.assessments.helpers import passing_rows
from tests.conftest import make_unit

NEW_SET = "xa-ntm-2026-2030"
pytestmark = pytest.mark.django_db


@pytest.fixture
def new_thanh_hoa(units, tmp_path):
    """The post-2025 Thanh Hóa (same code as the old one) with two communes straight under it:
    Thọ Xuân (group 2) meets every indicator, Xuân Hòa (group 3) fails income."""
    province = make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    tho_xuan = make_unit(
        "9381",
        "Thọ Xuân",
        "commune",
        province,
        era="2025",
        valid_from=date(2025, 7, 1),
        commune_group="2",
    )
    xuan_hoa = make_unit(
        "9382",
        "Xuân Hòa",
        "commune",
        province,
        era="2025",
        valid_from=date(2025, 7, 1),
        commune_group="3",
    )
    failing = dict(passing_rows(NEW_SET, xuan_hoa, "2026"))
    failing["3.1"] = "20"
    path = tmp_path / "values.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit", "period", "set", "indicator", "value"])
        for unit, rows in (
            (tho_xuan, dict(passing_rows(NEW_SET, tho_xuan, "2026"))),
            (xuan_hoa, failing),
        ):
            writer.writerows([unit.code, "2026", NEW_SET, code, raw] for code, raw in rows.items())
    assert main(["import", str(path)]) == 0
    return province


def _json(capsys, *argv: str) -> dict:
    assert main(["report", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_post_2025_province_review_lists_its_communes_directly(new_thanh_hoa, capsys):
    review = _json(capsys, "review", "Thanh Hóa", "--period", "2026", "--set", NEW_SET)
    assert review["unit"]["code"] == "938"
    assert {c["code"]: c["criteria_met"] for c in review["communes"]} == {"9381": 10, "9382": 9}
    assert review["complete"] is True
    assert review["set"]["indicators"] == 47


def test_a_post_2025_province_summary_and_progress_count_its_communes(new_thanh_hoa, capsys):
    summary = _json(capsys, "summary", "938", "--period", "2026")
    assert summary["unit"]["code"] == "938"
    assert "toàn tỉnh Thanh Hóa có 01/02 xã đạt chuẩn NTM (50%)" in summary["text"]
    progress = _json(capsys, "progress", "938", "--from", "2026", "--to", "2026")
    assert progress["unit"]["code"] == "938"


def test_the_old_district_tier_is_reported_on_its_own_dates(new_thanh_hoa, units, capsys):
    review = _json(capsys, "review", "938", "--period", "2026", "--set", NEW_SET)
    assert {c["code"] for c in review["communes"]} == {"9381", "9382"}
    old = _json(capsys, "review", "938", "--period", "2023-05", "--set", "xa-ntm-2021-2025")
    assert old["unit"]["code"] == "938" and old["communes"] == []


def test_a_province_completing_the_programme_counts_its_communes_directly(new_thanh_hoa, capsys):
    assert (
        main(
            [
                "evaluate",
                "938",
                "--period",
                "2026",
                "--set",
                "tinh-hoan-thanh-ntm-2026-2030",
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)["sets"][0]
    assert result["unit"] == "938"
    shares = [i for c in result["criteria"] for i in c["indicators"] if i["code"] == "0.1"]
    assert shares[0]["value"] == 50.0 and shares[0]["status"] == "unmet"


def test_the_modern_commune_pilot_takes_income_above_the_ntm_threshold_of_the_group(
    new_thanh_hoa, capsys
):
    assert (
        main(
            ["evaluate", "9381", "--period", "2026", "--set", "xa-ntm-hien-dai-2026-2030", "--json"]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)["sets"][0]
    income = [i for c in result["criteria"] for i in c["indicators"] if i["code"] == "2.1"][0]
    assert income["threshold"] == pytest.approx(90.0)
