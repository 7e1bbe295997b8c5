"""SQLite copies through the online backup API: consistent while the app keeps writing, and
byte-for-byte the same rows (every timestamp to the microsecond)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection

from ntm.backup import BackupError

MSG_NOT_SQLITE = "Tệp cơ sở dữ liệu trong bản sao lưu không đọc được ({reason})"
MSG_BUSY = "Cơ sở dữ liệu đang bận (có tiến trình khác đang ghi); hãy thử lại sau ít phút"


def _raw():
    connection.ensure_connection()
    return connection.connection


def dump(target: Path) -> None:
    """Copy the configured database into a new SQLite file ``target``."""
    dest = sqlite3.connect(target)
    try:
        _raw().backup(dest)
    except sqlite3.OperationalError as exc:
        raise BackupError(
            MSG_BUSY if "locked" in str(exc) or "busy" in str(exc) else str(exc)
        ) from None
    finally:
        dest.close()


def check(copy: Path) -> None:
    """Refuse a database file that SQLite cannot read or that fails its integrity check."""
    try:
        source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            verdict = source.execute("PRAGMA quick_check").fetchone()
        finally:
            source.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(MSG_NOT_SQLITE.format(reason=exc)) from None
    if not verdict or verdict[0] != "ok":
        raise BackupError(MSG_NOT_SQLITE.format(reason=verdict[0] if verdict else "quick_check"))


def load(copy: Path) -> None:
    """Replace the configured database's whole content with ``copy`` (pages, schema and all)."""
    name = connection.settings_dict["NAME"]
    if isinstance(name, str | Path) and not str(name).startswith(("file:", ":memory:")):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        source.backup(_raw())
    except sqlite3.OperationalError as exc:
        raise BackupError(
            MSG_BUSY if "locked" in str(exc) or "busy" in str(exc) else str(exc)
        ) from None
    finally:
        source.close()
    connection.close()
