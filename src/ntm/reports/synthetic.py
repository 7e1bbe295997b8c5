"""Evaluation results made to order, for the report benchmark and for reproducing published
figures (seed 002) without a database.

Why here and not in tests: ``bench/bench_reports.py`` needs the same builder, and the results it
builds are real ``UnitResult`` objects, exactly what the engine returns.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from ntm.criteria.model import CriteriaSet, Criterion, Indicator, ThresholdSpec
from ntm.criteria.results import MET, MISSING, UNMET, CriterionResult, IndicatorResult, UnitResult

CRITERIA_NAMES_2021 = {
    1: "Quy hoạch",
    2: "Giao thông",
    3: "Thủy lợi và phòng, chống thiên tai",
    4: "Điện",
    5: "Trường học",
    6: "Cơ sở vật chất văn hóa",
    7: "Cơ sở hạ tầng thương mại nông thôn",
    8: "Thông tin và Truyền thông",
    9: "Nhà ở dân cư",
    10: "Thu nhập",
    11: "Nghèo đa chiều",
    12: "Lao động",
    13: "Tổ chức sản xuất và phát triển kinh tế nông thôn",
    14: "Giáo dục và Đào tạo",
    15: "Y tế",
    16: "Văn hóa",
    17: "Môi trường và an toàn thực phẩm",
    18: "Hệ thống chính trị và tiếp cận pháp luật",
    19: "Quốc phòng và An ninh",
}


def make_set(
    code: str,
    indicators_per_criterion: Mapping[int, int],
    names: Mapping[int, str] = CRITERIA_NAMES_2021,
    *,
    declared_indicators: int | None = None,
    declared_criteria: int | None = None,
    unverified: Sequence[str] = (),
    tier: str = "ntm",
) -> CriteriaSet:
    """A set with ``indicators_per_criterion[n]`` boolean indicators ``n.1``, ``n.2``… under
    criterion n."""
    criteria = tuple(
        Criterion(
            number=n,
            name=names.get(n, f"Tiêu chí {n}"),
            indicators=tuple(
                Indicator(
                    code=f"{n}.{k}",
                    name=f"Chỉ tiêu {n}.{k}",
                    kind="boolean",
                    op="is_true",
                    threshold=ThresholdSpec(value=True),
                    verified=f"{n}.{k}" not in unverified,
                )
                for k in range(1, count + 1)
            ),
        )
        for n, count in sorted(indicators_per_criterion.items())
    )
    encoded = sum(indicators_per_criterion.values())
    return CriteriaSet(
        code=code,
        name=code,
        level="commune",
        tier=tier,
        threshold_by="region",
        declared_criteria=declared_criteria or len(criteria),
        declared_indicators=declared_indicators or encoded,
        criteria=criteria,
    )


def make_result(
    criteria_set: CriteriaSet,
    unit_code: str,
    period: str,
    unmet: Mapping[int, int] = {},  # noqa: B006 - read only
    missing: Mapping[int, int] = {},  # noqa: B006 - read only
    pool: dict[Any, Any] | None = None,
) -> UnitResult:
    """A result in which criterion n has ``unmet[n]`` unmet and ``missing[n]`` missing indicators
    (the first ones), every other indicator met. ``pool`` shares equal indicator
    results between units (never changed once built), so a synthetic country fits in memory
    and builds quickly."""
    pool = {} if pool is None else pool
    criteria = []
    for criterion in criteria_set.criteria:
        n_unmet = unmet.get(criterion.number, 0)
        n_missing = missing.get(criterion.number, 0)
        indicators = []
        for k, indicator in enumerate(criterion.indicators):
            status = UNMET if k < n_unmet else MISSING if k < n_unmet + n_missing else MET
            key = (indicator.code, status, period)
            if key not in pool:
                pool[key] = IndicatorResult(
                    code=indicator.code,
                    name=indicator.name,
                    status=status,
                    value=None if status == MISSING else status == MET,
                    period=None if status == MISSING else period,
                    op=indicator.op,
                    threshold=True,
                    basis=("chung",),
                    verified=indicator.verified,
                )
            indicators.append(pool[key])
        status = UNMET if n_unmet else MISSING if n_missing else MET
        criteria.append(
            CriterionResult(
                number=criterion.number,
                name=criterion.name,
                status=status,
                indicators=tuple(indicators),
            )
        )
    return UnitResult(
        unit_code=unit_code,
        set_code=criteria_set.code,
        period=period,
        criteria=tuple(criteria),
        declared_criteria=criteria_set.declared_criteria,
        declared_indicators=criteria_set.declared_indicators,
        complete=criteria_set.complete,
    )


def random_result(
    criteria_set: CriteriaSet,
    unit_code: str,
    period: str,
    rng: random.Random,
    fail_rate: float = 0.2,
    pool: dict[Any, Any] | None = None,
) -> UnitResult:
    """A plausible commune: each criterion fails with probability ``fail_rate``, on one or two
    indicators."""
    unmet = {}
    for criterion in criteria_set.criteria:
        if rng.random() < fail_rate:
            unmet[criterion.number] = min(len(criterion.indicators), rng.choice((1, 1, 2)))
    return make_result(criteria_set, unit_code, period, unmet, pool=pool)
