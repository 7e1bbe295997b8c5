"""The import benchmark runs end to end on a tiny synthetic country (speed is not asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_benchmark_reports_each_step_against_its_floor():
    sys.path.insert(0, str(ROOT))
    from bench.bench_import import bench_import

    rows = bench_import(n_communes=20)

    steps = [r["step"] for r in rows]
    assert steps[0].startswith("floor: plain csv parse of 1,500 rows")
    assert "1,500 created" in steps[1] and "1,500 unchanged" in steps[2]
    assert steps[3].startswith("floor: plain SELECT of the same 1,500 rows")
    assert all(r["seconds"] > 0 and r["ratio"] > 0 for r in rows)
