"""``ntm tasks UNIT [--overdue] [--as-of DATE] [--json]`` (design.md §10, a contract).

The tasks of UNIT and the units under it; ``--overdue``: only those not done or cancelled and
due before DATE (default today). JSON: a list of ``{"unit", "criterion", "indicator",
"department", "owner", "start", "due", "status", "overdue"}``.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from ntm.cli import InputError, setup_django

MSG_BAD_DATE = "--as-of: {reason}"
MSG_NONE = "Không có nhiệm vụ nào."
MSG_TITLE = "Nhiệm vụ của {unit} ({code}){which}, tính đến {as_of}: {count}"
MSG_OVERDUE_ONLY = " quá hạn"
MSG_LINE = (
    "{unit} | TC {criterion}{indicator} | {department} | {owner} | {start} → {due} "
    "| {status}{overdue}"
)
MSG_OVERDUE = " | QUÁ HẠN"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("unit", help="mã hoặc tên đơn vị (Tỉnh/Huyện/Xã)")
    parser.add_argument(
        "--overdue",
        action="store_true",
        help="chỉ nhiệm vụ quá hạn (chưa xong, chưa hủy, hạn trước DATE)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        help="ngày tính quá hạn YYYY-MM-DD hoặc DD/MM/YYYY (mặc định hôm nay)",
    )
    parser.add_argument("--json", action="store_true", help="in JSON")


def run(args: argparse.Namespace) -> int:
    from ntm.textnorm import parse_date

    try:
        as_of = parse_date(args.as_of) if args.as_of else date.today()
    except ValueError as exc:
        raise InputError(MSG_BAD_DATE.format(reason=exc)) from exc
    setup_django()
    from ntm.planning.models import STATUS_CHOICES
    from ntm.planning.selectors import is_overdue, task_to_json, tasks_under
    from ntm.units.selectors import UnitLookupError, find_unit

    try:
        unit = find_unit(args.unit, on=as_of)
    except UnitLookupError as exc:
        raise InputError(str(exc)) from exc
    tasks = [t for t in tasks_under(unit) if not args.overdue or is_overdue(t, as_of)]
    if args.json:
        print(json.dumps([task_to_json(t, as_of) for t in tasks], ensure_ascii=False, indent=2))
        return 0
    words = dict(STATUS_CHOICES)
    print(
        MSG_TITLE.format(
            unit=unit.name,
            code=unit.code,
            which=MSG_OVERDUE_ONLY if args.overdue else "",
            as_of=as_of.strftime("%d/%m/%Y"),
            count=len(tasks),
        )
    )
    if not tasks:
        print(MSG_NONE)
    for t in tasks:
        print(
            MSG_LINE.format(
                unit=f"{t.unit.name} ({t.unit.code})",
                criterion=t.criterion,
                indicator=f", chỉ tiêu {t.indicator_code}" if t.indicator_code else "",
                department=t.department,
                owner=t.owner,
                start=t.start.strftime("%d/%m/%Y"),
                due=t.due.strftime("%d/%m/%Y"),
                status=words.get(t.status, t.status),
                overdue=MSG_OVERDUE if is_overdue(t, as_of) else "",
            )
        )
    return 0
