"""The ``ntm`` command (design.md §7, a contract).

Each sub-command lives in its own module of this package with two functions:
``configure(parser)`` adds its arguments and ``run(args) -> int`` does the work. Exit codes:
0 ok, 1 bad input, 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS: dict[str, str] = {
    "init": "Tạo/cập nhật cơ sở dữ liệu và nạp đơn vị hành chính",
    "demo": "Khởi tạo, nạp dữ liệu mẫu và người dùng mẫu, rồi chạy web",
    "serve": "Chạy máy chủ web",
    "units": "Liệt kê đơn vị hành chính",
    "criteria": "Liệt kê bộ tiêu chí, hoặc chi tiết một bộ",
    "template": "Tạo tệp XLSX mẫu để nhập số liệu",
    "import": "Nhập số liệu từ tệp CSV hoặc XLSX",
    "evaluate": "Đánh giá một đơn vị theo bộ tiêu chí",
    "report": "Xuất báo cáo (review, summary, progress)",
    "consistency": (
        "Kiểm tra số liệu công bố có nhất quán không (nhóm xã, số xã chưa đạt từng tiêu chí)"
    ),
    "boundaries": "Nhập ranh giới đơn vị hành chính (GeoJSON)",
    "profiles": "Nhập nhóm xã và các đặc điểm chọn ngưỡng (xã ĐBKK, ATK)",
    "recognition": "Quyết định công nhận: liệt kê đơn vị được công nhận (recognition list)",
    "gaps": "Các xã chưa đạt bộ tiêu chí, dễ làm trước: chỉ tiêu chưa đạt và khoảng cách",
    "tasks": "Nhiệm vụ theo tiêu chí: liệt kê, quá hạn",
    "token": "Mã truy cập API (token create, list, revoke)",
    "backup": "Sao lưu cơ sở dữ liệu và tệp minh chứng",
    "restore": "Khôi phục từ bản sao lưu",
    "results": "Kết quả lưu trữ: tính lại (rebuild) hoặc kiểm tra (check)",
    "bench": "Đo hiệu năng",
}


MSG_FILE_SYSTEM = "ntm {command}: không đọc/ghi được tệp{target} ({reason})"


class UsageError(Exception):
    """Raised by a command for a usage problem: exit code 2."""


class InputError(Exception):
    """Raised by a command for bad input: exit code 1, message printed."""


def setup_django() -> None:
    """Configure Django for commands that need the database (the pure ones do not)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.settings")
    django.setup()


def _module(name: str):
    try:
        return importlib.import_module(f"ntm.cli.cmd_{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"ntm.cli.cmd_{name}":
            return None
        raise


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """Every command's parser; given ``argv``, only the command it names gets its arguments
    (its module alone is imported: a command starts without importing the 20 others)."""
    parser = argparse.ArgumentParser(
        prog="ntm", description="Hệ thống thông tin Nông thôn mới (NTM)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The top-level parser has no option but -h: the first other word names the command.
    named = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        module = _module(name) if named in (None, name) or named not in COMMANDS else None
        if module is not None:
            module.configure(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    module = _module(args.command)
    if module is None:
        print(f"ntm {args.command}: chưa được xây dựng (not built yet)", file=sys.stderr)
        return 2
    try:
        return int(module.run(args) or 0)
    except BrokenPipeError:
        # The reader went away (``ntm units | head``): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0
    except UsageError as exc:
        print(f"ntm {args.command}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        # An output or input file the system refuses (missing folder, no permission).
        target = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        print(
            MSG_FILE_SYSTEM.format(command=args.command, target=target, reason=exc.strerror or exc),
            file=sys.stderr,
        )
        return 1
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return 1
