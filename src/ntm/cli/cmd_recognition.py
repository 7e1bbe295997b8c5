"""``ntm recognition list UNIT [--as-of DATE] [--json]`` (design.md §10, a contract).

Lists every recognition in force on DATE (default today) of UNIT and the units under it:
what each unit IS by decision. Whether it still meets the set in force is ``ntm evaluate``'s
question, not this one's.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from ntm.cli import InputError, UsageError, setup_django
from ntm.textnorm import format_date_vi, parse_date

MSG_BAD_DATE = "--as-of: {reason}"
MSG_NONE = "Không có quyết định công nhận nào còn hiệu lực ngày {date}."


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="đơn vị được công nhận (còn hiệu lực) dưới UNIT")
    listing.add_argument("unit", help="mã đơn vị hoặc đường dẫn tên 'Tỉnh/Huyện/Xã'")
    listing.add_argument(
        "--as-of", dest="as_of", help="ngày (YYYY-MM-DD hoặc DD/MM/YYYY), mặc định hôm nay"
    )
    listing.add_argument("--json", action="store_true", help="in JSON")


def _as_of(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(MSG_BAD_DATE.format(reason=exc)) from exc


def run(args: argparse.Namespace) -> int:
    on = _as_of(args.as_of)
    setup_django()
    from ntm.recognition.selectors import recognitions_under
    from ntm.units.selectors import UnitLookupError, find_unit

    try:
        unit = find_unit(args.unit, on=on)
    except UnitLookupError as exc:
        raise InputError(str(exc)) from exc
    records = sorted(recognitions_under(unit, on), key=lambda r: (r.unit.path, r.date, r.level))
    rows = [
        {
            "unit": r.unit.code,
            "name": r.unit.name,
            "level": r.level,
            "decision": r.decision,
            "date": r.date.isoformat(),
            "issuer": r.issuer,
        }
        for r in records
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(MSG_NONE.format(date=format_date_vi(on)))
        return 0
    for r, row in zip(records, rows, strict=True):
        print(
            f"{row['unit']:>10}  {r.unit}  {row['level']:<13}  {row['decision']}  "
            f"{format_date_vi(r.date)}  {row['issuer']}"
        )
    print(f"{len(rows)} quyết định còn hiệu lực ngày {format_date_vi(on)}")
    return 0
