"""``ntm demo [--no-serve] [--host] [--port]``: everything a first look needs, in one command.

Runs ``ntm init`` (database and administrative units), loads the demo data of the four seed
districts, creates the demo users, then serves the web app and prints the address and the
logins (or stops there with ``--no-serve``). Safe to run again: the same data results.
"""

from __future__ import annotations

import argparse
import time

from ntm.cli import cmd_init, cmd_serve, setup_django
from ntm.textnorm import unit_label

MSG_LOADING = "Đang nạp dữ liệu mẫu của 4 huyện (Thọ Xuân, Kiến Thụy, Bình Lục, Quan Sơn)…"
MSG_LOADED = (
    "Dữ liệu mẫu: {values} giá trị ({created} mới, {updated} cập nhật, {unchanged} không đổi, "
    "{removed} giá trị mẫu cũ đã xóa), "
    "{villages} thôn/bản, trong {seconds:.1f} giây."
)
MSG_LOGINS = "Tài khoản mẫu (tên đăng nhập / mật khẩu / vai trò / đơn vị):"
MSG_NO_SERVE = "Xong. Chạy `ntm serve` để mở ứng dụng web."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-serve", action="store_true", help="chỉ nạp dữ liệu, không chạy web")
    cmd_serve.add_server_arguments(parser)


def run(args: argparse.Namespace) -> int:
    status = cmd_init.run(argparse.Namespace(quiet=True))
    if status:
        return status
    setup_django()
    from ntm.accounts.services import create_demo_users
    from ntm.demo.loader import load_demo

    print(MSG_LOADING, flush=True)
    started = time.perf_counter()
    summary = load_demo()
    print(
        MSG_LOADED.format(
            values=summary.values,
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            removed=summary.removed,
            villages=summary.villages,
            seconds=time.perf_counter() - started,
        )
    )
    users = create_demo_users()
    if args.no_serve:
        print_logins(users)
        print(MSG_NO_SERVE)
        return 0
    print_logins(users, cmd_serve.address(args.host, args.port))
    cmd_serve.serve(args.host, args.port)
    return 0


def print_logins(users, url: str | None = None) -> None:
    if url:
        print(f"Địa chỉ: {url}")
    print(MSG_LOGINS)
    for user in users:
        unit = (
            unit_label(user.unit.unit_type, user.unit.name)
            if user.unit is not None
            else "toàn quốc"
        )
        print(f"  {user.username} / {user.password} / {user.role} / {unit}")
