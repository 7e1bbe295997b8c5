"""The fast ``Evaluator`` gives exactly the verdicts of the plain ``ReferenceEvaluator``.

Random values (missing, "not applicable", booleans, numbers, ints, NaN, texts, values of the
wrong kind), random histories (several periods, yearly and monthly, some after the period
asked about), random profiles and periods, on every shipped set and on a set written here with
the rules the shipped ones do not use yet (text and list comparisons, ">" and "<", an
indicator that applies only to some units, a threshold that cannot be determined). Each unit's
values go in both as the database hands them (``InPeriodOrder``) and as a plain dictionary in
shuffled order.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm.criteria.engine import Evaluator
from ntm.criteria.inputs import NOT_APPLICABLE, InPeriodOrder, Observation, Period, UnitProfile
from ntm.criteria.model import REGIONS
from ntm.criteria.reference import ReferenceEvaluator
from ntm.criteria.registry import load_dirs, load_registry
from tests.criteria.conftest import write_sets

RULES_SET = """
code: xa-rules
name: Bộ thử mọi phép so sánh
level: commune
tier: ntm
threshold_by: region
declared: {criteria: 3, indicators: 8}
criteria:
  - number: 0
    name: Điều kiện
    indicators:
      - code: "0.1"
        name: Có quy hoạch
        kind: boolean
        op: is_true
        source: thử
        verified: false
  - number: 1
    name: So sánh số
    indicators:
      - code: "1.1"
        name: Lớn hơn hẳn
        kind: percent
        op: ">"
        threshold:
          by: region
          cases: {TDMNPB: 50, ĐBSH: 60, BTB: 55, DHNTB: 55, TN: 50, ĐNB: 60, ĐBSCL: 55}
        source: thử
        verified: false
      - code: "1.2"
        name: Nhỏ hơn hẳn
        kind: number
        op: "<"
        threshold: 5
        source: thử
        verified: false
      - code: "1.3"
        name: Không quá
        kind: percent
        op: "<="
        threshold: {by: year, cases: {"2020": 10, "2024": 8}}
        source: thử
        verified: false
  - number: 2
    name: So sánh chữ
    indicators:
      - code: "2.1"
        name: Xếp loại
        kind: text
        op: "=="
        threshold: Đạt
        source: thử
        verified: false
      - code: "2.2"
        name: Hạng
        kind: text
        op: in
        threshold: [Loại A, Loại B]
        source: thử
        verified: false
      - code: "2.3"
        name: Chỉ xã có làng nghề
        kind: boolean
        op: is_true
        applies_if: has_craft_village
        source: thử
        verified: false
  - number: 3
    name: Lớn hơn hoặc bằng
    indicators:
      - code: "3.1"
        name: Thu nhập
        kind: number
        op: ">="
        threshold: {by: region, default: 40, cases: {ĐBSH: 45}}
        source: thử
        verified: false
"""

FLAGS = ("has_craft_village", "coastal")
TEXTS = ("Đạt", "đạt ", "Chưa đạt", "Loại A", "loại b", "Loại C", "", "95")
YEARS = range(2018, 2027)


def _registries(tmp_path_factory):
    folder = write_sets(tmp_path_factory.mktemp("sets"), rules=RULES_SET)
    return [load_registry(), load_dirs([folder])]


@pytest.fixture(scope="module")
def evaluators(tmp_path_factory):
    pairs = []
    for registry in _registries(tmp_path_factory):
        for code in registry.codes():
            criteria_set = registry.get(code)
            pairs.append(
                (Evaluator(criteria_set, registry), ReferenceEvaluator(criteria_set, registry))
            )
    return pairs


def _value(rng: random.Random):
    roll = rng.random()
    if roll < 0.3:
        return rng.random() < 0.8
    if roll < 0.6:
        return rng.choice((rng.uniform(0, 120), float(rng.randint(0, 100)), 3.0, 45.0, 8.0))
    if roll < 0.65:
        return rng.randint(-2, 110)
    if roll < 0.7:
        return rng.choice((float("nan"), float("inf"), -0.0))
    if roll < 0.8:
        return rng.choice(TEXTS)
    if roll < 0.9:
        return NOT_APPLICABLE
    return None


def _period(rng: random.Random) -> Period:
    year = rng.choice(YEARS)
    return Period.of(year, rng.choice((None, None, rng.randint(1, 12))))


def _history(rng: random.Random) -> list[Observation]:
    return [Observation(_period(rng), _value(rng)) for _ in range(rng.choice((0, 1, 1, 2, 3, 5)))]


def _profile(rng: random.Random, n: int) -> UnitProfile:
    return UnitProfile(
        code=f"X{n}",
        region=rng.choice((*REGIONS, None)),
        group=rng.choice(("1", "2", "3", None)),
        extremely_difficult=rng.random() < 0.2,
        safety_zone=rng.random() < 0.2,
        poverty_exit_district=rng.random() < 0.2,
        poor_district=rng.random() < 0.2,
        flags=frozenset(f for f in FLAGS if rng.random() < 0.5),
    )


def _both_ways(rng: random.Random, codes: list[str]) -> tuple[InPeriodOrder, dict]:
    """The same histories in period order and as a plain dictionary with each history shuffled.
    One observation per period index ("2023" and "2023-12" share one): with two, which one
    counts depends on their order in the list, by design."""
    in_order, shuffled = InPeriodOrder(), {}
    for code in codes:
        if rng.random() < 0.1:
            continue
        history = list({o.period.index: o for o in _history(rng)}.values())
        in_order[code] = sorted(history, key=lambda o: o.period.index)
        shuffled[code] = rng.sample(history, len(history))
    return in_order, shuffled


def _assert_same(fast: Evaluator, reference: ReferenceEvaluator, profile, values, as_of):
    expected_summary = reference.summarize(profile, values, as_of)
    assert fast.summarize(profile, values, as_of) == expected_summary
    assert fast.evaluate(profile, values, as_of) == reference.evaluate(profile, values, as_of)
    return expected_summary


def test_the_fast_evaluator_agrees_with_the_reference_on_random_units(evaluators):
    rng = random.Random(13)
    seen_statuses = set()
    for n in range(100):
        for fast, reference in evaluators:
            codes = [i.code for i in fast.criteria_set.indicators]
            profile = _profile(rng, n)
            as_of = _period(rng)
            in_order, shuffled = _both_ways(rng, codes)
            summary = _assert_same(fast, reference, profile, in_order, as_of)
            _assert_same(fast, reference, profile, shuffled, as_of)
            # In period order or not, a unit's histories give the same verdicts.
            assert fast.summarize(profile, shuffled, as_of) == summary
            seen_statuses.update(
                i.status for i in fast.evaluate(profile, in_order, as_of).indicators
            )
    assert seen_statuses == {"met", "unmet", "missing", "not_applicable"}


observation = st.builds(
    Observation,
    st.builds(Period.of, st.integers(2018, 2026), st.one_of(st.none(), st.integers(1, 12))),
    st.one_of(
        st.none(),
        st.booleans(),
        st.floats(allow_nan=True),
        st.integers(-5, 200),
        st.sampled_from(TEXTS),
        st.just(NOT_APPLICABLE),
    ),
)


@settings(max_examples=100, deadline=None)
@given(
    data=st.data(),
    region=st.sampled_from((*REGIONS, None)),
    group=st.sampled_from(("1", "2", "3", None)),
    flags=st.frozensets(st.sampled_from(FLAGS)),
    difficult=st.booleans(),
    as_of=st.builds(Period.of, st.integers(2018, 2026), st.one_of(st.none(), st.integers(1, 12))),
)
def test_the_fast_evaluator_agrees_with_the_reference_property(
    evaluators, data, region, group, flags, difficult, as_of
):
    fast, reference = data.draw(st.sampled_from(evaluators))
    profile = UnitProfile(
        code="X", region=region, group=group, flags=flags, extremely_difficult=difficult
    )
    values = InPeriodOrder()
    for ind in fast.criteria_set.indicators:
        history = data.draw(st.lists(observation, max_size=3))
        if history:
            values[ind.code] = sorted(history, key=lambda o: o.period.index)
    _assert_same(fast, reference, profile, values, as_of)
    _assert_same(fast, reference, profile, dict(values), as_of)
