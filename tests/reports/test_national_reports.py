"""Reports on the whole country: ``ntm report … VN`` covers the communes of every province, in
the two-tier structure (from 1 July 2025) and in the three-tier one before it."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from ntm.cli import main
from ntm.units.models import AdminUnit
from ntm.units.selectors import (
    UnitLookupError,
    find_report_unit,
    find_unit,
    national_unit,
    subtree,
)
from tests.assessments.helpers import passing_rows
from tests.conftest import make_unit

NEW_SET, OLD_SET = "xa-ntm-2026-2030", "xa-ntm-2021-2025"
NEW = {"era": "2025", "valid_from": date(2025, 7, 1)}
pytestmark = pytest.mark.django_db


@pytest.fixture
def country(units, tmp_path):
    """Two post-2025 provinces with a commune each, and the old three-tier Thanh Hóa (the
    ``units`` fixture: province -> districts -> communes) with values for 2023."""
    provinces = [
        make_unit("938", "Thanh Hóa", "province", **NEW),
        make_unit("901", "Hà Nội", "province", **NEW),
    ]
    new_communes = [
        make_unit("9381", "Thọ Xuân", "commune", provinces[0], commune_group="2", **NEW),
        make_unit("9011", "Sóc Sơn", "commune", provinces[1], commune_group="2", **NEW),
    ]
    rows = [
        (unit.code, period, set_code, code, raw)
        for unit, period, set_code in (
            (new_communes[0], "2026", NEW_SET),
            (new_communes[1], "2026", NEW_SET),
            (units.commune, "2023", OLD_SET),
            (units.other_commune, "2023", OLD_SET),
        )
        for code, raw in passing_rows(set_code, unit, period)
    ]
    path = tmp_path / "values.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit", "period", "set", "indicator", "value"])
        writer.writerows(rows)
    assert main(["import", str(path)]) == 0
    return units


def _json(capsys, *argv: str) -> dict:
    assert main(["report", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_country_review_lists_the_communes_of_every_post_2025_province(country, capsys):
    review = _json(capsys, "review", "VN", "--period", "2026", "--set", NEW_SET)
    assert review["unit"] == {"code": "VN", "name": "Việt Nam"}
    assert {c["code"] for c in review["communes"]} == {"9381", "9011"}


def test_the_country_review_before_the_reform_goes_through_the_districts(country, capsys):
    review = _json(capsys, "review", "Việt Nam", "--period", "2023", "--set", OLD_SET)
    assert {c["code"] for c in review["communes"]} == {"9389401", "9389001"}


def test_the_country_summary_and_progress_count_the_communes_of_every_province(country, capsys):
    summary = _json(capsys, "summary", "VN", "--period", "2026")
    assert summary["unit"]["code"] == "VN"
    assert summary["communes"]["total"] == 2 and summary["communes"]["ntm"] == 2
    progress = _json(capsys, "progress", "toàn quốc", "--from", "2025", "--to", "2026")
    assert progress["unit"]["code"] == "VN" and progress["periods"] == ["2025", "2026"]


def test_the_country_document_is_issued_by_the_central_coordination_office(
    country, capsys, tmp_path
):
    path = tmp_path / "vn.docx"
    argv = ["report", "review", "VN", "--period", "2026", "--set", NEW_SET, "-o", str(path)]
    assert main(argv) == 0
    from docx import Document

    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    for table in Document(str(path)).tables:
        text += "\n".join(cell.text for row in table.rows for cell in row.cells)
    assert "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TRUNG ƯƠNG" in text


def test_the_country_is_a_report_unit_only_and_never_stored(country):
    before = AdminUnit.objects.count()
    assert find_report_unit("vn", on=date(2026, 1, 1)).code == "VN"
    assert find_report_unit("VN", on=date(2024, 1, 1)).era == "2008"
    assert set(
        subtree(national_unit(date(2026, 1, 1)), "commune").values_list("code", flat=True)
    ) == {
        "9381",
        "9011",
    }
    assert AdminUnit.objects.count() == before
    with pytest.raises(UnitLookupError):  # imports and pages resolve with find_unit: no country
        find_unit("VN")
