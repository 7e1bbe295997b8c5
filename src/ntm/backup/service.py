"""``ntm backup`` / ``ntm restore``: one archive with the database and the evidence files.

Restoring goes into the configured database when it is missing or empty (nothing but what
``ntm init`` loads: the migration list, content types, permissions and the administrative
units); a database holding anything else is replaced only when the caller says ``force``.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

from ntm.backup import BackupError, postgres, sqlite
from ntm.backup.archive import (
    MEDIA_PREFIX,
    PROVINCIAL_SETS_PREFIX,
    Manifest,
    extract_verified,
    media_files,
    provincial_set_files,
    read_manifest,
    write_archive,
)

ENGINES = {"sqlite": sqlite, "postgresql": postgres}
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables ``ntm init`` fills by itself: holding only these, a database counts as empty.
INIT_TABLES = (
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "sqlite_sequence",
    "django_session",
)
INIT_PREFIXES = ("units_",)

MSG_UNSUPPORTED_ENGINE = (
    "Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {engine} (chỉ SQLite và PostgreSQL)"
)
MSG_ENGINE_MISMATCH = (
    "Bản sao lưu là của {backup}, cơ sở dữ liệu đang cấu hình là {configured}: "
    "hãy khôi phục vào cùng loại cơ sở dữ liệu"
)
MSG_NOT_EMPTY = (
    "Cơ sở dữ liệu đang cấu hình đã có dữ liệu (bảng {table}); không khôi phục đè. "
    "Thêm --force để thay toàn bộ bằng bản sao lưu"
)
MSG_NO_FILE = "Không tìm thấy bản sao lưu {path}"
# A file activated after the backup is set aside (renamed), not deleted: the restored database
# does not know it as active, so the registry must not read it.
SET_ASIDE_SUFFIX = ".truoc-khoi-phuc"


@dataclass
class Summary:
    path: Path
    engine: str
    media: int
    size: int
    created: str
    provincial_sets: int = 0


def engine_name() -> str:
    vendor = connection.vendor
    if vendor not in ENGINES:
        raise BackupError(MSG_UNSUPPORTED_ENGINE.format(engine=vendor))
    return vendor


def make_backup(target: Path) -> Summary:
    engine = engine_name()
    target.parent.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="ntm-backup-", dir=target.parent) as work:
        copy = Path(work) / DATABASE_MEMBER[engine]
        ENGINES[engine].dump(copy)
        media = list(media_files(media_root))
        sets = list(provincial_set_files(provincial_sets_dir()))
        files = [(DATABASE_MEMBER[engine], copy), *media, *sets]
        manifest = Manifest(
            engine=engine,
            created=created,
            database=DATABASE_MEMBER[engine],
            ntm_version=_version(),
            provincial_sets=True,
        )
        write_archive(target, manifest, files)
    return Summary(target, engine, len(media), target.stat().st_size, created, len(sets))


def provincial_sets_dir() -> Path:
    """The folder of the provinces' activated criteria files (``NTM_PROVINCIAL_SETS_DIR``)."""
    return Path(settings.PROVINCIAL_SETS_DIR)


def restore_backup(source: Path, *, force: bool = False) -> Summary:
    if not source.is_file():
        raise BackupError(MSG_NO_FILE.format(path=source))
    manifest = read_manifest(source)
    engine = engine_name()
    if manifest.engine != engine:
        raise BackupError(MSG_ENGINE_MISMATCH.format(backup=manifest.engine, configured=engine))
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ntm-restore-", dir=media_root.parent) as work:
        unpacked = Path(work)
        extract_verified(source, manifest, unpacked)
        copy = unpacked / manifest.database
        ENGINES[engine].check(copy)
        if engine == "postgresql" and not postgres.exists():
            postgres.create()
        elif not force:
            busy = first_table_with_data()
            if busy:
                raise BackupError(MSG_NOT_EMPTY.format(table=busy))
        ENGINES[engine].load(copy)
        media = _restore_media(unpacked / MEDIA_PREFIX.rstrip("/"), media_root)
        sets = (
            _restore_provincial_sets(
                unpacked / PROVINCIAL_SETS_PREFIX.rstrip("/"), provincial_sets_dir()
            )
            if manifest.provincial_sets
            else 0
        )
    return Summary(source, engine, media, source.stat().st_size, manifest.created, sets)


def first_table_with_data() -> str:
    """The first table holding rows that ``ntm init`` does not write, or "" (an empty database)."""
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in INIT_TABLES or table.startswith(INIT_PREFIXES):
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return table
    return ""


def _restore_media(unpacked: Path, media_root: Path) -> int:
    """Put the backup's evidence files in place (files of the same name are replaced; others
    are left alone: they may belong to nothing now, but deleting is not a restore's job)."""
    count = 0
    if not unpacked.is_dir():
        return 0
    for path in sorted(p for p in unpacked.rglob("*") if p.is_file()):
        destination = media_root / path.relative_to(unpacked)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), destination)
        count += 1
    return count


def _restore_provincial_sets(unpacked: Path, folder: Path) -> int:
    """Make the activated folder what it was at the backup: its files put back, and any other
    ``*.yaml`` there (activated since) set aside, so the registry reads what the restored
    database records as active. The folder's change makes every process reload its sets."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = {p.name for p in unpacked.glob("*.yaml")} if unpacked.is_dir() else set()
    for path in sorted(folder.glob("*.yaml")):
        if path.name not in kept:
            path.replace(path.with_name(path.name + SET_ASIDE_SUFFIX))
    for name in sorted(kept):
        shutil.move(str(unpacked / name), folder / name)
    return len(kept)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ntm")
    except PackageNotFoundError:
        return ""
