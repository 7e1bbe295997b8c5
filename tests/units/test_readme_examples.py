"""The README's import example is imported as printed, onto the national units: a user who
copies it gets values in Thọ Xuân, not an error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.imports.service import run_import

README = Path(__file__).resolve().parents[2] / "README.md"


def _csv_blocks() -> list[str]:
    return re.findall(r"```csv\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_a_csv_example():
    assert _csv_blocks() and _csv_blocks()[0].startswith("unit,period,set,indicator,value")


@pytest.mark.django_db
def test_the_readme_csv_example_imports_onto_communes_of_tho_xuan(national, tmp_path):
    for number, block in enumerate(_csv_blocks()):
        path = tmp_path / f"readme-{number}.csv"
        path.write_text(block, encoding="utf-8")
        outcome = run_import(path)
        assert outcome.ok, outcome.errors
        assert outcome.created == len(block.strip().splitlines()) - 1
    districts = set(
        IndicatorValue.objects.values_list("unit__parent__name", "unit__parent__parent__name")
    )
    assert districts == {("Thọ Xuân", "Thanh Hóa")}
