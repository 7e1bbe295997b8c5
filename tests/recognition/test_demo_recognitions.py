"""The demo's recognitions make the summary print the seeds' cumulative sentences
(seeds 000, 004)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.demo.conftest import demo_loaded  # noqa: F401 - the module-scoped demo fixture

pytestmark = pytest.mark.django_db


def district(path: str):
    from ntm.units.selectors import find_unit

    return find_unit(path, on=date(2023, 5, 1))


def summary(path: str, period: str, since: str | None = None):
    from ntm.reportsdata.gather import summary_for

    return summary_for(district(path), period, since)


def test_quan_son_on_31_3_2023_has_seed_004s_cumulative_sentence(demo_loaded):  # noqa: F811
    s = summary("Thanh Hóa/Quan Sơn", "2023-03", "2020")
    assert (
        "Theo quyết định công nhận (chưa bị thu hồi), lũy kế đến 31/3/2023: "
        "toàn huyện Quan Sơn đã có "
        "02 xã, 56 bản đạt chuẩn NTM; 09 bản đạt chuẩn NTM kiểu mẫu."
    ) in s.text
    assert s.to_json()["recognised"] == {
        "communes": {"ntm": 2, "advanced": 0, "model": 0},
        "villages": {"ntm": 56, "model": 9},
        "unit": [],
    }
    rows = {
        row[0]: row[2:]
        for row in next(sec for sec in s.sections if sec.key == "recognised").rows("vi")
    }
    assert rows["Số bản được công nhận đạt chuẩn NTM (theo quyết định)"] == [51, 56, 5]
    assert rows["Số bản được công nhận NTM kiểu mẫu (theo quyết định)"] == [7, 9, 2]


def test_tho_xuan_has_seed_000s_figures_by_decision_while_the_data_says_12_fall_short(demo_loaded):  # noqa: F811
    feb = summary("Thanh Hóa/Thọ Xuân", "2023-02")
    assert (
        "toàn huyện Thọ Xuân đã có 27 xã, 12 thôn đạt chuẩn NTM; 11 xã đạt chuẩn NTM nâng cao, "
        "02 xã đạt chuẩn NTM kiểu mẫu, 12 thôn đạt chuẩn NTM kiểu mẫu."
    ) in feb.text
    assert feb.to_json()["recognised"]["communes"] == {"ntm": 27, "advanced": 13, "model": 2}
    assert (
        "Huyện Thọ Xuân được công nhận đạt chuẩn NTM theo Quyết định số TX-2019/QĐ-TTg (demo)"
        in feb.text
    )
    may = summary("Thanh Hóa/Thọ Xuân", "2023-05").to_json()
    assert (
        may["recognised"]["communes"]["ntm"] == 27 and may["communes"]["ntm"] == 15
    )  # by decision vs by data
    end_2018 = summary("Thanh Hóa/Thọ Xuân", "2018").to_json()
    assert end_2018["recognised"]["communes"]["ntm"] == 27 and end_2018["recognised"]["unit"] == []


def test_the_may_2023_review_names_the_recognised_communes_short_of_the_new_set(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import review_for

    review = review_for(district("Thanh Hóa/Thọ Xuân"), "xa-ntm-2021-2025", "2023-05")
    assert (
        "Có 12 xã đã được công nhận theo quyết định nhưng theo số liệu chưa đạt đủ" in review.text
    )
    assert all(c.recognised == "ntm" for c in review.communes if c.criteria_met < 19)


def test_kien_thuy_is_recognised_by_decision_881_of_22_7_2022(demo_loaded):  # noqa: F811
    data = summary("Hải Phòng/Kiến Thụy", "2023-05").to_json()
    assert data["recognised"]["unit"] == [
        {"level": "ntm", "decision": "881/QĐ-TTg", "date": "2022-07-22"}
    ]
    assert data["recognised"]["communes"] == {"ntm": 17, "advanced": 4, "model": 2}
    binh_luc = summary("Hà Nam/Bình Lục", "2023-05").to_json()["recognised"]["communes"]
    assert binh_luc == {"ntm": 14, "advanced": 10, "model": 2}


def test_loading_the_demo_again_changes_no_recognition(demo_loaded):  # noqa: F811
    from ntm.demo.loader import load_demo_recognitions
    from ntm.recognition.models import Recognition

    before = Recognition.history.model.objects.count()
    assert load_demo_recognitions() == Recognition.objects.count()
    assert Recognition.history.model.objects.count() == before
    placeholders = Recognition.objects.exclude(decision="881/QĐ-TTg")
    assert all(r.decision.endswith("(demo)") for r in placeholders)


def test_each_period_is_evaluated_against_the_sets_in_force_then(demo_loaded):  # noqa: F811
    """Thọ Xuân (recognised 2019) and Kiến Thụy (recognised for 2020) meet the district set of
    their time, QĐ 558/2016, which has no "10% advanced communes" condition; reports name it."""
    from ntm.assessments.evaluation import ladder_sets, levels_for

    assert ladder_sets("district", "2019") == ("huyen-ntm-2016-2020",)
    assert ladder_sets("commune", "2023-05")[0] == "xa-ntm-2021-2025"
    tho_xuan, kien_thuy = district("Thanh Hóa/Thọ Xuân"), district("Hải Phòng/Kiến Thụy")
    assert levels_for([tho_xuan], "2019") == {tho_xuan.pk: "ntm"}
    assert levels_for([kien_thuy], "2020") == {kien_thuy.pk: "ntm"}
    data = summary("Thanh Hóa/Thọ Xuân", "2018").to_json()
    assert data["sets"]["ntm"] == "xa-ntm-2016-2020" and data["communes"]["ntm"] == 27
    assert "xa-ntm-2016-2020" in data["notes"][0]


def test_the_demo_has_a_case_in_progress_with_a_survey_that_meets_the_rule(demo_loaded):  # noqa: F811
    from ntm.recognition.models import RecognitionCase
    from ntm.recognition.survey import survey_result

    case = RecognitionCase.objects.get(unit__name="Xuân Sinh", level="advanced")
    assert case.step == "district-appraisal" and case.status == "open" and not case.locked
    assert [e.action for e in case.events.all()].count("approve") == 3
    result = survey_result(case.unit, date(2023, 12, 31))
    assert result.surveys[0].code == "2023 (demo)" and result.households == 30
    assert result.outcome.met and result.coverage == pytest.approx(25.0)
