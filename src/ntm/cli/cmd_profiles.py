"""``ntm profiles FILE [--dry-run]``: import communes' groups and threshold flags from a CSV."""

from __future__ import annotations

import argparse
from datetime import date

from ntm.cli import InputError, setup_django


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        help=(
            "CSV: unit, commune_group, extremely_difficult, safety_zone, poor_district, "
            "poverty_exit_district, và cột cho mỗi chiều riêng của tỉnh (vd. zone)"
        ),
    )
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    parser.add_argument(
        "--on", type=date.fromisoformat, help="ngày dùng để chọn đơn vị (mặc định hôm nay)"
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    from ntm.imports.profiles import import_profiles
    from ntm.imports.rows import FileFormatError

    try:
        result = import_profiles(args.file, dry_run=args.dry_run, on=args.on)
    except (FileFormatError, OSError) as exc:
        raise InputError(f"{args.file}: {exc}") from exc
    if result.errors:
        lines = [f"{args.file}: {len(result.errors)} dòng lỗi, không ghi gì:"] + [
            f"  {e}" for e in result.errors
        ]
        raise InputError("\n".join(lines))
    verb = "Sẽ cập nhật" if args.dry_run else "Đã cập nhật"
    print(f"{verb} {len(result.changes)} xã.")
    return 0
