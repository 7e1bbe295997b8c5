"""``ntm results rebuild|check [--period P ...] [--json]``: the stored results (issue 13).

``rebuild`` recomputes every stored result (each unit's evaluation per set and period, which
pages, reports and the API read); ``check`` recomputes without writing and lists what differs
(exit 1 when anything does). Both default to every year from the first year with values to
this year, plus every period already stored.
"""

from __future__ import annotations

import argparse
import json

from ntm.cli import InputError, setup_django

MSG_REBUILT = "Đã tính lại {rows} kết quả lưu trữ ({periods} kỳ): {detail}"
MSG_CHECK_OK = "Kết quả lưu trữ khớp với đánh giá lại ({periods} kỳ)."
MSG_CHECK_BAD = "{count} kết quả lưu trữ khác với đánh giá lại:"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("rebuild", "check"), help="tính lại, hoặc kiểm tra")
    parser.add_argument(
        "--period", action="append", help="kỳ YYYY hoặc YYYY-MM (lặp lại được); mặc định: mọi kỳ"
    )
    parser.add_argument("--json", action="store_true", help="in JSON")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from ntm.assessments.rebuild import check, default_periods, rebuild
    from ntm.criteria.inputs import Period, PeriodError

    try:
        periods = [Period.read(p) for p in args.period] if args.period else default_periods()
    except PeriodError as exc:
        raise InputError(exc.message) from exc
    if args.action == "rebuild":
        written = rebuild(periods)
        if args.json:
            print(json.dumps({"rebuilt": written}, ensure_ascii=False, indent=2))
        else:
            detail = ", ".join(f"{p}: {n}" for p, n in written.items()) or "không có"
            print(
                MSG_REBUILT.format(rows=sum(written.values()), periods=len(written), detail=detail)
            )
        return 0
    found = check(periods)
    if args.json:
        payload = {"mismatches": [_data(m) for m in found]}
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    elif found:
        print(MSG_CHECK_BAD.format(count=len(found)))
        for mismatch in found:
            print(f"  {mismatch}")
    else:
        print(MSG_CHECK_OK.format(periods=len(periods)))
    return 1 if found else 0


def _data(mismatch) -> dict:
    return {name: getattr(mismatch, name) for name in mismatch.__slots__}
