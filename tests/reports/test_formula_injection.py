"""Names and notes that look like formulas stay text in every XLSX export (reports, template)
and get an apostrophe in CSV cells: a hostile ``=HYPERLINK(…)`` never runs in an office's Excel."""

from __future__ import annotations

import zipfile

import pytest

from ntm.cli import main
from ntm.reports.render.cells import csv_safe

pytestmark = pytest.mark.django_db
HOSTILE = '=HYPERLINK("http://attacker.example/x","Bấm vào đây")'


def _formulas(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


@pytest.fixture
def hostile_commune(units):
    units.commune.name = HOSTILE
    units.commune.save(update_fields=["name"])
    return units.commune


def test_a_review_workbook_writes_a_formula_looking_name_as_text(hostile_commune, tmp_path):
    from openpyxl import load_workbook

    from ntm.assessments.services import do_set_value

    do_set_value(
        unit=hostile_commune,
        set_code="xa-ntm-2021-2025",
        indicator_code="2.1",
        period="2023",
        raw="95",
        source="form",
        author=None,
    )
    out = tmp_path / "review.xlsx"
    assert (
        main(
            [
                "report",
                "review",
                "93894",
                "--period",
                "2023",
                "--set",
                "xa-ntm-2021-2025",
                "--format",
                "xlsx",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert _formulas(out) == []
    texts = [
        c.value
        for ws in load_workbook(out)
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert any(HOSTILE in t for t in texts)


def test_the_import_template_writes_a_formula_looking_name_as_text(hostile_commune, tmp_path):
    out = tmp_path / "mau.xlsx"
    assert main(["template", "xa-ntm-2021-2025", "93894", "-o", str(out), "--period", "2023"]) == 0
    assert _formulas(out) == []


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-5", "-5"),
        ("-", "-"),
        ("+84 912 345 678", "+84 912 345 678"),
        ("Xuân Hòa", "Xuân Hòa"),
        (12, 12),
    ],
)
def test_csv_cells_that_would_run_as_formulas_get_an_apostrophe(cell, safe):
    assert csv_safe(cell) == safe
