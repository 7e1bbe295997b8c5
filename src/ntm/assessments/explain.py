"""Results as JSON-ready data and as Vietnamese sentences (``ntm evaluate``, the API, pages).

Every unmet or missing indicator is explained with its value, the period it came from, the
threshold, why that threshold (region, group, year, provincial rule) and whether the threshold
was checked against the official text.
"""

from __future__ import annotations

from typing import Any

from ntm.criteria.engine import NO_VALUE
from ntm.criteria.model import TIERS, level_reached_vi
from ntm.criteria.results import IndicatorResult, UnitResult
from ntm.textnorm import format_number_vi

OP_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "in": "thuộc", "is_true": ""}
STATUS_WORDS = {
    "met": "đạt",
    "unmet": "chưa đạt",
    "missing": "chưa có số liệu",
    "not_applicable": "không áp dụng",
}
LEVEL_WORDS = {level: level_reached_vi(level) for level in (*TIERS, None)}
MSG_STALE = "số liệu đã cũ hơn 12 tháng"
MSG_UNVERIFIED = "ngưỡng chưa được đối chiếu với văn bản gốc"


def json_value(value: Any) -> Any:
    if isinstance(value, tuple | list | set | frozenset):
        return [json_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def indicator_to_data(item: IndicatorResult) -> dict[str, Any]:
    return {
        "code": item.code,
        "name": item.name,
        "status": item.status,
        "value": json_value(item.value),
        "period": item.period,
        "op": item.op,
        "threshold": json_value(item.threshold),
        "unit": item.unit,
        "basis": list(item.basis),
        "verified": item.verified,
        "stale": item.stale,
    }


def result_to_data(result: UnitResult, set_name: str = "") -> dict[str, Any]:
    """Everything in a unit result, criteria with their indicators, as plain data."""
    return {
        "unit": result.unit_code,
        "set": result.set_code,
        "set_name": set_name,
        "period": result.period,
        "criteria_met": result.criteria_met,
        "criteria_total": result.criteria_total,
        "indicators_met": result.indicators_met,
        "indicators_total": result.indicators_total,
        "indicators_missing": result.indicators_missing,
        "declared": {
            "criteria": result.declared_criteria,
            "indicators": result.declared_indicators,
        },
        "complete": result.complete,
        "met": result.met,
        "unmet_criteria": list(result.unmet_criteria),
        "conditions_met": result.conditions_met,
        "rests_on_unverified": result.rests_on_unverified,
        "criteria": [
            {
                "number": c.number,
                "name": c.name,
                "status": c.status,
                "key": c.key,
                "indicators_met": c.indicators_met,
                "rests_on_unverified": c.rests_on_unverified,
                "indicators": [indicator_to_data(i) for i in c.indicators],
            }
            for c in result.criteria
        ],
    }


def format_value(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Đạt" if value else "Chưa đạt"
    if isinstance(value, int | float):
        text = format_number_vi(float(value))
    elif isinstance(value, tuple | list | set | frozenset):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return f"{text} {unit}".strip() if unit and unit != "%" else f"{text}{unit}"


def requirement(item: IndicatorResult) -> str:
    """ "≥ 90%", or "Đạt" for a yes/no indicator, or a note when no threshold applies."""
    if item.op == "is_true":
        return "Đạt"
    if item.threshold is None:
        return "chưa xác định"
    return f"{OP_SYMBOLS.get(item.op, item.op)} {format_value(item.threshold, item.unit)}".strip()


def explain_indicator(item: IndicatorResult) -> str:
    """One line: "2.1 Tên chỉ tiêu: 85% (2023-05), yêu cầu ≥ 90% (vùng Bắc Trung Bộ)"."""
    value = format_value(item.value, item.unit) if item.status != "missing" else "chưa có số liệu"
    when = f" ({item.period})" if item.period else ""
    reasons = [b for b in item.basis if b != NO_VALUE]
    why = f" ({'; '.join(reasons)})" if reasons else ""
    marks = [m for m, on in ((MSG_STALE, item.stale), (MSG_UNVERIFIED, not item.verified)) if on]
    tail = f" [{'; '.join(marks)}]" if marks else ""
    return f"{item.code} {item.name}: {value}{when}, yêu cầu {requirement(item)}{why}{tail}"
