"""The one settings module, read from the environment: each case runs in a fresh process."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def run_with_env(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser fixture for this process, never in deployment.
    dropped = {"DATABASE_URL", "NTM_PRODUCTION", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(DJANGO_SETTINGS_MODULE="ntm.settings", NTM_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        args, env=clean, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


def python(code: str, tmp_path: Path, **env: str) -> str:
    result = run_with_env([sys.executable, "-c", code], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_database_url_switches_to_postgresql(tmp_path):
    out = python(
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['HOST'], d['PORT'], d['NAME'], d['USER'])",
        tmp_path,
        DATABASE_URL="postgres://ntm:secret@db.example:5433/ntmdb",
    )
    assert out == "django.db.backends.postgresql db.example 5433 ntmdb ntm"


def test_the_default_database_is_sqlite_in_wal_mode_under_the_var_dir(tmp_path):
    out = python(
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
        "print(connection.vendor, c.fetchone()[0], connection.settings_dict['NAME'])",
        tmp_path,
    )
    vendor, mode, name = out.split(" ", 2)
    assert (vendor, mode) == ("sqlite", "wal")
    assert Path(name).parent == tmp_path
    assert Path(name).exists()


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_with_env(
        [str(BIN / "django-admin"), "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        NTM_PRODUCTION="1",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ntm.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_production_settings_check_deploy_complains(tmp_path):
    """The check above means something: the development defaults do not pass it."""
    result = run_with_env(
        [str(BIN / "django-admin"), "check", "--deploy", "--fail-level", "WARNING"], tmp_path
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS outside production


def test_html_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_json_logs_are_one_object_per_line(tmp_path):
    import json

    result = run_with_env(
        [
            str(BIN / "python"),
            "-c",
            "import django, logging; django.setup(); logging.getLogger('ntm').warning('thử')",
        ],
        tmp_path,
        LOG_FORMAT="json",
    )
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert (entry["level"], entry["message"]) == ("WARNING", "thử")


def test_the_proxy_https_header_is_trusted_only_when_named(tmp_path):
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    )
    plain = run_with_env(
        [str(BIN / "python"), "-c", code], tmp_path, NTM_PRODUCTION="1", SECRET_KEY="x" * 60
    )
    assert plain.stdout.strip() == "None"
    named = run_with_env(
        [str(BIN / "python"), "-c", code],
        tmp_path,
        NTM_PRODUCTION="1",
        SECRET_KEY="x" * 60,
        NTM_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    assert named.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
