"""The pure gap rules: distance in the indicator's unit, relative distance, the easy-first order."""

from __future__ import annotations

from ntm.criteria.results import MET, MISSING, UNMET, CriterionResult, IndicatorResult, UnitResult
from ntm.reports.gaps import build_gaps, distance, relative_distance


def _ind(code, status, value, op=">=", threshold=100.0):
    return IndicatorResult(code, code, status, value, "2023", op, threshold, ())


def _result(code, criteria):
    crits = tuple(
        CriterionResult(
            n,
            f"TC {n}",
            UNMET
            if any(i.status == UNMET for i in inds)
            else MISSING
            if any(i.status == MISSING for i in inds)
            else MET,
            tuple(inds),
        )
        for n, inds in criteria
    )
    return UnitResult(code, "s", "2023", crits, len(crits), sum(len(i) for _, i in criteria), True)


def test_distance_is_how_far_the_value_is_from_passing_in_the_indicators_unit():
    assert distance(">=", 80, 100) == 20
    assert distance(">=", 90.3, 95) == 4.7
    assert distance("<=", 9.5, 6) == 3.5
    assert distance("<", 7, 6) == 1
    assert distance("==", 3, 5) == 2


def test_distance_is_null_for_yes_no_and_text():
    assert distance("is_true", False, None) is None
    assert distance("==", "có", "không") is None
    assert distance("in", "A", frozenset({"B"})) is None
    assert distance(">=", True, 100) is None


def test_relative_distance_is_distance_over_threshold_and_null_where_undefined():
    assert relative_distance(20, 100) == 0.2
    assert relative_distance(3.5, 6) == round(3.5 / 6, 9)
    assert relative_distance(1, 0) is None
    assert relative_distance(None, 100) is None


def test_communes_that_meet_every_criterion_are_left_out():
    ok = _result("01", [(1, [_ind("1.1", MET, 100)])])
    assert build_gaps("U", "s", "2023", [("01", "A", ok)]).communes == ()


def test_easy_first_fewest_criteria_then_indicators_then_relative_sum_then_code():
    two_criteria = _result("01", [(1, [_ind("1.1", UNMET, 99)]), (2, [_ind("2.1", UNMET, 99)])])
    two_indicators = _result(
        "02", [(1, [_ind("1.1", UNMET, 99), _ind("1.2", UNMET, 99)]), (2, [_ind("2.1", MET, 100)])]
    )
    far = _result("03", [(1, [_ind("1.1", UNMET, 10)]), (2, [_ind("2.1", MET, 100)])])
    near_b = _result("05", [(1, [_ind("1.1", UNMET, 90)]), (2, [_ind("2.1", MET, 100)])])
    near_a = _result("04", [(1, [_ind("1.1", UNMET, 90)]), (2, [_ind("2.1", MET, 100)])])
    gaps = build_gaps(
        "U",
        "s",
        "2023",
        [
            (r.unit_code, r.unit_code, r)
            for r in (two_criteria, two_indicators, far, near_b, near_a)
        ],
    )
    assert [c.code for c in gaps.communes] == ["04", "05", "03", "02", "01"]


def test_a_missing_value_counts_as_a_criterion_not_met_and_is_listed_apart():
    result = _result("01", [(1, [_ind("1.1", MISSING, None)]), (2, [_ind("2.1", UNMET, 50)])])
    data = build_gaps("U", "s", "2023", [("01", "A", result)]).to_json()["communes"][0]
    assert data["missing"] == ["1.1"]
    assert data["criteria_met"] == 0
    assert data["unmet"] == [
        {
            "criterion": 2,
            "indicator": "2.1",
            "value": 50,
            "threshold": 100.0,
            "distance": 50.0,
            "relative_distance": 0.5,
        }
    ]


def test_missing_values_are_listed_apart_and_do_not_count_as_unmet_in_the_order():
    missing_and_one = _result(
        "01", [(1, [_ind("1.1", MISSING, None)]), (2, [_ind("2.1", UNMET, 50)])]
    )
    two_unmet = _result(
        "02", [(1, [_ind("1.1", MET, 100)]), (2, [_ind("2.1", UNMET, 99), _ind("2.2", UNMET, 99)])]
    )
    gaps = build_gaps("U", "s", "2023", [("02", "B", two_unmet), ("01", "A", missing_and_one)])
    assert [c.code for c in gaps.communes] == ["01", "02"]
    assert gaps.communes[0].failing_criteria == (1, 2) and gaps.communes[0].unmet_criteria == (2,)


def test_criteria_and_indicators_met_are_the_reviews_counts():
    from ntm.reports.review import CommuneEntry, commune_row

    result = _result(
        "01",
        [(1, [_ind("1.1", MISSING, None), _ind("1.2", MET, 100)]), (2, [_ind("2.1", UNMET, 50)])],
    )
    row = commune_row(CommuneEntry("01", "A", result))
    gap = build_gaps("U", "s", "2023", [("01", "A", result)]).communes[0]
    assert (
        (gap.criteria_met, gap.indicators_met) == (row.criteria_met, row.indicators_met) == (0, 1)
    )
