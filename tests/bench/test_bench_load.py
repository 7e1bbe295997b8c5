"""The load benchmark runs end to end for two seconds with two users: the app under gunicorn on
the suite's database server (a scratch database next to DATABASE_URL on the PostgreSQL pass, a
scratch SQLite file on the SQLite pass). Speed is not asserted; lost writes and errors are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.load_client import FORM_VALUES  # noqa: E402


@pytest.fixture(scope="module")
def load_rows() -> list[dict]:
    """One short run shared by the tests of this module (it costs a server start)."""
    from bench.bench_load import bench_load
    from bench.pgdatabase import given_url

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NTM_WORKERS", "2")  # two users need no more; spares the suite's cores
        database = "postgres" if given_url() else "sqlite"
        return bench_load(n_communes=10, users=2, seconds=2, database=database)


def test_every_accepted_write_is_counted_back_and_nothing_fails(load_rows):
    by_step = {r["step"]: r for r in load_rows}
    assert "load benchmark did not run" not in by_step, load_rows
    throughput = by_step["throughput: accepted writes per second"]
    counted = by_step["accepted writes counted back from the database"]
    errors = by_step["errors (any answer but 2xx, or no answer)"]
    assert errors["count"] == 0, errors["detail"]
    # Each user's first request is a form save, sent before the end; a write is a value.
    assert throughput["count"] >= 2 * FORM_VALUES
    assert f"forms of {FORM_VALUES} values" in throughput["detail"]
    # Every value saved, in the run and in the warm-up (one form per user), is counted back.
    assert counted["accepted"] == throughput["count"] + counted["warm_up"]
    assert counted["warm_up"] == 2 * FORM_VALUES
    assert counted["count"] == counted["accepted"]
    assert counted["ok"] is True, counted["detail"]
    stale = by_step["stored results after the run equal a fresh evaluation"]
    assert stale["ok"] is True and stale["count"] == 0, stale["detail"]


def test_each_request_kind_has_its_percentiles_against_the_bound(load_rows):
    latency = [r for r in load_rows if r["step"].startswith("latency, ")]
    kinds = {r["step"].removeprefix("latency, ") for r in latency}
    assert f"write: PUT a form of {FORM_VALUES} values (API)" in kinds
    for row in latency:
        assert row["p50"] <= row["p95"] <= row["p99"] == row["seconds"]
        assert row["ratio"] == row["p99"] / 0.5
        assert row["target"] == "p99 < 0.5 s" and isinstance(row["ok"], bool)
    setup = load_rows[0]
    assert setup["step"].startswith("setup: ntm init + ")
    assert "gunicorn 2 workers" in setup["detail"]
