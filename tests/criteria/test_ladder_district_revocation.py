from __future__ import annotations

from ntm.criteria.district import CommuneOutcome, evaluate_district
from ntm.criteria.engine import Evaluator
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.ladder import level_reached
from ntm.criteria.registry import load_dirs
from ntm.criteria.results import MET, UNMET, CriterionResult, UnitResult
from ntm.criteria.revocation import revocation_risk
from tests.criteria.conftest import write_sets


def o(v) -> list[Observation]:
    return [Observation(Period.parse("2023"), v)]


BTB = UnitProfile(code="X", region="BTB")
NTM_OK = {"1.1": o(95.0), "1.2": o(True), "2.1": o(5.0), "3.1": o(70.0)}


def results_for(registry, ntm_values, income, smart_villages):
    return {
        "xa-test": Evaluator(registry.get("xa-test"), registry).evaluate(BTB, ntm_values, "2023"),
        "xa-test-nc": Evaluator(registry.get("xa-test-nc"), registry).evaluate(
            BTB, {"1.1": o(income)}, "2023"
        ),
        "xa-test-km": Evaluator(registry.get("xa-test-km"), registry).evaluate(
            BTB, {"1.1": o(income), "1.2": o(smart_villages)}, "2023"
        ),
    }


def test_the_ladder_climbs_ntm_advanced_model(registry):
    assert level_reached(results_for(registry, NTM_OK, 70.0, 1), registry) == "model"
    assert level_reached(results_for(registry, NTM_OK, 65.0, 1), registry) == "advanced"
    assert level_reached(results_for(registry, NTM_OK, 50.0, 1), registry) == "ntm"


def test_a_higher_set_does_not_count_without_its_prerequisite(registry):
    failing_ntm = dict(NTM_OK, **{"1.2": o(False)})
    assert level_reached(results_for(registry, failing_ntm, 70.0, 1), registry) is None


def test_the_ladder_accepts_summaries(registry):
    summaries = {
        code: Evaluator(registry.get(code), registry).summarize(BTB, vals, "2023")
        for code, vals in [("xa-test", NTM_OK), ("xa-test-nc", {"1.1": o(61.0)})]
    }
    assert level_reached(summaries, registry) == "advanced"


DISTRICT_SET = """
code: huyen-test
name: Huyện thử
level: district
tier: ntm
declared: {criteria: 2, indicators: 3}
revocation_key_criteria: [2]
criteria:
  - number: 1
    name: Điều kiện về xã
    indicators:
      - {code: "1.1", name: 100% xã đạt chuẩn NTM, kind: percent, op: ">=", threshold: 100,
         aggregate: {measure: share_at_level, level: ntm}, source: s, verified: true}
      - {code: "1.2", name: Ít nhất 10% xã NTM nâng cao, kind: percent, op: ">=", threshold: 10,
         aggregate: {measure: share_at_level, level: advanced}, source: s, verified: true}
  - number: 2
    name: Sự hài lòng
    indicators:
      - {code: "2.1", name: Tỷ lệ hài lòng, kind: percent, op: ">=", threshold: 90, source: s,
         verified: true}
"""


def test_a_district_combines_its_own_values_with_its_communes(tmp_path):
    reg = load_dirs([write_sets(tmp_path, huyen=DISTRICT_SET)])
    s = reg.get("huyen-test")
    district = UnitProfile(code="H", level="district")
    communes = [CommuneOutcome(f"X{i}", "ntm") for i in range(9)] + [CommuneOutcome("X9", "model")]
    result = evaluate_district(s, district, {"2.1": o(92.0)}, "2023", communes)
    assert [i.status for i in result.indicators] == ["met", "met", "met"]
    assert result.indicators[1].value == 10.0
    assert "1/10 xã" in result.indicators[1].basis[-1]
    communes[0] = CommuneOutcome("X0", None)
    result = evaluate_district(s, district, {"2.1": o(92.0)}, "2023", communes)
    assert result.indicators[0].status == "unmet"
    assert result.indicators[0].value == 90.0


def _result_with(statuses: list[str]) -> UnitResult:
    criteria = tuple(CriterionResult(n + 1, f"tc{n + 1}", s, ()) for n, s in enumerate(statuses))
    return UnitResult("X", "xa-ntm-2021-2025", "2023", criteria, len(statuses), 0, True)


def test_revocation_at_half_of_the_criteria(registry):
    s = registry.get("xa-test")
    risk = revocation_risk(_result_with([UNMET] * 10 + [MET] * 9), s)
    assert risk.at_risk and "50%" in risk.reason


def test_revocation_at_thirty_percent_needs_a_key_criterion():
    import dataclasses

    from ntm.criteria.model import CriteriaSet

    s = CriteriaSet(
        "x", "x", "commune", "ntm", "region", 19, 57, (), revocation_key_criteria=(10, 17, 19)
    )
    six_unmet_no_key = [UNMET] * 6 + [MET] * 13
    assert not revocation_risk(_result_with(six_unmet_no_key), s).at_risk
    six_unmet_with_key = [MET] * 13 + [UNMET] * 6
    risk = revocation_risk(_result_with(six_unmet_with_key), s)
    assert risk.at_risk and risk.key_failed == (17, 19)
    five_unmet_with_key = [MET] * 14 + [UNMET] * 5
    assert not revocation_risk(_result_with(five_unmet_with_key), dataclasses.replace(s)).at_risk


CONDITIONS_SET = """
code: huyen-dk
name: Huyện có điều kiện
level: district
tier: ntm
declared: {criteria: 1, indicators: 2}
criteria:
  - number: 0
    name: Điều kiện về xã
    indicators:
      - {code: "0.1", name: 100% xã đạt chuẩn NTM, kind: percent, op: ">=", threshold: 100,
         aggregate: {measure: share_at_level, level: ntm}, source: s, verified: true}
  - number: 1
    name: Quy hoạch
    indicators:
      - {code: "1.1", name: Có quy hoạch, kind: boolean, op: is_true, source: s, verified: true}
"""


def test_criterion_zero_holds_conditions_required_but_not_counted(tmp_path):
    reg = load_dirs([write_sets(tmp_path, dk=CONDITIONS_SET)])
    s = reg.get("huyen-dk")
    assert s.complete and len(s.counted_criteria) == 1
    district = UnitProfile(code="H", level="district")
    half = [CommuneOutcome("A", "ntm"), CommuneOutcome("B", None)]
    result = evaluate_district(s, district, {"1.1": o(True)}, "2023", half)
    assert (result.criteria_met, result.criteria_total, result.met) == (1, 1, False)
    assert result.unmet_criteria == (0,)
    summary = Evaluator(s).summarize(district, {"1.1": o(True), "0.1": o(50.0)}, "2023")
    assert (summary.criteria_met, summary.criteria_total, summary.met) == (1, 1, False)
    full = evaluate_district(s, district, {"1.1": o(True)}, "2023", [CommuneOutcome("A", "ntm")])
    assert full.met and (full.criteria_met, full.criteria_total) == (1, 1)
