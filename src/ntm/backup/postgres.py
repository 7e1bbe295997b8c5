"""PostgreSQL copies with pg_dump (custom format) and pg_restore, in one transaction.

The client binaries come from ``NTM_PG_BIN``, else the newest ``/usr/lib/postgresql/*/bin``
(Debian's layout, as ``scripts/test`` finds them), else ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connection

from ntm.backup import BackupError

MSG_NO_CLIENT = "Không tìm thấy {tool} (cài gói postgresql-client hoặc đặt NTM_PG_BIN)"
MSG_TOOL_FAILED = "{tool} thất bại: {reason}"
MSG_CREATE_FAILED = "Không tạo được cơ sở dữ liệu {name}: {reason}"


def _tool(name: str) -> str:
    folders = [os.environ["NTM_PG_BIN"]] if os.environ.get("NTM_PG_BIN") else []
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _version_key(p.parent.name)
    )
    folders += [str(p) for p in reversed(debian)]
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(MSG_NO_CLIENT.format(tool=name))
    return found


def _version_key(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in text.split("."))


def _env_and_args(database: str | None = None) -> tuple[dict[str, str], list[str]]:
    s = connection.settings_dict
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    args += ["--dbname", database or str(s["NAME"]), "--no-password"]
    return env, args


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [_tool(tool), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(
            MSG_TOOL_FAILED.format(tool=tool, reason=" / ".join(reason[-3:]) or done.returncode)
        )


def dump(target: Path) -> None:
    env, args = _env_and_args()
    _run(
        "pg_dump",
        [*args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
        env,
    )


def check(copy: Path) -> None:
    """pg_restore --list reads the whole table of contents: a damaged dump fails here."""
    _run("pg_restore", ["--list", str(copy)], dict(os.environ))


def exists() -> bool:
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        if "does not exist" in str(exc):
            return False
        raise
    return True


def create() -> None:
    """Create the configured database (restoring into a database that does not exist yet)."""
    import psycopg
    from psycopg import sql

    s = connection.settings_dict
    params = {
        k: v
        for k, v in {
            "host": s.get("HOST"),
            "port": s.get("PORT"),
            "user": s.get("USER"),
            "password": s.get("PASSWORD"),
        }.items()
        if v
    }
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(s["NAME"])))
    except psycopg.Error as exc:
        raise BackupError(MSG_CREATE_FAILED.format(name=s["NAME"], reason=exc)) from None


def load(copy: Path) -> None:
    """Restore ``copy`` over the configured database: objects of the dump are dropped and
    recreated, all in one transaction (a failure leaves the database as it was)."""
    connection.close()
    env, args = _env_and_args()
    _run(
        "pg_restore",
        [
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(copy),
        ],
        env,
    )
