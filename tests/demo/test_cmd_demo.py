"""``ntm demo`` and ``ntm serve`` as a user runs them: fresh folder, real processes, real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

STARTUP_SECONDS = 30


def sqlite_env(var_dir: Path) -> dict[str, str]:
    """The environment of a fresh install: SQLite under ``var_dir``, whatever the suite runs on."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["NTM_VAR_DIR"] = str(var_dir)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


@pytest.fixture
def server(tmp_path):
    """``ntm serve`` on a free port in a fresh folder; yields its address."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "ntm", "serve", "--port", str(port)],
        env=sqlite_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"ntm serve exited: {process.stdout.read()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_ntm_serve_serves_static_files_without_collectstatic(server, tmp_path):
    status, body, content_type = get(f"{server}/static/web/favicon.svg")
    assert status == 200 and content_type.startswith("image/svg") and b"<svg" in body
    status, body, _ = get(f"{server}/static/admin/css/base.css")  # found in an app, never collected
    assert status == 200 and body
    assert get(f"{server}/static/web/no-such-file.css")[0] == 404
    assert list((tmp_path / "static").iterdir()) == []  # nothing was collected


def test_ntm_serve_refuses_a_port_out_of_range(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ntm", "serve", "--port", "70000"],
        env=sqlite_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "65535" in result.stderr


def test_ntm_demo_no_serve_sets_up_a_fresh_folder_and_prints_the_logins(tmp_path):
    from ntm.accounts.services import DEMO_ACCOUNTS, demo_password

    result = subprocess.run(
        [sys.executable, "-m", "ntm", "demo", "--no-serve"],
        env=sqlite_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "ntm.sqlite3").is_file()
    for username, *_ in DEMO_ACCOUNTS:
        assert f"{username} / {demo_password(username)}" in result.stdout
    assert "Dữ liệu mẫu:" in result.stdout


def test_ntm_serve_says_so_when_the_port_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "ntm", "serve", "--port", str(port)],
            env=sqlite_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "--port" in result.stderr and "Traceback" not in result.stderr
