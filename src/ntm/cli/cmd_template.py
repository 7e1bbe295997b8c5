"""``ntm template SET UNIT -o FILE.xlsx [--period P]``: the XLSX an office fills in.

One sheet per set (several sets separated by commas), a row per commune under UNIT, the
requirement each indicator sets for those communes; ``ntm import`` reads it back.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ntm.cli import InputError, UsageError, setup_django

MSG_NO_COMMUNES = "Không có xã nào thuộc {unit}"
MSG_WRITTEN = "Đã tạo {path}: {sets} trang, {units} xã, kỳ {period}."
MSG_BAD_OUTPUT = "Tệp ra phải có đuôi .xlsx"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("set", help="mã bộ tiêu chí (nhiều bộ: cách nhau bởi dấu phẩy)")
    parser.add_argument("unit", help="mã hoặc tên đơn vị (Tỉnh/Huyện/Xã)")
    parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ tạo")
    parser.add_argument("--period", help="kỳ báo cáo YYYY hoặc YYYY-MM (mặc định: năm nay, hoặc năm cuối "
                                          "hiệu lực của bộ tiêu chí nếu bộ đã hết hiệu lực)")


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
    from ntm.imports.template import TemplateUnit, write_template
    from ntm.units.selectors import UnitLookupError, communes_under, find_unit, profile_for

    registry = load_registry()
    try:
        sets = [get_set(code.strip(), registry) for code in args.set.split(",") if code.strip()]
        period = parse_period(args.period or default_period(sets))
        unit = find_unit(args.unit, on=date(period.year, period.month or 1, 1))
    except (ValueParseError, UnknownIndicator) as exc:
        raise InputError(exc.message) from exc
    except UnitLookupError as exc:
        raise InputError(str(exc)) from exc
    communes = list(communes_under(unit).order_by("code"))
    if not communes:
        raise InputError(MSG_NO_COMMUNES.format(unit=unit))
    rows = [TemplateUnit(u.code, str(u), profile_for(u)) for u in communes]
    write_template(output, sets, rows, period, scope=f"{unit} ({unit.code})", registry=registry)
    print(MSG_WRITTEN.format(path=output, sets=len(sets), units=len(rows), period=period))
    return 0
