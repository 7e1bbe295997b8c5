"""The allocator that picks failing criteria and indicators so published counts come out exactly."""

from __future__ import annotations

from collections import Counter

import pytest

from ntm.demo.allocator import (
    AllocationError,
    allocate_failing_indicators,
    allocate_unmet_criteria,
    spread,
)
from ntm.demo.scenario import tho_xuan

SEED_002_NTM_DEMANDS = [(name, 19 - met) for name, met, _ in tho_xuan.NTM_REVIEWED]
FORCED_17 = {name: (17,) for name, _ in SEED_002_NTM_DEMANDS}


def test_it_gives_every_commune_and_criterion_exactly_its_count():
    chosen = allocate_unmet_criteria(
        SEED_002_NTM_DEMANDS, tho_xuan.NTM_REVIEW.unmet_by_criterion, FORCED_17
    )
    assert {name: len(numbers) for name, numbers in chosen.items()} == dict(SEED_002_NTM_DEMANDS)
    assert (
        Counter(n for numbers in chosen.values() for n in numbers)
        == tho_xuan.NTM_REVIEW.unmet_by_criterion
    )
    assert all(17 in numbers for numbers in chosen.values())


def test_it_refuses_the_seed_002_per_criterion_list_as_printed():
    with pytest.raises(AllocationError, match="37.*34"):
        allocate_unmet_criteria(
            SEED_002_NTM_DEMANDS, tho_xuan.NTM_REVIEW.seed_unmet_by_criterion, FORCED_17
        )


def test_it_refuses_counts_no_matrix_can_hold():
    # Two communes each failing 2 criteria, but all 4 failures on one criterion.
    with pytest.raises(AllocationError):
        allocate_unmet_criteria([("a", 2), ("b", 2)], {1: 4, 2: 0})


def test_it_spreads_failing_indicators_with_at_least_one_per_unmet_criterion():
    indicators = {2: ["2.1", "2.2", "2.3", "2.4"], 6: ["6.1", "6.2", "6.3"], 17: ["17.1", "17.2"]}
    allocation = allocate_failing_indicators("x", [2, 6, 17], 6, indicators, fixed={17: ["17.2"]})
    assert len(allocation.failing_indicators) == 6
    assert allocation.failing[17] == ("17.2",)
    assert all(allocation.failing[n] for n in (2, 6))


def test_four_unmet_criteria_cannot_leave_54_of_57_indicators_met():
    # Seed 002 puts a 15/19 commune at "51-54/57": 3 failing indicators for 4 unmet criteria.
    indicators = {n: [f"{n}.1", f"{n}.2"] for n in (2, 6, 15, 17)}
    with pytest.raises(AllocationError, match="between 4 and 8"):
        allocate_failing_indicators("Xuân Hưng", [2, 6, 15, 17], 57 - 54, indicators)


def test_spread_splits_an_average_into_whole_numbers():
    counts = spread(151, 27, 0, 19)  # 5,6 criteria per commune in Thọ Xuân, 2011
    assert sum(counts) == 151 and max(counts) - min(counts) <= 1
    assert round(sum(counts) / 27, 1) == 5.6
