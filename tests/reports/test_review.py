"""The review reproduces seed 002's groups and narrative from evaluation results."""

from __future__ import annotations

import json

from ntm.reports.narrative import NO_COMMUNES_VI
from ntm.reports.review import CommuneEntry, build_review
from ntm.reports.synthetic import make_result, make_set
from tests.reports.seed002 import (
    ADVANCED_SET,
    ADVANCED_UNMET_REPRODUCED,
    NTM_SET,
    PERIOD,
    THO_XUAN,
    advanced_entries,
    ntm_entries,
)

NTM_GROUP_SENTENCE = (
    "Qua rà soát có 04 xã gồm: Xuân Minh, Xuân Tín, Trường Xuân và Xuân Lập đạt 18/19 tiêu chí, "
    "56/57 chỉ tiêu; có 03 xã gồm: Xuân Hồng, Xuân Phú và Thọ Diên đạt 17/19 tiêu chí, 54-55/57 "
    "chỉ tiêu; có 02 xã gồm: Phú Xuân và Xuân Hưng đạt 15/19 tiêu chí, 51-53/57 chỉ tiêu; có 02 xã "
    "gồm: Xuân Phong và Quảng Phú đạt 13/19 tiêu chí, 47-49/57 chỉ tiêu; xã Thuận Minh đạt 12/19 "
    "tiêu chí, 44/57 chỉ tiêu."
)
NTM_UNMET_SENTENCE = (
    "Các tiêu chí chưa đạt: Tiêu chí số 2 - Giao thông có 05 xã chưa đạt; Tiêu chí số 4 - Điện có "
    "02 xã chưa đạt; Tiêu chí số 6 - Cơ sở vật chất văn hóa có 05 xã chưa đạt; Tiêu chí số 7 - Cơ "
    "sở hạ tầng thương mại nông thôn có 02 xã chưa đạt về chỉ tiêu 7.1; Tiêu chí số 12 - Lao động "
    "có 01 xã chưa đạt về chỉ tiêu 12.1; Tiêu chí số 13 - Tổ chức sản xuất và phát triển kinh tế "
    "nông thôn có 04 xã chưa đạt; Tiêu chí số 15 - Y tế có 03 xã chưa đạt; Tiêu chí số 17 - Môi "
    "trường và an toàn thực phẩm có 12 xã chưa đạt về chỉ tiêu 17.1."
)
ADVANCED_GROUP_SENTENCE = (
    "Qua rà soát xã Xuân Hòa đạt 17/19 tiêu chí, 73/75 chỉ tiêu; có 02 xã gồm: Bắc Lương và Tây Hồ "
    "đạt 16/19 tiêu chí, 69-71/75 chỉ tiêu; xã Thọ Lập đạt 15/19 tiêu chí, 68/75 chỉ tiêu; có 02 "
    "xã gồm: Xuân Trường và Thọ Xương đạt 14/19 tiêu chí, 64-68/75 chỉ tiêu; có 02 xã gồm: Xuân "
    "Bái và Thọ Hải đạt 12/19 tiêu chí, 64/75 chỉ tiêu; có 02 xã gồm: Xuân Giang và Thọ Lâm đạt "
    "10/19 tiêu chí, 54-57/75 chỉ tiêu."
)


def ntm_review():
    return build_review(THO_XUAN, NTM_SET, PERIOD, ntm_entries())


def test_it_groups_seed_002_ntm_communes_by_criteria_met_highest_first():
    data = ntm_review().to_json()
    groups = [(g["criteria_met"], g["indicators_met"], len(g["communes"])) for g in data["groups"]]
    assert groups == [
        (18, [56, 56], 4),
        (17, [54, 55], 3),
        (15, [51, 53], 2),
        (13, [47, 49], 2),
        (12, [44, 44], 1),
    ]
    assert data["groups"][0]["names"] == ["Xuân Minh", "Xuân Tín", "Trường Xuân", "Xuân Lập"]


def test_it_counts_the_communes_failing_each_criterion_as_seed_002_lists_them():
    data = ntm_review().to_json()
    counts = {u["criterion"]: u["communes"] for u in data["unmet_by_criterion"]}
    assert counts == {2: 5, 4: 2, 6: 5, 7: 2, 12: 1, 13: 4, 15: 3, 17: 12}
    assert [u["criterion"] for u in data["unmet_by_criterion"]] == sorted(counts)


def test_it_keeps_missing_values_apart_from_unmet_criteria():
    data = ntm_review().to_json()
    assert data["missing_by_criterion"] == [
        {
            "criterion": 18,
            "name": "Hệ thống chính trị và tiếp cận pháp luật",
            "communes": 3,
            "commune_codes": ["16008", "16010", "16011"],
        }
    ]
    thuan_minh = next(c for c in data["communes"] if c["name"] == "Thuận Minh")
    assert thuan_minh["unmet_criteria"] == [2, 4, 6, 7, 13, 17]
    assert thuan_minh["missing_indicators"] == ["18.1", "18.2"]
    assert (thuan_minh["criteria_met"], thuan_minh["indicators_met"]) == (12, 44)


def test_it_writes_the_review_narrative_like_seed_002():
    text = ntm_review().text
    assert NTM_GROUP_SENTENCE in text.splitlines()
    assert NTM_UNMET_SENTENCE in text.splitlines()
    assert text.splitlines()[0] == (
        "Kết quả rà soát theo xa-ntm-2021-2025 đối với 12 xã của huyện Thọ Xuân, tính đến tháng "
        "5/2023."
    )
    assert "Tiêu chí số 18 - Hệ thống chính trị và tiếp cận pháp luật có 03 xã" in text


def test_it_writes_an_english_rendering_for_the_api():
    text_en = ntm_review().text_en
    assert (
        "4 communes (Xuân Minh, Xuân Tín, Trường Xuân and Xuân Lập) meet 18/19 criteria and 56/57 "
        "indicators" in text_en
    )
    assert "Thuận Minh commune meets 12/19 criteria and 44/57 indicators" in text_en
    assert "criterion 2 - Giao thông: 5 communes" in text_en
    assert "as of May 2023" in text_en


def test_it_reproduces_seed_002_advanced_groups_and_narrative():
    review = build_review(THO_XUAN, ADVANCED_SET, PERIOD, advanced_entries())
    assert ADVANCED_GROUP_SENTENCE in review.text.splitlines()
    counts = {u.number: len(u.unmet) for u in review.unmet_by_criterion}
    assert counts == ADVANCED_UNMET_REPRODUCED


def test_its_json_has_the_contract_keys_and_is_serialisable():
    data = json.loads(json.dumps(ntm_review().to_json(), ensure_ascii=False))
    assert {"unit", "set", "period", "communes", "groups", "unmet_by_criterion", "text"} <= set(
        data
    )
    assert data["unit"] == {"code": "380", "name": "Thọ Xuân"}
    assert {k: data["set"][k] for k in ("code", "criteria", "indicators")} == {
        "code": "xa-ntm-2021-2025",
        "criteria": 19,
        "indicators": 57,
    }
    assert data["period"] == "2023-05"
    commune_keys = {
        "code",
        "name",
        "criteria_met",
        "indicators_met",
        "unmet_criteria",
        "missing_indicators",
        "level",
    }
    assert all(commune_keys <= set(c) for c in data["communes"])
    assert all({"criteria_met", "indicators_met", "communes"} <= set(g) for g in data["groups"])
    assert all({"criterion", "name", "communes"} <= set(u) for u in data["unmet_by_criterion"])


def test_it_marks_verdicts_that_rest_on_an_unverified_threshold():
    criteria_set = make_set("s", {1: 2, 2: 2}, unverified=("2.1",))
    entries = [
        CommuneEntry("1", "An Bình", make_result(criteria_set, "1", PERIOD, {2: 1})),
        CommuneEntry("2", "An Hòa", make_result(criteria_set, "2", PERIOD, {1: 1})),
    ]
    data = build_review(THO_XUAN, criteria_set, PERIOD, entries).to_json()
    assert [c["unverified_criteria"] for c in data["communes"]] == [[2], [2]]
    assert data["unverified"] is True
    assert next(u for u in data["unmet_by_criterion"] if u["criterion"] == 2)["unverified"] == 1
    assert (
        "Lưu ý: kết quả của 02 xã ở tiêu chí số 2 dựa trên ngưỡng chưa được đối chiếu"
        in data["text"]
    )


def test_it_says_when_the_set_is_incomplete():
    criteria_set = make_set(
        "xa-ntm-2026-2030", {n: 3 for n in range(1, 11)}, declared_indicators=47
    )
    entries = [CommuneEntry("1", "An Bình", make_result(criteria_set, "1", "2026-03"))]
    review = build_review(THO_XUAN, criteria_set, "2026-03", entries)
    assert review.to_json()["set"]["complete"] is False
    assert "mới có 30 trên 47 chỉ tiêu" in review.text
    assert "30 of 47 indicators" in review.text_en


def test_it_says_so_when_no_commune_has_values():
    review = build_review(THO_XUAN, NTM_SET, PERIOD, [])
    assert review.text == NO_COMMUNES_VI
    assert review.to_json()["groups"] == []


def test_it_flags_communes_that_meet_the_revocation_condition():
    from ntm.criteria.model import CriteriaSet, Criterion
    from ntm.criteria.results import CriterionResult, UnitResult
    from ntm.reports.review import CommuneEntry, UnitRef, build_review

    crit = tuple(Criterion(n, f"Tiêu chí {n}", ()) for n in range(1, 11))
    s = CriteriaSet(
        "x", "Bộ x", "commune", "ntm", "region", 10, 10, crit, revocation_key_criteria=(10,)
    )

    def result(unmet: set[int]) -> UnitResult:
        criteria = tuple(
            CriterionResult(n, f"Tiêu chí {n}", "unmet" if n in unmet else "met", ())
            for n in range(1, 11)
        )
        return UnitResult("c", "x", "2023", criteria, 10, 10, True)

    entries = [
        CommuneEntry("A", "An", result({8, 9, 10})),
        CommuneEntry("B", "Bình", result({7, 8, 9})),
    ]
    review = build_review(UnitRef("H", "Huyện"), s, "2023", entries)
    risks = {c["code"]: c["revocation_risk"]["at_risk"] for c in review.to_json()["communes"]}
    assert risks == {"A": True, "B": False}
    assert "thu hồi" in review.text and "An (3/10" in review.text and "Bình (" not in review.text


def test_a_unit_whose_name_starts_with_its_type_is_named_once():
    from ntm.reports.review import UnitRef

    criteria_set = make_set("x", {1: 1, 2: 1})
    review = build_review(
        UnitRef("9389401-1", "Thôn 1", "thôn"),
        criteria_set,
        PERIOD,
        [CommuneEntry("c1", "A", make_result(criteria_set, "c1", PERIOD))],
    )
    assert "của Thôn 1," in review.text
    assert "thôn Thôn 1" not in review.text


def test_a_criterion_whose_indicators_all_do_not_apply_counts_as_the_engine_counts_it():
    from ntm.criteria.results import NOT_APPLICABLE, CriterionResult
    from ntm.reports.review import commune_row

    criteria_set = make_set("x", {1: 2, 2: 1})
    result = make_result(criteria_set, "c1", PERIOD)
    first = result.criteria[0]
    not_applicable = CriterionResult(
        first.number,
        first.name,
        NOT_APPLICABLE,
        tuple(
            type(i)(i.code, i.name, NOT_APPLICABLE, None, None, i.op, i.threshold, i.basis)
            for i in first.indicators
        ),
    )
    result = type(result)(
        result.unit_code,
        result.set_code,
        result.period,
        (not_applicable, *result.criteria[1:]),
        result.declared_criteria,
        result.declared_indicators,
        result.complete,
    )
    row = commune_row(CommuneEntry("c1", "A", result))
    assert (
        (row.criteria_met, row.criteria_total)
        == (result.criteria_met, result.criteria_total)
        == (2, 2)
    )
    assert row.indicators_met == result.indicators_met
