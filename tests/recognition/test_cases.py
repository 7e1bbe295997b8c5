"""The recognition workflow: steps from data, the dossier, approve / return / withdraw, the
decision, every transition on the timeline, and the values locked under appraisal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile

from ntm.assessments.services import do_set_value
from ntm.imports.service import run_import
from ntm.recognition.cases import (
    CaseError,
    do_approve_step,
    do_attach_dossier_item,
    do_decide_case,
    do_open_case,
    do_relock_case,
    do_return_case,
    do_unlock_case,
    do_withdraw_case,
)
from ntm.recognition.locks import ValuesLocked
from ntm.recognition.models import CaseEvent, Recognition
from ntm.recognition.services import RecognitionFields
from ntm.recognition.survey_import import Answer, do_record_answers
from ntm.recognition.workflow import load_workflows, workflow_for

pytestmark = pytest.mark.django_db
OPENED = date(2023, 3, 1)


def _complete_step(case, author):
    from ntm.recognition.cases import current_step

    for item in current_step(case).checklist:
        do_attach_dossier_item(
            case=case, item=item.key, author=author, document=("scan.pdf", ContentFile(b"%PDF-1"))
        )


def _satisfied_survey(commune, satisfied=19, unhappy=1):
    answers = [
        Answer(
            commune.pk,
            None,
            "2023",
            f"hộ {i}",
            "chung",
            i < satisfied,
            "" if i < satisfied else "đường xấu",
            date(2023, 3, 5),
            None,
        )
        for i in range(satisfied + unhappy)
    ]
    do_record_answers(answers)


def _advance_to(case, key, personas, on):
    """Approve steps until the case is at ``key`` (completing each step's dossier)."""
    while case.step != key:
        _complete_step(case, personas.province_office)
        on += timedelta(days=20)
        do_approve_step(case=case, author=personas.province_office, on=on)
    return on


def test_the_workflow_in_force_depends_on_the_date_and_comes_from_data():
    assert workflow_for("commune", date(2023, 1, 1)).code == "xa-2021-2025"
    after = workflow_for("commune", date(2025, 9, 1))
    assert after.code == "xa-2025"
    # a pre-2025 commune keeps the three-tier workflow of its era, whatever the date
    assert workflow_for("commune", date(2026, 1, 1), "2008").code == "xa-2021-2025"
    assert workflow_for("commune", date(2026, 1, 1), "2025").code == "xa-2025"
    assert "district-appraisal" not in [s.key for s in after.steps]
    steps = [s.key for s in load_workflows()[("xa-2021-2025", 1)].steps]
    assert steps == [
        "self-assessment",
        "public-posting",
        "satisfaction-survey",
        "district-appraisal",
        "province-appraisal",
        "decision",
    ]


def test_a_step_needs_its_dossier_and_the_posting_period_before_it_is_approved(units, personas):
    case = do_open_case(unit=units.commune, level="ntm", author=personas.commune_officer, on=OPENED)
    with pytest.raises(CaseError, match="Tờ trình"):
        do_approve_step(case=case, author=personas.commune_officer, on=OPENED)
    _complete_step(case, personas.commune_officer)
    do_approve_step(case=case, author=personas.commune_officer, on=OPENED)
    assert case.step == "public-posting"
    _complete_step(case, personas.commune_officer)
    with pytest.raises(CaseError, match="15 ngày chưa hết: đến hết ngày 15/03/2023"):
        do_approve_step(case=case, author=personas.commune_officer, on=OPENED + timedelta(days=14))
    do_approve_step(case=case, author=personas.commune_officer, on=OPENED + timedelta(days=15))
    assert case.step == "satisfaction-survey"


def test_the_survey_step_needs_a_survey_that_meets_the_rule(units, personas):
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    on = _advance_to(case, "satisfaction-survey", personas, OPENED)
    _complete_step(case, personas.commune_officer)
    with pytest.raises(CaseError, match="Chưa có kết quả lấy ý kiến"):
        do_approve_step(case=case, on=on)
    _satisfied_survey(units.commune, satisfied=17, unhappy=3)  # 85% < 90%
    with pytest.raises(CaseError, match="chưa đạt yêu cầu .*85,0%"):
        do_approve_step(case=case, on=on)
    _satisfied_survey(units.commune, satisfied=18, unhappy=2)  # same households: 90%
    do_approve_step(case=case, on=on)
    assert case.step == "district-appraisal"


def test_return_needs_a_reason_and_goes_back_one_step_on_the_timeline(units, personas):
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    _complete_step(case, personas.commune_officer)
    do_approve_step(case=case, author=personas.commune_officer, on=OPENED)
    with pytest.raises(CaseError, match="lý do"):
        do_return_case(case=case, reason="  ", author=personas.district_office)
    do_return_case(case=case, reason="Thiếu biểu chi tiết", author=personas.district_office)
    assert case.step == "self-assessment"
    events = list(CaseEvent.objects.filter(case=case).values_list("action", "to_step", "reason"))
    assert events[-1] == ("return", "self-assessment", "Thiếu biểu chi tiết")
    assert [e[0] for e in events].count("approve") == 1
    assert (
        CaseEvent.objects.filter(case=case, action="return").get().actor == personas.district_office
    )


def test_a_withdrawn_case_takes_no_further_action(units, personas):
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    do_withdraw_case(case=case, reason="Chưa đủ điều kiện", author=personas.commune_officer)
    assert case.status == "withdrawn"
    with pytest.raises(CaseError, match="đã kết thúc"):
        do_approve_step(case=case)
    # a new case may be opened once the old one is withdrawn
    assert do_open_case(unit=units.commune, level="ntm", on=OPENED).status == "open"


def test_values_under_province_appraisal_are_locked_until_explicitly_unlocked(
    units, personas, tmp_path
):
    def write(raw):
        return do_set_value(
            unit=units.commune,
            set_code="xa-ntm-2021-2025",
            indicator_code="2.1",
            period="2023-05",
            raw=raw,
            source="form",
            author=personas.commune_officer,
        )

    write("80")
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    _satisfied_survey(units.commune)
    on = _advance_to(case, "province-appraisal", personas, OPENED)
    assert case.locked
    with pytest.raises(ValuesLocked, match="đang bị khóa"):
        write("95")
    path = tmp_path / "v.csv"
    path.write_text("unit,period,set,indicator,value\n9389401,2023-05,xa-ntm-2021-2025,2.1,96\n")
    outcome = run_import(path)
    assert not outcome.ok and "đang bị khóa" in outcome.errors[0].reason
    assert write("80").raw == "80"  # unchanged: nothing written, nothing refused
    do_unlock_case(case=case, reason="Sửa số liệu giao thông", author=personas.province_office)
    assert not case.locked
    assert write("95").raw == "95"
    changed = CaseEvent.objects.get(case=case, action="values-changed")
    assert "xa-ntm-2021-2025 2023-05" in changed.reason
    assert changed.actor == personas.commune_officer
    do_relock_case(case=case, author=personas.province_office)
    with pytest.raises(ValuesLocked):
        write("97")
    assert on


def test_the_decision_step_records_the_recognition_and_closes_the_case(units, personas):
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    _satisfied_survey(units.commune)
    on = _advance_to(case, "decision", personas, OPENED)
    with pytest.raises(CaseError, match="quyết định"):
        do_approve_step(case=case, on=on)
    fields = RecognitionFields("ntm", "12/QĐ-UBND", on, "UBND tỉnh Thanh Hóa")
    do_decide_case(case=case, fields=fields, author=personas.province_office, on=on)
    assert case.status == "decided" and not case.locked
    recognition = Recognition.objects.get(unit=units.commune)
    assert case.recognition == recognition and recognition.source == "case"
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions[0] == "open" and actions[-1] == "decide"
    assert case.history.count() >= 6
