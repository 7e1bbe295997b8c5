"""A stored result read back (``CompactResult``) answers as the engine's ``UnitResult`` does."""

from __future__ import annotations

import random

import pytest

from ntm.criteria.compact import CompactResult, encode
from ntm.criteria.registry import load_registry
from ntm.criteria.results import (
    MET,
    MISSING,
    NOT_APPLICABLE,
    UNMET,
    CriterionResult,
    IndicatorResult,
    UnitResult,
)

SETS = ("xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025", "huyen-ntm-2021-2025")
ANSWERS = (
    "criterion_statuses",
    "missing_indicator_codes",
    "unverified_criteria",
    "failed_criteria",
    "missing_criteria",
    "unmet_criteria",
    "conditions_met",
    "criteria_met",
    "indicators_met",
    "indicators_not_applicable",
)


def _criterion_status(statuses: list[str]) -> str:
    if UNMET in statuses:
        return UNMET
    if MISSING in statuses:
        return MISSING
    if all(s == NOT_APPLICABLE for s in statuses):
        return NOT_APPLICABLE
    return MET


def _result(criteria_set, rng: random.Random, weights: tuple[int, int, int, int]) -> UnitResult:
    criteria = []
    for criterion in criteria_set.criteria:
        statuses = rng.choices(
            (MET, UNMET, MISSING, NOT_APPLICABLE), weights, k=len(criterion.indicators)
        )
        indicators = tuple(
            IndicatorResult(i.code, i.name, s, None, None, i.op, None, (), i.unit, i.verified)
            for i, s in zip(criterion.indicators, statuses, strict=True)
        )
        criteria.append(
            CriterionResult(
                criterion.number, criterion.name, _criterion_status(statuses), indicators
            )
        )
    return UnitResult(
        "00001",
        criteria_set.code,
        "2024",
        tuple(criteria),
        criteria_set.declared_criteria,
        criteria_set.declared_indicators,
        criteria_set.complete,
    )


@pytest.mark.parametrize("set_code", SETS)
@pytest.mark.parametrize("weights", [(10, 0, 0, 0), (8, 2, 0, 0), (6, 2, 1, 1), (1, 1, 5, 3)])
def test_a_stored_result_answers_every_count_as_the_engines_result(set_code, weights):
    criteria_set = load_registry().get(set_code)
    rng = random.Random(hash((set_code, weights)) & 0xFFFF)
    for _ in range(40):
        engine = _result(criteria_set, rng, weights)
        stored = CompactResult(engine.unit_code, criteria_set, engine.period, encode(engine))
        for name in ANSWERS:
            assert getattr(stored, name) == getattr(engine, name), name
        assert [(c.number, c.status) for c in stored.criteria] == list(engine.criterion_statuses)
