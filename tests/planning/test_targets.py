"""Targets from the engine's results: progress, projection, at-risk, the summary's section,
the file kind."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ntm.cli import main
from ntm.imports.service import run_import
from ntm.planning.models import Target
from ntm.planning.services import do_create_target
from ntm.planning.targets import progress_of
from tests.planning.conftest import PERIOD, enter


@pytest.mark.django_db
def test_a_count_target_counts_the_communes_at_the_level(units):
    enter(units.commune, {})
    enter(units.sibling_commune, {"2.1": "80"})
    target = do_create_target(
        unit=units.district,
        kind="count",
        level="ntm",
        count=2,
        due=date(2023, 12, 31),
        decision="NQ số 01-NQ/HU",
        author=None,
    )
    progress = progress_of(target, PERIOD)
    assert (progress.current, progress.goal) == (1, 2)
    assert progress.state == "at_risk"


@pytest.mark.django_db
def test_a_unit_target_counts_the_criteria_of_the_levels_set(units):
    enter(units.commune, {"2.1": "80"})
    target = do_create_target(
        unit=units.commune,
        kind="unit",
        level="ntm",
        due=date(2023, 12, 31),
        decision="KH 12",
        author=None,
    )
    progress = progress_of(target, PERIOD)
    assert (progress.current, progress.goal) == (18, 19)


@pytest.mark.django_db
def test_the_summary_gains_a_targets_section_only_when_the_unit_has_targets(units, capsys):
    enter(units.commune, {})
    assert main(["report", "summary", "93894", "--period", PERIOD, "--format", "json"]) == 0
    assert "targets" not in json.loads(capsys.readouterr().out)
    do_create_target(
        unit=units.district,
        kind="count",
        level="ntm",
        count=1,
        due=date(2023, 12, 31),
        decision="NQ 01",
        author=None,
    )
    assert main(["report", "summary", "93894", "--period", PERIOD, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["targets"] == [
        {
            "unit": "93894",
            "kind": "count",
            "level": "ntm",
            "goal": 1.0,
            "due": "2023-12-31",
            "decision": "NQ 01",
            "current": 1.0,
            "projected": data["targets"][0]["projected"],
            "state": "met",
            "at_risk": False,
        }
    ]
    assert main(["report", "summary", "93894", "--period", PERIOD]) == 0
    assert (
        "Mục tiêu (NQ 01): 1 xã đạt chuẩn NTM trước 31/12/2023: hiện 1/1, đã đạt."
        in capsys.readouterr().out
    )


@pytest.mark.django_db
def test_a_target_file_is_imported_all_or_nothing(units, tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "unit,level,due,decision,count\n93894,model,31/12/2025,NQ 01,17\n"
        "9389401,advanced,2024-01-01,KH 5,\n",
        encoding="utf-8",
    )
    assert run_import(path).created == 2
    assert {(t.unit.code, t.kind, t.level, t.count) for t in Target.objects.all()} == {
        ("93894", "count", "model", 17),
        ("9389401", "unit", "advanced", None),
    }
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "unit,level,due,decision,count\n93894,gold,2025-12-31,NQ,1\n93894,ntm,2025-12-31,NQ,0\n",
        encoding="utf-8",
    )
    outcome = run_import(bad)
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "level"), (3, "count")]
    assert Target.objects.count() == 2
