"""``ntm template SET UNIT -o FILE.xlsx [--period P] [--prefill]``: the XLSX an office fills in.

One sheet per set (several sets separated by commas), a row per commune under UNIT, the
requirement each indicator sets for those communes; ``ntm import`` reads it back.
``--prefill`` writes the communes' current values (notes as cell comments), so the office
corrects what changed instead of typing everything again; the period then defaults to the
latest one with values.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ntm.cli import InputError, UsageError, setup_django

MSG_NO_COMMUNES = "Không có xã nào thuộc {unit}"
MSG_WRITTEN = "Đã tạo {path}: {sets} trang, {units} xã, kỳ {period}."
MSG_PREFILLED = "Đã điền sẵn {values} giá trị hiện có."
MSG_BAD_OUTPUT = "Tệp ra phải có đuôi .xlsx"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("set", help="mã bộ tiêu chí (nhiều bộ: cách nhau bởi dấu phẩy)")
    parser.add_argument("unit", help="mã hoặc tên đơn vị (Tỉnh/Huyện/Xã)")
    parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ tạo")
    parser.add_argument(
        "--period",
        help="kỳ báo cáo YYYY hoặc YYYY-MM (mặc định: năm nay, hoặc năm cuối "
        "hiệu lực của bộ tiêu chí nếu bộ đã hết hiệu lực)",
    )
    parser.add_argument(
        "--prefill",
        action="store_true",
        help="điền sẵn số liệu và ghi chú hiện có của các xã (kỳ mặc định: kỳ mới nhất có số liệu)",
    )


def default_period(sets) -> str:
    """This year, unless a set has ended (a 2021-2025 template asked for in 2026): its last year."""
    year = date.today().year
    ends = [int(s.valid_to[:4]) for s in sets if s.valid_to[:4].isdigit()]
    return str(min([year, *ends]))


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise UsageError(MSG_BAD_OUTPUT)
    setup_django()
    from ntm.assessments.catalog import UnknownIndicator, get_set
    from ntm.assessments.parsing import ValueParseError
    from ntm.assessments.services import parse_period
    from ntm.criteria.registry import load_registry
    from ntm.imports.prefill import current_values, latest_period_with_values
    from ntm.imports.template import TemplateUnit, write_template
    from ntm.units.selectors import UnitLookupError, communes_under, find_unit, profile_for

    registry = load_registry()
    try:
        sets = [get_set(code.strip(), registry) for code in args.set.split(",") if code.strip()]
        period = parse_period(args.period or default_period(sets))
        unit = find_unit(args.unit, on=date(period.year, period.month or 1, 1))
        if args.prefill and not args.period:
            period = (
                latest_period_with_values(list(communes_under(unit)), [s.code for s in sets])
                or period
            )
    except (ValueParseError, UnknownIndicator) as exc:
        raise InputError(exc.message) from exc
    except UnitLookupError as exc:
        raise InputError(str(exc)) from exc
    communes = list(communes_under(unit).order_by("code"))
    if not communes:
        raise InputError(MSG_NO_COMMUNES.format(unit=unit))
    values = current_values(communes, [s.code for s in sets], period) if args.prefill else {}
    rows = [TemplateUnit(u.code, str(u), profile_for(u), values.get(u.code, {})) for u in communes]
    write_template(output, sets, rows, period, scope=f"{unit} ({unit.code})", registry=registry)
    print(MSG_WRITTEN.format(path=output, sets=len(sets), units=len(rows), period=period))
    if args.prefill:
        print(MSG_PREFILLED.format(values=sum(len(v) for u in values.values() for v in u.values())))
    return 0
