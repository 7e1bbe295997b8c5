"""``ntm backup`` / ``ntm restore`` (design.md §10): a round trip gives back every row to the
microsecond and every evidence file, on SQLite and on PostgreSQL (whichever DATABASE_URL names)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from ntm.cli import main

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = (
    "assessments_indicatorvalue",
    "assessments_historicalindicatorvalue",
    "assessments_evidence",
    "auth_user",
    "units_adminunit",
)
STAMP = datetime(2024, 3, 5, 7, 8, 9, 123456, tzinfo=UTC)


def snapshot() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        out = {}
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            out[table] = cursor.fetchall()
        return out


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def data(units, media, django_user_model):
    from ntm.assessments.models import Evidence, IndicatorValue
    from ntm.assessments.services import do_set_value

    user = django_user_model.objects.create_user("canbo", password="x")
    value = do_set_value(
        unit=units.commune,
        set_code="xa-ntm-2021-2025",
        indicator_code="17.1",
        period="2023",
        raw="95,5%",
        note="ghi chú",
        source="form",
        author=user,
    )
    IndicatorValue.objects.filter(pk=value.pk).update(updated_at=STAMP)
    evidence = Evidence(
        value=value,
        original_name="bien-ban.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=user,
    )
    evidence.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return evidence


def test_a_backup_restored_over_changed_data_gives_back_every_row_to_the_microsecond(
    data, media, tmp_path, capsys
):
    from ntm.assessments.models import IndicatorValue

    before = snapshot()
    archive = tmp_path / "sao-luu.tar.gz"
    assert main(["backup", str(archive)]) == 0
    evidence_file = media / data.file.name

    IndicatorValue.objects.all().delete()
    evidence_file.unlink()
    assert main(["restore", str(archive)]) == 1  # data in the database: refused without --force
    assert "--force" in capsys.readouterr().err
    assert main(["restore", str(archive), "--force"]) == 0

    after = snapshot()
    assert after == before
    stored = IndicatorValue.objects.get()
    assert stored.updated_at == STAMP and stored.updated_at.microsecond == 123456
    assert evidence_file.read_bytes() == b"%PDF-1.4\n"


def test_a_damaged_backup_is_refused_with_a_message_and_changes_nothing(data, tmp_path, capsys):
    archive = tmp_path / "b.tar.gz"
    assert main(["backup", str(archive)]) == 0
    before = snapshot()
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a backup at all")
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        tar.add(__file__, arcname="manifest.json")
    for bad in (truncated, junk, foreign, tmp_path / "missing.tar.gz"):
        assert main(["restore", str(bad), "--force"]) == 1
        err = capsys.readouterr().err
        assert "ntm restore:" in err and "Traceback" not in err
    assert snapshot() == before


def test_a_backup_whose_content_was_altered_is_refused(data, tmp_path, capsys):
    archive = tmp_path / "b.tar.gz"
    assert main(["backup", str(archive)]) == 0
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(altered, "w:gz") as dst:
        for member in src:
            content = src.extractfile(member).read()
            if member.name.startswith("media/"):
                content = b"%PDF-evil"
                member.size = len(content)
            import io

            dst.addfile(member, io.BytesIO(content))
    assert main(["restore", str(altered), "--force"]) == 1
    assert "mã kiểm tra" in capsys.readouterr().err


def _fresh_database_url(tmp_path: Path) -> tuple[str, str]:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'moi' / 'ntm.sqlite3'}", ""
    name = f"ntm_restore_{os.getpid()}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}", name


def test_a_backup_restores_into_a_database_that_does_not_exist_yet(data, media, tmp_path):
    archive = tmp_path / "b.tar.gz"
    assert main(["backup", str(archive)]) == 0
    before = snapshot()
    url, pg_name = _fresh_database_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "NTM_VAR_DIR": str(tmp_path / "moi")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ntm", "restore", str(archive)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "moi" / "media" / data.file.name).read_bytes() == b"%PDF-1.4\n"
        assert _snapshot_of(url) == before
        again = subprocess.run(
            [sys.executable, "-m", "ntm", "restore", str(archive)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert again.returncode == 1 and "--force" in again.stderr
    finally:
        if pg_name:
            import psycopg

            s = connection.settings_dict
            with psycopg.connect(
                dbname="postgres",
                host=s["HOST"],
                port=s["PORT"],
                user=s["USER"],
                password=s.get("PASSWORD") or None,
                autocommit=True,
            ) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}"')


def _snapshot_of(url: str) -> dict[str, list[tuple]]:
    """The same tables read through another connection (the restored database)."""
    import dj_database_url
    from django.db.utils import ConnectionHandler

    handler = ConnectionHandler({"default": {**dj_database_url.parse(url), "TIME_ZONE": None}})
    other = handler["default"]
    try:
        with other.cursor() as cursor:
            out = {}
            for table in TABLES:
                cursor.execute(f"SELECT * FROM {other.ops.quote_name(table)} ORDER BY 1")
                out[table] = cursor.fetchall()
            return out
    finally:
        other.close()
