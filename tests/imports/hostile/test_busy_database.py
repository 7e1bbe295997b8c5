"""A database locked by another process: a clear "try again" after the configured wait, exit 1,
never ``OperationalError: database is locked``; a dry run takes no write lock at all."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from tests.imports.hostile.corpus import HEADER, SET

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")


def _ntm(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ntm", *args], env=env, capture_output=True, text=True, timeout=300
    )


def _insert_unit(db: sqlite3.Connection, given: dict[str, str]) -> None:
    """A unit row with the given fields and a neutral value in every other required column
    (read from the table, so a column added later does not break this test)."""
    values = dict(given)
    for _, name, kind, notnull, default, pk in db.execute("PRAGMA table_info(units_adminunit)"):
        if notnull and default is None and not pk and name not in values:
            kind = kind.lower()
            values[name] = (
                0
                if kind in ("bool", "integer", "bigint", "real")
                else "{}"
                if kind == "text"
                else ""
            )
    columns = ", ".join(values)
    db.execute(
        f"INSERT INTO units_adminunit ({columns}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    )


def test_an_import_into_a_locked_database_says_try_again_and_a_dry_run_does_not_wait(tmp_path):
    database = tmp_path / "ntm.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "NTM_VAR_DIR": str(tmp_path),
        "NTM_DB_BUSY_TIMEOUT": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    migrate = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v", "0", "--settings", "ntm.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    with sqlite3.connect(database) as setup:
        _insert_unit(
            setup,
            {
                "code": "9389401",
                "name": "Xuân Hòa",
                "match_name": "xuan hoa",
                "level": "commune",
                "unit_type": "xã",
                "era": "2008",
                "path": "/1/",
            },
        )
    path = tmp_path / "v.csv"
    path.write_text(f"{HEADER}\n9389401,2023,{SET},2.1,95,\n")

    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = _ntm("import", str(path), env=env)
        assert done.returncode == 1
        assert "thử lại" in done.stderr and "Traceback" not in done.stderr
        dry = _ntm("import", str(path), "--dry-run", env=env)
        assert dry.returncode == 0, dry.stderr
        assert "Chạy thử" in dry.stdout
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _ntm("import", str(path), env=env).returncode == 0
