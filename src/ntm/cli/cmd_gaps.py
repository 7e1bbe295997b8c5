"""``ntm gaps UNIT --period P --set SET [--json]`` (design.md §10, a contract).

Every commune under UNIT that does not meet SET, easy first (fewest criteria not met, then
fewest indicators not met, then the smallest sum of relative distances, then the code), with
each unmet indicator's value, threshold and distance, and the indicators without a value.
The communes are those the review covers (``ntm report review``): one selection for both.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from ntm.cli import InputError, setup_django

MSG_TITLE = "Chưa đạt {set} — {unit} ({code}), kỳ {period}: {count} đơn vị (dễ làm trước)"
MSG_NONE = "Không có đơn vị nào chưa đạt (trong các đơn vị có số liệu của kỳ)."
MSG_COMMUNE = (
    "{n}. {name} ({code}): đạt {criteria_met}/{criteria_total} tiêu chí, "
    "{indicators_met}/{indicators_total} chỉ tiêu"
)
MSG_UNMET = "   - tiêu chí {criterion}, chỉ tiêu {indicator}: {value}, yêu cầu {requirement}{gap}"
MSG_GAP = "; cách mức đạt {distance}{unit}{relative}"
MSG_MISSING = "   - chưa có số liệu: {codes}"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("unit", help="mã hoặc tên đơn vị (Tỉnh/Huyện)")
    parser.add_argument("--period", required=True, help="kỳ YYYY hoặc YYYY-MM")
    parser.add_argument("--set", dest="set_code", required=True, help="mã bộ tiêu chí")
    parser.add_argument("--json", action="store_true", help="in JSON")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from ntm.criteria.inputs import Period, PeriodError
    from ntm.criteria.registry import UnknownSet, load_registry
    from ntm.planning.selectors import gaps_for
    from ntm.units.selectors import UnitLookupError, find_unit

    try:
        period = Period.read(args.period)
    except PeriodError as exc:
        raise InputError(exc.message) from exc  # the one period message
    registry = load_registry()
    try:
        unit = find_unit(args.unit, on=date(period.year, period.month or 12, 1))
        gaps = gaps_for(unit, args.set_code, period, registry)
    except UnitLookupError as exc:
        raise InputError(str(exc)) from exc
    except UnknownSet as exc:
        raise InputError(str(exc)) from exc
    if args.json:
        print(json.dumps(gaps.to_json(), ensure_ascii=False, indent=2))
        return 0
    _print_text(unit, gaps, registry)
    return 0


def _shown(x) -> str:
    from ntm.textnorm import format_number_vi

    if isinstance(x, bool):
        return "Đạt" if x else "Chưa đạt"
    if isinstance(x, int | float):
        return format_number_vi(x)
    if isinstance(x, frozenset | set | tuple | list):
        return ", ".join(sorted(map(str, x)))
    return "—" if x is None else str(x)


def _print_text(unit, gaps, registry) -> None:
    criteria_set = registry.get(gaps.set_code)
    ops = {i.code: i.op for i in criteria_set.indicators}
    print(
        MSG_TITLE.format(
            set=f"{criteria_set.name} ({criteria_set.code})",
            unit=unit.name,
            code=unit.code,
            period=gaps.period,
            count=len(gaps.communes),
        )
    )
    if not gaps.communes:
        print(MSG_NONE)
    for n, c in enumerate(gaps.communes, start=1):
        print(
            MSG_COMMUNE.format(
                n=n,
                name=c.name,
                code=c.code,
                criteria_met=c.criteria_met,
                criteria_total=c.criteria_total,
                indicators_met=c.indicators_met,
                indicators_total=c.indicators_total,
            )
        )
        for u in c.unmet:
            gap = ""
            if u.distance is not None:
                relative = (
                    f" ({_shown(round(u.relative_distance * 100, 1))}% ngưỡng)"
                    if u.relative_distance is not None
                    else ""
                )
                unit_word = " điểm %" if u.unit == "%" else f" {u.unit}" if u.unit else ""
                gap = MSG_GAP.format(distance=_shown(u.distance), unit=unit_word, relative=relative)
            op = ops.get(u.indicator, "")
            requirement = "Đạt" if op == "is_true" else f"{op} {_shown(u.threshold)}"
            print(
                MSG_UNMET.format(
                    criterion=u.criterion,
                    indicator=u.indicator,
                    value=_shown(u.value),
                    requirement=requirement,
                    gap=gap,
                )
            )
        if c.missing:
            print(MSG_MISSING.format(codes=", ".join(c.missing)))
