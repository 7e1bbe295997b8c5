"""``ntm evaluate UNIT --period P [--set SET] [--json]``: one unit's verdicts, explained.

Without ``--set`` the unit is evaluated against every set of its ladder for the period's era
and the level reached is shown. Each unmet or missing indicator is listed with its value, the
threshold and why that threshold.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from ntm.cli import InputError, UsageError, setup_django

MSG_NO_LADDER = "Không có bộ tiêu chí mặc định cho {unit} ở kỳ {period}: hãy chỉ định --set"
MSG_LEVEL = "Mức đạt: {level}"
MSG_SET = "\nBộ tiêu chí: {name} ({code})"
MSG_COUNTS = (
    "Đạt {criteria_met}/{criteria_total} tiêu chí, {indicators_met}/{indicators_total} chỉ tiêu; "
    "{missing} chỉ tiêu chưa có số liệu."
)
MSG_CONDITIONS_UNMET = (
    "Chưa đạt điều kiện ({name}): chưa đủ điều kiện công nhận dù đạt các tiêu chí."
)
MSG_INCOMPLETE = (
    "Lưu ý: bộ tiêu chí mới mã hóa {encoded}/{declared} chỉ tiêu nên chưa thể kết luận đạt chuẩn."
)
MSG_UNVERIFIED_CRITERION = "  ⚠ có ngưỡng chưa xác minh"
MSG_NOT_IN_FORCE = "(bộ tiêu chí không áp dụng ở kỳ này; chỉ để tham khảo, không tính vào mức đạt)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("unit", help="mã hoặc tên đơn vị (Tỉnh/Huyện/Xã)")
    parser.add_argument("--period", required=True, help="kỳ đánh giá YYYY hoặc YYYY-MM")
    parser.add_argument(
        "--set",
        dest="set_code",
        help="mã bộ tiêu chí (mặc định: các bộ của mức NTM theo giai đoạn)",
    )
    parser.add_argument("--json", action="store_true", help="in JSON")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from ntm.assessments.catalog import UnknownIndicator, check_set_level, get_set
    from ntm.assessments.evaluation import evaluate_unit, ladder_results, ladder_sets
    from ntm.assessments.parsing import ValueParseError
    from ntm.assessments.services import parse_period
    from ntm.criteria.ladder import level_reached
    from ntm.criteria.registry import load_registry
    from ntm.units.selectors import UnitLookupError, find_unit, profile_for

    registry = load_registry()
    try:
        period = parse_period(args.period)
        unit = find_unit(args.unit, on=date(period.year, period.month or 1, 1))
        if args.set_code:
            check_set_level(get_set(args.set_code, registry), unit)
    except (ValueParseError, UnknownIndicator) as exc:
        raise InputError(exc.message) from exc
    except UnitLookupError as exc:
        raise InputError(str(exc)) from exc
    level = None
    if args.set_code:
        results = {args.set_code: evaluate_unit(unit, args.set_code, period, registry)}
    else:
        if not ladder_sets(unit.level, period, registry):
            raise UsageError(MSG_NO_LADDER.format(unit=unit, period=period))
        results = ladder_results([unit], period, registry)[unit.pk]
        level = level_reached(results, registry)
        results.update(_other_sets_with_values(unit, period, results, registry))
    profile = profile_for(unit)
    if args.json:
        print(
            json.dumps(
                _as_data(unit, profile, period, results, level, args.set_code is None, registry),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        _print_text(unit, profile, period, results, level, args.set_code is None, registry)
    return 0


def _other_sets_with_values(unit, period, in_force, registry) -> dict:
    """Sets of the unit's level not in force at the period for which it still has current values
    (values for 2018 entered against the 2021-2025 set, say): shown, labelled, never counted in
    the level, so one figure answers the same everywhere (the review of that set lists them too)."""
    from ntm.assessments.evaluation import evaluate_units

    out = {}
    for criteria_set in registry.sets():
        if (
            criteria_set.level != unit.level
            or criteria_set.code in in_force
            or criteria_set.province
        ):
            continue
        result = evaluate_units([unit], criteria_set.code, period, registry)[unit.pk]
        if result.is_current:
            out[criteria_set.code] = result
    return out


def _as_data(unit, profile, period, results, level, with_level, registry) -> dict:
    from ntm.assessments.evaluation import ladder_sets
    from ntm.assessments.explain import result_to_data

    data = {
        "unit": {
            "code": unit.code,
            "name": unit.name,
            "type": unit.unit_type,
            "level": unit.level,
            "era": unit.era,
            "region": profile.region,
            "group": profile.group,
            "province": profile.province,
        },
        "period": str(period),
        "sets": [result_to_data(r, registry.get(code).name) for code, r in results.items()],
    }
    if with_level:
        in_force = set(ladder_sets(unit.level, period, registry))
        for item in data["sets"]:
            item["in_force"] = item["set"] in in_force
    if with_level:
        data["level"] = level
    return data


def _print_text(unit, profile, period, results, level, with_level, registry) -> None:
    from ntm.assessments.evaluation import ladder_sets
    from ntm.assessments.explain import LEVEL_WORDS, STATUS_WORDS, explain_indicator
    from ntm.criteria.thresholds import REGION_NAMES

    where = f"vùng {REGION_NAMES.get(profile.region, profile.region)}" if profile.region else ""
    group = f"nhóm {profile.group}" if profile.group else ""
    print(
        f"{unit} ({unit.code})"
        + (f" — {', '.join(p for p in (where, group) if p)}" if where or group else "")
    )
    print(f"Kỳ đánh giá: {period}")
    if with_level:
        print(MSG_LEVEL.format(level=LEVEL_WORDS.get(level, level)))
    in_force = set(ladder_sets(unit.level, period, registry))
    for code, result in results.items():
        criteria_set = registry.get(code)
        print(MSG_SET.format(name=criteria_set.name, code=code))
        if with_level and code not in in_force:
            print(MSG_NOT_IN_FORCE)
        print(
            MSG_COUNTS.format(
                criteria_met=result.criteria_met,
                criteria_total=result.criteria_total,
                indicators_met=result.indicators_met,
                indicators_total=result.indicators_total,
                missing=result.indicators_missing,
            )
        )
        if result.conditions_met is False:
            print(
                MSG_CONDITIONS_UNMET.format(
                    name=next(c.name for c in result.criteria if c.is_condition)
                )
            )
        if not result.complete:
            print(
                MSG_INCOMPLETE.format(
                    encoded=criteria_set.encoded_indicators, declared=result.declared_indicators
                )
            )
        for criterion in result.criteria:
            mark = "✓" if criterion.status in ("met", "not_applicable") else "✗"
            unverified = MSG_UNVERIFIED_CRITERION if criterion.rests_on_unverified else ""
            title = "Điều kiện" if criterion.is_condition else f"Tiêu chí {criterion.number}"
            print(
                f"  [{mark}] {title} - {criterion.name}: {STATUS_WORDS[criterion.status]} "
                f"({criterion.indicators_met}/{len(criterion.indicators)} chỉ tiêu){unverified}"
            )
            for item in criterion.indicators:
                if item.status in ("unmet", "missing"):
                    print(f"        - {explain_indicator(item)}")
