"""``LatestCounts`` gives exactly ``Evaluator.summarize``'s counts for the same latest values.

Random values of every kind (missing, "not applicable", booleans, numbers, ints, NaN, texts,
values of the wrong kind) on every shipped set and on the set of every rule
(``tests/criteria/test_fast_path.py``), random profiles (other thresholds, flags that make an
indicator not apply), and many units through one ``LatestCounts``, so verdicts decided for one
unit are reused for others; also with fewer key numbers than distinct values.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm.criteria import latest
from ntm.criteria.engine import Evaluator
from ntm.criteria.inputs import NOT_APPLICABLE, InPeriodOrder, Observation, Period, UnitProfile
from ntm.criteria.latest import LatestCounts
from ntm.criteria.model import REGIONS
from ntm.criteria.registry import load_dirs, load_registry
from tests.criteria.conftest import write_sets
from tests.criteria.test_fast_path import FLAGS, RULES_SET, TEXTS

AS_OF = Period.of(2024)


def _key(value):
    """A key that stands for one value: its type with it (True and 1, 1 and 1.0 kept apart)."""
    return (type(value).__name__, value)


def _decode(key):
    return key[1]


@pytest.fixture(scope="module")
def evaluators(tmp_path_factory):
    folder = write_sets(tmp_path_factory.mktemp("sets"), rules=RULES_SET)
    out = []
    for registry in (load_registry(), load_dirs([folder])):
        for code in registry.codes():
            evaluator = Evaluator(registry.get(code), registry)
            out.append((evaluator, LatestCounts(evaluator, _decode)))
    return out


values = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from((0.0, 45.0, 50.0, 80.0, 90.0, 100.0, 3.0, 8.0)),
    st.integers(-5, 200),
    st.sampled_from(TEXTS),
    st.just(NOT_APPLICABLE),
)
profiles = st.builds(
    UnitProfile,
    code=st.sampled_from(("X1", "X2")),
    region=st.sampled_from((*REGIONS, None)),
    group=st.sampled_from(("1", "2", "3", None)),
    extremely_difficult=st.booleans(),
    safety_zone=st.booleans(),
    flags=st.frozensets(st.sampled_from(FLAGS)),
)
# Per indicator position: absent (None) or a value; many units at once.
units = st.lists(st.tuples(profiles, st.lists(st.one_of(st.none(), st.tuples(values)))), max_size=8)


def _check_units(evaluators, drawn, as_of=AS_OF):
    for evaluator, counts in evaluators:
        codes = [i.code for i in evaluator.criteria_set.indicators]
        for profile, given_values in drawn:
            observed = InPeriodOrder()
            keys = {}
            for code, given_value in zip(codes, given_values, strict=False):
                if given_value is not None:
                    (value,) = given_value
                    observed[code] = [Observation(as_of, value)]
                    keys[code] = _key(value)
            assert counts.summarize(profile, keys, as_of) == evaluator.summarize(
                profile, observed, as_of
            )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=units)
def test_counts_from_latest_keys_are_the_engines_on_random_units(evaluators, drawn):
    _check_units(evaluators, drawn)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(drawn=units)
def test_past_the_numbered_keys_a_value_is_still_decided_the_same(evaluators, drawn, monkeypatch):
    monkeypatch.setattr(latest, "KEYS_KEPT", 3)  # the same on every example
    fresh = [(evaluator, LatestCounts(evaluator, _decode)) for evaluator, _counts in evaluators]
    _check_units(fresh, drawn)


def test_a_unit_without_any_value_is_missing_everything_that_applies(evaluators):
    for evaluator, counts in evaluators:
        profile = UnitProfile(code="X", region="BTB")
        expected = evaluator.summarize(profile, InPeriodOrder(), AS_OF)
        found = counts.summarize(profile, {}, AS_OF)
        assert found == expected
        assert found.indicators_missing == expected.indicators_missing


def test_the_same_value_meets_one_rule_and_fails_another_through_one_key_number():
    """One key, numbered once, judged by each indicator's own threshold (and by region)."""
    registry = load_registry()
    evaluator = Evaluator(registry.get("xa-ntm-2021-2025"), registry)
    counts = LatestCounts(evaluator, _decode)
    numeric = [i.code for i in evaluator.criteria_set.indicators if i.kind == "percent"]
    for region in REGIONS:
        profile = UnitProfile(code="X", region=region)
        for number in (0.0, 50.0, 70.0, 85.0, 95.0, 100.0):
            keys = {code: _key(number) for code in numeric}
            observed = InPeriodOrder({code: [Observation(AS_OF, number)] for code in numeric})
            assert counts.summarize(profile, keys, AS_OF) == evaluator.summarize(
                profile, observed, AS_OF
            )
    assert len(counts._numbers) == 7  # no value, and the six numbers
