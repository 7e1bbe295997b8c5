"""``ntm restore PATH [--force]``: put a backup of ``ntm backup`` back (design.md §10).

Into the configured database when it is missing or empty; a database holding data is
replaced only with ``--force``. A damaged, foreign or other-engine backup: exit 1 and the
database untouched (the archive is checked whole before anything is written).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ntm.cli import InputError, setup_django

MSG_DONE = (
    "Đã khôi phục {path} (sao lưu lúc {created}, {engine}, {media} tệp minh chứng, "
    "{sets} bộ tiêu chí tỉnh đang áp dụng)."
)
MSG_NEXT = (
    "Nếu phiên bản ntm mới hơn bản sao lưu, chạy `ntm init` để cập nhật cấu trúc cơ sở dữ liệu."
)
MSG_FOLDER_EMPTY = "Thư mục {path} không có bản sao lưu ntm-backup-*.tar.gz nào"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="tệp sao lưu (hoặc thư mục: lấy bản mới nhất trong đó)")
    parser.add_argument("--force", action="store_true", help="thay cơ sở dữ liệu đang có dữ liệu")


def source_path(path: Path) -> Path:
    if path.is_dir():
        found = sorted(path.glob("ntm-backup-*.tar.gz"))
        if not found:
            raise InputError(f"ntm restore: {MSG_FOLDER_EMPTY.format(path=path)}")
        return found[-1]
    return path


def run(args: argparse.Namespace) -> int:
    setup_django()
    from ntm.backup import BackupError
    from ntm.backup.service import restore_backup

    try:
        summary = restore_backup(source_path(Path(args.path)), force=args.force)
    except BackupError as exc:
        raise InputError(f"ntm restore: {exc}") from None
    print(
        MSG_DONE.format(
            path=summary.path,
            created=summary.created,
            engine=summary.engine,
            media=summary.media,
            sets=summary.provincial_sets,
        )
    )
    print(MSG_NEXT)
    return 0
