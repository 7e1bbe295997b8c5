"""Evaluation results as JSON-ready dicts (the API's ``/evaluation/``)."""

from __future__ import annotations

from typing import Any

from ntm.criteria.inputs import NOT_APPLICABLE
from ntm.criteria.results import CriterionResult, IndicatorResult, UnitResult


def _plain(value: Any) -> Any:
    if value is NOT_APPLICABLE:
        return "not_applicable"
    if isinstance(value, tuple | list | set | frozenset):
        return [_plain(v) for v in value]
    return value


def indicator_result_to_data(r: IndicatorResult) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "status": r.status,
        "value": _plain(r.value),
        "period": r.period,
        "op": r.op,
        "threshold": _plain(r.threshold),
        "basis": list(r.basis),
        "unit": r.unit,
        "verified": r.verified,
        "stale": r.stale,
    }


def criterion_result_to_data(c: CriterionResult) -> dict[str, Any]:
    return {
        "number": c.number,
        "name": c.name,
        "status": c.status,
        "key": c.key,
        "indicators_met": c.indicators_met,
        "rests_on_unverified": c.rests_on_unverified,
        "indicators": [indicator_result_to_data(i) for i in c.indicators],
    }


def unit_result_to_data(r: UnitResult, *, level: str | None = None) -> dict[str, Any]:
    return {
        "unit": r.unit_code,
        "set": r.set_code,
        "period": r.period,
        "met": r.met,
        "complete": r.complete,
        "level": level,
        "criteria_met": r.criteria_met,
        "criteria_total": r.criteria_total,
        "declared_criteria": r.declared_criteria,
        "indicators_met": r.indicators_met,
        "indicators_total": r.indicators_total,
        "declared_indicators": r.declared_indicators,
        "indicators_missing": r.indicators_missing,
        "unmet_criteria": list(r.unmet_criteria),
        "rests_on_unverified": r.rests_on_unverified,
        "criteria": [criterion_result_to_data(c) for c in r.criteria],
    }
