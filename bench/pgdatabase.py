"""A scratch PostgreSQL database for a benchmark, removed afterwards.

Either next to a server the caller names (``NTM_TEST_DATABASE_URL`` or ``DATABASE_URL``: a new
database ``<name>_bench_<random>`` is created there and dropped at the end, so the named one is
never touched), or in a throwaway cluster started here from the newest
``/usr/lib/postgresql/*/bin`` on 127.0.0.1 (as ``scripts/test`` does: owned by a non-root user
when run as root, removed at the end). Loopback only.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

MSG_NO_POSTGRES = (
    "no PostgreSQL: set NTM_TEST_DATABASE_URL (or DATABASE_URL) or install postgresql "
    "(/usr/lib/postgresql/*/bin/initdb)"
)


class Scratch(NamedTuple):
    url: str
    where: str
    postmaster_pid: int | None  # known when the cluster is ours: its CPU time can be read


class NoPostgres(RuntimeError):
    """Neither a server URL nor PostgreSQL binaries to start one."""


def given_url() -> str | None:
    """The PostgreSQL server the caller names, if any (never a SQLite URL)."""
    for name in ("NTM_TEST_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return None


@contextlib.contextmanager
def scratch_database(url: str | None = None) -> Iterator[Scratch]:
    """An empty database, dropped on exit."""
    url = url or given_url()
    if url:
        with _database_next_to(url) as scratch:
            yield Scratch(scratch, "the server of NTM_TEST_DATABASE_URL/DATABASE_URL", None)
        return
    with throwaway_cluster() as (server, bin_dir, data), _database_next_to(server) as scratch:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        yield Scratch(scratch, f"a throwaway cluster ({bin_dir}, fsync on, loopback)", pid)


@contextlib.contextmanager
def _database_next_to(url: str) -> Iterator[str]:
    import psycopg

    parts = urlsplit(url)
    base = (parts.path.lstrip("/") or "postgres")[:30]
    name = f"{base}_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2] or 0))
    if not found or not os.access(f"{found[-1]}/initdb", os.X_OK):
        raise NoPostgres(MSG_NO_POSTGRES)
    return found[-1]


def _as_owner(owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--"] if owner else []


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[tuple[str, str, Path]]:
    """Yield (server URL, bin dir, data dir) of a new cluster on 127.0.0.1; stopped and removed
    on exit.

    Unlike the test suite's cluster, durability settings are PostgreSQL's defaults (fsync on,
    synchronous commit): a load figure is only meaningful with commits that reach the disk.
    """
    bin_dir = _pg_bin()
    work = Path(tempfile.mkdtemp(prefix="ntm-bench-pg-"))
    owner = None
    if os.geteuid() == 0:
        owner = "postgres"
        if subprocess.run(["id", "-u", owner], capture_output=True).returncode != 0:
            owner = "ntmtest"
            if subprocess.run(["id", "-u", owner], capture_output=True).returncode != 0:
                subprocess.run(
                    ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin"]
                    + [owner],
                    check=True,
                )
        shutil.chown(work, owner)
    port = _free_port()
    data, log = work / "data", work / "server.log"
    run_as = _as_owner(owner)
    started = False
    try:
        subprocess.run(
            [*run_as, f"{bin_dir}/initdb", "-D", str(data), "-U", "postgres", "--auth=trust"]
            + ["-E", "UTF8", "--locale=C.UTF-8"],
            cwd=work,
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c max_connections=200"
        subprocess.run(
            [*run_as, f"{bin_dir}/pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", "60"]
            + ["-o", options, "start"],
            cwd=work,
            check=True,
            capture_output=True,
        )
        started = True
        yield f"postgres://postgres@127.0.0.1:{port}/postgres", bin_dir, data
    finally:
        if started:
            subprocess.run(
                [*run_as, f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "fast", "stop"],
                cwd=work,
                capture_output=True,
                check=False,
            )
        shutil.rmtree(work, ignore_errors=True)
