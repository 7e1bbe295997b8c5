"""Property tests: monotonicity of >= rules and the criteria count identity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ntm.criteria.engine import Evaluator
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.model import REGIONS
from ntm.criteria.registry import load_registry

P = Period.parse("2023")
percent = st.floats(min_value=0, max_value=100, allow_nan=False)


def _values_strategy(criteria_set):
    entries = {}
    for ind in criteria_set.indicators:
        if ind.kind == "boolean":
            strat = st.one_of(st.none(), st.booleans())
        elif ind.kind in ("percent", "number"):
            strat = st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False))
        else:
            strat = st.one_of(st.none(), st.text(max_size=5))
        entries[ind.code] = strat
    return st.fixed_dictionaries(entries)


def _as_values(raw: dict) -> dict:
    return {code: [Observation(P, v)] for code, v in raw.items() if v is not None}


NTM = load_registry().get("xa-ntm-2021-2025")
EVALUATOR = Evaluator(NTM, load_registry())


@settings(max_examples=150, deadline=None)
@given(
    raw=_values_strategy(NTM),
    region=st.sampled_from(REGIONS),
    bump=st.floats(min_value=0, max_value=1000),
)
def test_raising_a_value_never_turns_a_met_ge_indicator_unmet(raw, region, bump):
    profile = UnitProfile(code="X", region=region)
    before = EVALUATOR.evaluate(profile, _as_values(raw), P)
    raised = {
        code: (v + bump if NTM.indicator(code).op in (">=", ">") and isinstance(v, float) else v)
        for code, v in raw.items()
    }
    after = EVALUATOR.evaluate(profile, _as_values(raised), P)
    for b, a in zip(before.indicators, after.indicators, strict=True):
        if b.op in (">=", ">") and b.status == "met":
            assert a.status == "met", b.code


@settings(max_examples=150, deadline=None)
@given(raw=_values_strategy(NTM), region=st.sampled_from(REGIONS), difficult=st.booleans())
def test_criteria_met_equals_criteria_whose_indicators_all_pass(raw, region, difficult):
    profile = UnitProfile(code="X", region=region, extremely_difficult=difficult)
    result = EVALUATOR.evaluate(profile, _as_values(raw), P)
    passing = sum(
        1
        for c in result.criteria
        if all(i.status in ("met", "not_applicable") for i in c.indicators)
    )
    assert result.criteria_met == passing
    summary = EVALUATOR.summarize(profile, _as_values(raw), P)
    assert (summary.criteria_met, summary.indicators_met) == (
        result.criteria_met,
        result.indicators_met,
    )
