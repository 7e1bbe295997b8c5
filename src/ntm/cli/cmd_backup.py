"""``ntm backup PATH``: the database, the evidence files and the provinces' activated criteria
files in one archive (design.md §10).

SQLite is copied with the online backup API (safe while the app runs), PostgreSQL with
``pg_dump``; both keep every timestamp to the microsecond. PATH is a file; an existing folder
gets a dated file inside it.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from ntm.cli import InputError, setup_django

MSG_DONE = (
    "Đã sao lưu ({engine}, {media} tệp minh chứng, {sets} bộ tiêu chí tỉnh đang áp dụng) "
    "vào {path} ({size:.1f} MB)."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", help="tệp sao lưu sẽ ghi (hoặc thư mục: tạo tệp ntm-backup-NGÀY-GIỜ.tar.gz)"
    )


def target_path(path: Path) -> Path:
    if path.is_dir():
        return path / f"ntm-backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
    return path


def run(args: argparse.Namespace) -> int:
    setup_django()
    from ntm.backup import BackupError
    from ntm.backup.service import make_backup

    try:
        summary = make_backup(target_path(Path(args.path)))
    except BackupError as exc:
        raise InputError(f"ntm backup: {exc}") from None
    print(
        MSG_DONE.format(
            engine=summary.engine,
            media=summary.media,
            sets=summary.provincial_sets,
            path=summary.path,
            size=summary.size / 1e6,
        )
    )
    return 0
