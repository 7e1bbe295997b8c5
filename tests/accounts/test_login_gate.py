"""Parallel guesses from several worker processes, sharing only the database, get five password
checks in all, and the right password afterwards is refused: the login gate counts before it
checks (issue 15: axes' check-then-record let ~11 checks through and a right password in)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from ntm.accounts.gate import open_gate, take_slot
from ntm.accounts.models import LoginGate
from ntm.accounts.throttle import MAX_FAILURES

pytestmark = pytest.mark.django_db(transaction=True)
RIGHT = "Dung-Mat-Khau-2023"
PROCESSES, PER_PROCESS = 6, 5
ROOT = Path(__file__).resolve().parents[2]


def _database_url(tmp_path: Path) -> str:
    """The test database as worker processes can reach it: PostgreSQL's test database as is;
    SQLite's in-memory test database copied to a file (its tables and the user with it)."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = tmp_path / "ntm.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def _workers(url: str, tmp_path: Path, batches: list[list[str]]) -> list[dict]:
    env = {**os.environ, "DATABASE_URL": url, "NTM_VAR_DIR": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    start_at = f"{time.time() + 3:.3f}"  # every process has started Django by then
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.accounts.login_worker", "canbo", start_at, *batch],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch in batches
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_parallel_guesses_from_several_processes_get_five_password_checks_in_all(
    django_user_model, tmp_path
):
    django_user_model.objects.create_user("canbo", password=RIGHT)
    url = _database_url(tmp_path)
    guesses = [[f"sai-{p}-{i}" for i in range(PER_PROCESS)] for p in range(PROCESSES)]

    results = _workers(url, tmp_path, guesses)

    assert sum(r["checks"] for r in results) == MAX_FAILURES, results
    assert 302 not in [s for r in results for s in r["statuses"]]
    (late,) = _workers(url, tmp_path, [[RIGHT]])
    assert late["checks"] == 0 and late["statuses"] != [302]


def test_the_gate_gives_five_slots_and_a_success_gives_them_back(django_user_model):
    cache.clear()
    assert [take_slot("CanBo ") for _ in range(MAX_FAILURES + 1)] == [True] * 5 + [False]
    assert LoginGate.objects.get().checks == MAX_FAILURES
    open_gate("canbo")
    assert take_slot("canbo") and LoginGate.objects.get().checks == 1


def test_a_right_password_after_a_few_failures_still_logs_in(client, django_user_model):
    cache.clear()
    django_user_model.objects.create_user("canbo", password=RIGHT)
    for _ in range(3):
        client.post("/login/", {"username": "canbo", "password": "sai"})
    response = client.post("/login/", {"username": "canbo", "password": RIGHT})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    assert not LoginGate.objects.exists()
    cache.clear()


def test_a_window_that_ended_gives_five_new_slots(django_user_model):
    from datetime import timedelta

    from django.utils import timezone

    for _ in range(MAX_FAILURES):
        assert take_slot("canbo")
    assert not take_slot("canbo")
    LoginGate.objects.update(window_start=timezone.now() - timedelta(minutes=16))
    assert take_slot("canbo") and LoginGate.objects.get().checks == 1
