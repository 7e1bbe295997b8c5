from __future__ import annotations

import json

from ntm.cli import main
from ntm.cli.cmd_bench import LOAD_THINK


def test_the_engine_benchmark_reports_ratios_to_the_floor(capsys):
    assert main(["bench", "--only", "engine", "--communes", "30", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    steps = [r["step"] for r in rows]
    assert steps[0].startswith("floor")
    evaluate = rows[1]
    assert evaluate["verdicts"] == 30 * 75
    assert evaluate["ratio"] > 0
    assert "level reached" in steps[-1]


def test_every_row_has_part_step_seconds_ratio_target_and_ok_in_json(capsys):
    assert main(["bench", "--only", "engine", "--communes", "20", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    for row in rows:
        assert {"part", "step", "seconds", "ratio", "target", "ok"} <= set(row)
        assert row["part"] == "engine"
    evaluate = rows[1]
    assert evaluate["target"] == "< 1 s, ratio <= 1.2"
    assert evaluate["ok"] == (evaluate["seconds"] < 1 and evaluate["ratio"] <= 1.2)
    assert evaluate["verdicts"] == 20 * 75  # a part's own keys are kept
    assert rows[2]["target"] is None and rows[2]["ok"] is None


def test_the_table_shows_every_row_with_its_ratio_and_verdict(capsys):
    assert main(["bench", "--only", "engine", "--communes", "20"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].split() == ["part", "step", "seconds", "per", "s", "ratio", "target", "ok"]
    body = [line for line in lines[2:] if line.startswith("engine ")]
    assert len(body) == 5
    assert "1.00" in body[0] and "< 1 s, ratio <= 1.2" in body[1]
    assert body[1].rstrip().endswith(("OK", "KHÔNG ĐẠT (missed)"))
    assert "ratio = measured / floor" in out.out
    assert "[engine] floor: plain loop" in out.err  # progress, as each row comes


def test_a_target_holds_only_when_every_clause_holds():
    from ntm.cli.cmd_bench import bound_holds

    row = {"seconds": 0.8, "ratio": 6.0, "per_second": 60_000.0}
    assert bound_holds({**row, "target": "< 1 s"}) is True
    assert bound_holds({**row, "target": "< 1 s, ratio < 5"}) is False
    assert bound_holds({**row, "target": ">= 50,000 values/s"}) is True
    assert bound_holds({**row, "target": ">= 150,000 values/s"}) is False
    assert bound_holds({**row, "target": "ratio <= 6"}) is True
    assert bound_holds({"seconds": 0.8, "target": "ratio < 5"}) is None  # no such figure
    assert bound_holds({**row, "target": "fast enough"}) is None
    assert bound_holds(row) is None


def test_the_load_part_refuses_no_users_or_no_time():
    assert main(["bench", "--only", "load", "--users", "0"]) == 2
    assert main(["bench", "--only", "load", "--seconds", "0"]) == 2


def test_the_load_part_refuses_a_negative_pause_and_defaults_to_the_clients_pause():
    assert main(["bench", "--only", "load", "--think", "-1"]) == 2
    from bench.load_client import THINK_SECONDS

    assert LOAD_THINK == THINK_SECONDS
