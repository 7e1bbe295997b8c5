from __future__ import annotations

import json

from ntm.cli import main


def test_the_engine_benchmark_reports_ratios_to_the_floor(capsys):
    assert main(["bench", "--only", "engine", "--communes", "30", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    steps = [r["step"] for r in rows]
    assert steps[0].startswith("floor")
    evaluate = rows[1]
    assert evaluate["verdicts"] == 30 * 75
    assert evaluate["ratio"] > 0
    assert "level reached" in steps[-1]
