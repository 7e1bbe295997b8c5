"""``ntm consistency``: published figures from a file, checked by the same arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

from ntm.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "seed-002-ntm.yaml"


def test_seed_002_published_figures_are_found_contradictory(capsys):
    assert main(["consistency", str(EXAMPLE), "--set", "xa-ntm-2021-2025", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["consistent"] is False
    messages = " ".join(f["message"] for f in report["findings"])
    assert "tối đa 53/57 chỉ tiêu" in messages and "là 34, ít hơn 37" in messages


def test_figures_that_fit_are_said_to_be_consistent(tmp_path, capsys):
    path = tmp_path / "ok.yaml"
    path.write_text(
        "criteria_total: 3\ngroups:\n  - {communes: 2, criteria_met: 2}\n"
        "unmet_by_criterion: {1: 1, 3: 1}\n",
        encoding="utf-8",
    )
    assert main(["consistency", str(path)]) == 0
    assert "nhất quán" in capsys.readouterr().out


def test_a_file_without_totals_is_bad_input(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("groups: []\n", encoding="utf-8")
    assert main(["consistency", str(path)]) == 1
    assert "criteria_total" in capsys.readouterr().err
