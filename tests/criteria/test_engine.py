from __future__ import annotations

import pytest

from ntm.criteria.engine import Evaluator, evaluate
from ntm.criteria.inputs import NOT_APPLICABLE, Observation, Period, UnitProfile


def obs(period: str, value) -> list[Observation]:
    return [Observation(Period.parse(period), value)]


def values(**by_code) -> dict:
    return {code.replace("_", "."): v for code, v in by_code.items()}


GOOD = dict(
    v1_1=obs("2023", 95.0), v1_2=obs("2023", True), v2_1=obs("2023", 5.0), v3_1=obs("2023", 70.0)
)


def good(**changes):
    data = {k[1:]: v for k, v in GOOD.items()}
    data.update(changes)
    return values(**data)


BTB = UnitProfile(code="X1", region="BTB")
DBSH = UnitProfile(code="X2", region="ĐBSH")


def indicator(result, code):
    return next(i for i in result.indicators if i.code == code)


def test_it_meets_every_criterion_with_good_values(registry):
    result = evaluate(registry.get("xa-test"), BTB, good(), "2023")
    assert (result.criteria_met, result.indicators_met) == (3, 5)
    assert indicator(result, "2.2").status == "not_applicable"
    assert result.met


def test_it_uses_the_region_threshold_and_says_so(registry):
    result = evaluate(registry.get("xa-test"), BTB, good(**{"1_1": obs("2023", 92.0)}), "2023")
    ind = indicator(result, "1.1")
    assert (ind.status, ind.threshold) == ("met", 90.0)
    assert "Bắc Trung Bộ" in ind.basis[0]
    result = evaluate(registry.get("xa-test"), DBSH, good(**{"1_1": obs("2023", 92.0)}), "2023")
    ind = indicator(result, "1.1")
    assert (ind.status, ind.threshold, ind.basis[0]) == ("unmet", 100.0, "chỉ tiêu chung")
    assert result.unmet_criteria == (1,)


def test_an_extremely_difficult_commune_uses_northern_mountain_thresholds(registry):
    profile = UnitProfile(code="X3", region="ĐBSH", extremely_difficult=True)
    result = evaluate(registry.get("xa-test"), profile, good(**{"1_1": obs("2023", 75.0)}), "2023")
    ind = indicator(result, "1.1")
    assert (ind.status, ind.threshold) == ("met", 70.0)
    assert "đặc biệt khó khăn" in ind.basis[0]


def test_a_safety_zone_commune_also_uses_northern_mountain_thresholds(registry):
    # Decision 318 covers "xã an toàn khu thuộc huyện nghèo": the commune is in a poor district.
    profile = UnitProfile(code="X3", region="ĐNB", safety_zone=True, poor_district=True)
    result = evaluate(registry.get("xa-test"), profile, good(**{"2_1": obs("2023", 12.0)}), "2023")
    assert indicator(result, "2.1").status == "met"


def test_a_safety_zone_commune_outside_a_poor_district_keeps_its_region_thresholds(registry):
    # QĐ 318/QĐ-TTg Điều 1: only "xã an toàn khu thuộc huyện nghèo và huyện vừa thoát nghèo
    # giai đoạn 2018 - 2020" take the northern-mountain values.
    alone = UnitProfile(code="X4", region="ĐNB", safety_zone=True)
    result = evaluate(registry.get("xa-test"), alone, good(**{"2_1": obs("2023", 12.0)}), "2023")
    assert indicator(result, "2.1").status == "unmet"
    exited = UnitProfile(code="X5", region="ĐNB", safety_zone=True, poverty_exit_district=True)
    result = evaluate(registry.get("xa-test"), exited, good(**{"2_1": obs("2023", 12.0)}), "2023")
    assert indicator(result, "2.1").status == "met"


def test_le_rule_fails_above_the_threshold(registry):
    result = evaluate(registry.get("xa-test"), BTB, good(**{"2_1": obs("2023", 6.5)}), "2023")
    assert indicator(result, "2.1").status == "unmet"


def test_income_threshold_follows_the_year(registry):
    s = registry.get("xa-test")
    for as_of, threshold, status in [
        ("2022", 45.0, "met"),
        ("2023", 45.0, "met"),
        ("2024", 50.0, "unmet"),
        ("2021", 45.0, "met"),
    ]:
        ind = indicator(evaluate(s, BTB, good(**{"3_1": obs("2021", 48.0)}), as_of), "3.1")
        assert (ind.threshold, ind.status) == (threshold, status), as_of
    ind = indicator(evaluate(s, BTB, good(), "2023"), "3.1")
    assert ind.basis[-1] == "năm 2022 (gần nhất trước 2023)"


def test_a_region_without_a_case_or_default_gives_missing_not_unmet(registry):
    nowhere = UnitProfile(code="X9")
    ind = indicator(evaluate(registry.get("xa-test"), nowhere, good(), "2023"), "3.1")
    assert ind.status == "missing"
    assert "vùng" in ind.basis[-2]


def test_missing_value_is_kept_apart_from_unmet(registry):
    data = good()
    del data["1.1"]
    result = evaluate(registry.get("xa-test"), BTB, data, "2023")
    assert indicator(result, "1.1").status == "missing"
    assert result.criteria[0].status == "missing"
    assert result.indicators_missing == 1
    assert result.criteria_met == 2
    assert not result.met


def test_it_uses_the_latest_value_at_or_before_the_period(registry):
    history = [
        Observation(Period.parse("2022"), 50.0),
        Observation(Period.parse("2023-06"), 95.0),
        Observation(Period.parse("2024"), 10.0),
    ]
    result = evaluate(registry.get("xa-test"), BTB, good(**{"1_1": history}), "2023-12")
    ind = indicator(result, "1.1")
    assert (ind.value, ind.period, ind.status) == (95.0, "2023-06", "met")
    result = evaluate(registry.get("xa-test"), BTB, good(**{"1_1": history}), "2023-05")
    assert indicator(result, "1.1").value == 50.0


def test_a_value_older_than_twelve_months_is_stale(registry):
    result = evaluate(
        registry.get("xa-test"), BTB, good(**{"1_1": obs("2022-04", 95.0)}), "2023-05"
    )
    assert indicator(result, "1.1").stale
    result = evaluate(
        registry.get("xa-test"), BTB, good(**{"1_1": obs("2022-05", 95.0)}), "2023-05"
    )
    assert not indicator(result, "1.1").stale


def test_a_value_after_the_period_is_not_used(registry):
    result = evaluate(registry.get("xa-test"), BTB, good(**{"1_1": obs("2024", 95.0)}), "2023")
    assert indicator(result, "1.1").status == "missing"


def test_not_applicable_is_entered_or_follows_a_flag(registry):
    s = registry.get("xa-test")
    flagged = UnitProfile(code="X1", region="BTB", flags=frozenset({"has_craft_village"}))
    result = evaluate(s, flagged, good(), "2023")
    assert indicator(result, "2.2").status == "missing"
    result = evaluate(s, flagged, good(**{"2_2": obs("2023", False)}), "2023")
    assert indicator(result, "2.2").status == "unmet"
    result = evaluate(s, BTB, good(**{"1_2": obs("2023", NOT_APPLICABLE)}), "2023")
    assert indicator(result, "1.2").status == "not_applicable"
    assert result.criteria[0].status == "met"


def test_a_value_of_the_wrong_kind_is_unmet_and_explained(registry):
    result = evaluate(registry.get("xa-test"), BTB, good(**{"1_1": obs("2023", "nhiều")}), "2023")
    ind = indicator(result, "1.1")
    assert ind.status == "unmet"
    assert "kiểu" in ind.basis[-1]


def test_a_false_boolean_is_unmet(registry):
    result = evaluate(registry.get("xa-test"), BTB, good(**{"1_2": obs("2023", False)}), "2023")
    assert indicator(result, "1.2").status == "unmet"


def test_unverified_thresholds_are_marked(registry):
    result = evaluate(registry.get("xa-test"), BTB, good(), "2023")
    assert result.rests_on_unverified
    assert not indicator(result, "1.1").verified
    assert indicator(result, "1.2").verified


def test_summary_counts_agree_with_the_full_result(registry):
    evaluator = Evaluator(registry.get("xa-test"), registry)
    data = good(**{"1_1": obs("2023", 10.0), "2_1": obs("2023", 50.0)})
    del data["3.1"]
    full = evaluator.evaluate(BTB, data, "2023")
    summary = evaluator.summarize(BTB, data, "2023")
    assert (
        summary.criteria_met,
        summary.indicators_met,
        summary.indicators_missing,
        summary.unmet_criteria,
        summary.met,
    ) == (
        full.criteria_met,
        full.indicators_met,
        full.indicators_missing,
        full.unmet_criteria,
        full.met,
    )
    assert summary.unmet_criteria == (1, 2, 3)


def test_a_model_threshold_follows_the_advanced_threshold(registry):
    result = evaluate(
        registry.get("xa-test-km"),
        BTB,
        values(**{"1_1": obs("2023", 65.0), "1_2": obs("2023", 1)}),
        "2023",
        registry,
    )
    ind = indicator(result, "1.1")
    assert ind.threshold == pytest.approx(66.0)
    assert ind.status == "unmet"
    assert "xa-test-nc" in ind.basis[0]


def test_text_rules_compare_after_normalisation(tmp_path):
    from ntm.criteria.registry import load_dirs
    from tests.criteria.conftest import write_sets

    text_set = """
    code: t
    name: t
    level: village
    tier: ntm
    declared: {criteria: 1, indicators: 2}
    criteria:
      - number: 1
        name: t
        indicators:
          - {code: "1.1", name: xếp loại, kind: text, op: "==", threshold: "Hoàn thành tốt",
             source: s, verified: false}
          - {code: "1.2", name: xếp loại 2, kind: text, op: in, threshold: [Tốt, Khá],
             source: s, verified: false}
    """
    reg = load_dirs([write_sets(tmp_path, t=text_set)])
    data = {"1.1": obs("2023", "hoàn thành TỐT "), "1.2": obs("2023", "khá")}
    result = evaluate(reg.get("t"), UnitProfile(code="V"), data, "2023")
    assert [i.status for i in result.indicators] == ["met", "met"]
    data["1.2"] = obs("2023", "Trung bình")
    assert (
        evaluate(reg.get("t"), UnitProfile(code="V"), data, "2023").indicators[1].status == "unmet"
    )


def test_a_yearly_and_a_december_value_keep_their_own_period_text(registry):
    s = registry.get("xa-test")
    year = evaluate(s, BTB, good(**{"1_1": obs("2022", 95.0)}), "2023")
    december = evaluate(s, BTB, good(**{"1_1": obs("2022-12", 95.0)}), "2023")
    assert (indicator(year, "1.1").period, indicator(december, "1.1").period) == ("2022", "2022-12")


def test_a_threshold_that_does_not_vary_still_says_why(registry, tmp_path):
    from ntm.criteria.registry import load_dirs
    from tests.criteria.conftest import write_sets

    plain = """
    code: p
    name: p
    level: village
    tier: ntm
    declared: {criteria: 1, indicators: 1}
    criteria:
      - number: 1
        name: p
        indicators:
          - {code: "1.1", name: p, kind: percent, op: ">=", threshold: 80, source: s,
             verified: false}
    """
    reg = load_dirs([write_sets(tmp_path, p=plain)])
    ind = evaluate(
        reg.get("p"), UnitProfile(code="V"), {"1.1": obs("2023", 85.0)}, "2023"
    ).indicators[0]
    assert ind.basis == ("mức chung, không phân theo vùng, nhóm xã hay năm",)
