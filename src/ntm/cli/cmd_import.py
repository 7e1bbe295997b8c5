"""``ntm import FILE [--dry-run] [--json]``: load a CSV or XLSX file of values (design.md §6-7).

A file with any bad row is rejected whole: exit 1, every problem on stderr, nothing written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ntm.cli import InputError, setup_django

MSG_NO_FILE = "Không tìm thấy tệp {path}"
MSG_REJECTED = (
    "Tệp {name} có {count} lỗi; không ghi số liệu nào. Hãy sửa các dòng sau rồi nhập lại:"
)
MSG_DONE = (
    "Đã nhập {name}: {created} {what} mới, {updated} {what} cập nhật, {unchanged} {what} không đổi"
)
MSG_DRY_RUN = (
    "Chạy thử {name} (không ghi gì): sẽ có {created} {what} mới, {updated} {what} cập nhật, "
    "{unchanged} {what} không đổi"
)
WHAT_VALUES = "giá trị"
WHAT_RECORDS = "bản ghi"
MSG_EMPTY = "; {empty} ô trống bỏ qua"
MSG_WARNING = "  Lưu ý: {warning}"
MSG_OMITTED = "  … và {count} lỗi khác cùng loại (ví dụ: {example})"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        help=(
            "tệp .csv hoặc .xlsx: số liệu chỉ tiêu (unit,period,set,indicator,value[,note]), "
            "hoặc loại tệp khác nhận ra từ dòng tiêu đề"
        ),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra và cho biết sẽ thay đổi gì"
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise InputError(MSG_NO_FILE.format(path=path))
    setup_django()
    from ntm.imports.service import run_import

    outcome = run_import(path, dry_run=args.dry_run, progress=sys.stderr.isatty())
    if args.json:
        print(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
        return 0 if outcome.ok else 1
    if not outcome.ok:
        lines = [MSG_REJECTED.format(name=path.name, count=outcome.error_count)]
        lines += [f"  {error}" for error in outcome.errors]
        lines += [
            MSG_OMITTED.format(count=n, example=e)
            for n, e in getattr(outcome.errors, "omitted", list)()
        ]
        lines += [MSG_WARNING.format(warning=w) for w in outcome.warnings]
        raise InputError("\n".join(lines))
    message = (MSG_DRY_RUN if args.dry_run else MSG_DONE).format(
        name=path.name,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        what=WHAT_VALUES if outcome.kind == "values" else WHAT_RECORDS,
    )
    if outcome.empty:
        message += MSG_EMPTY.format(empty=outcome.empty)
    print(f"{message} ({outcome.seconds:.1f} giây).")
    for warning in outcome.warnings:
        print(MSG_WARNING.format(warning=warning))
    return 0
