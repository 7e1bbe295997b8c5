"""A recognition case tells its next actors by e-mail, and a change of values after an approval
reopens the case on its timeline (issue 9: notifications, "never silently")."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from ntm.accounts.access import step_actors
from ntm.assessments.services import do_set_value
from ntm.recognition.cases import do_approve_step, do_open_case, do_return_case
from ntm.recognition.models import CaseEvent
from tests.recognition.test_cases import OPENED, _advance_to, _complete_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailed(personas):
    for user, address in (
        (personas.commune_officer, "xa@example.org"),
        (personas.district_office, "huyen@example.org"),
        (personas.province_office, "tinh@example.org"),
    ):
        user.email = address
        user.save()
    return personas


def test_step_actors_are_the_roles_the_step_names_at_or_above_the_unit(units, personas):
    assert step_actors(units.commune, ["district"]) == [personas.district_office]
    assert step_actors(units.other_commune, ["district"]) == [personas.other_district_officer]
    assert step_actors(units.commune, ["commune"]) == [personas.commune_officer]


def test_an_approval_mails_the_next_steps_actors_after_commit(
    units, mailed, django_capture_on_commit_callbacks
):
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    _complete_step(case, mailed.commune_officer)
    with django_capture_on_commit_callbacks(execute=True):
        do_approve_step(case=case, author=mailed.commune_officer, on=OPENED)

    assert [m.to for m in mail.outbox] == [["xa@example.org"]]  # public posting: the commune
    assert "Xuân Hòa" in mail.outbox[0].subject
    assert f"/recognition/cases/{case.pk}/" in mail.outbox[0].body


def test_a_return_mails_the_reason_to_the_step_it_goes_back_to(
    units, mailed, django_capture_on_commit_callbacks
):
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    _complete_step(case, mailed.commune_officer)
    do_approve_step(case=case, author=mailed.commune_officer, on=OPENED)
    with django_capture_on_commit_callbacks(execute=True):
        do_return_case(case=case, reason="Thiếu biểu chi tiết", author=mailed.district_office)

    assert [m.to for m in mail.outbox] == [["xa@example.org"]]
    assert "Thiếu biểu chi tiết" in mail.outbox[0].body


def test_values_changed_after_an_approval_reopen_the_case_visibly(
    units, mailed, django_capture_on_commit_callbacks
):
    case = do_open_case(unit=units.commune, level="ntm", on=OPENED)
    _advance_to(case, "satisfaction-survey", mailed, OPENED)
    assert not case.locked

    with django_capture_on_commit_callbacks(execute=True):
        do_set_value(
            unit=units.commune,
            set_code="xa-ntm-2021-2025",
            indicator_code="2.1",
            period="2023",
            raw="80",
            source="form",
            author=mailed.commune_officer,
        )

    case.refresh_from_db()
    assert case.step == "self-assessment"
    event = CaseEvent.objects.filter(case=case).order_by("-pk").first()
    assert (event.action, event.to_step, event.actor) == (
        "reopen",
        "self-assessment",
        mailed.commune_officer,
    )
    assert "xa-ntm-2021-2025 2023" in event.reason
    assert mail.outbox[-1].to == ["xa@example.org"]
    assert "mở lại" in mail.outbox[-1].body


def test_values_entered_at_the_first_step_leave_the_case_where_it_is(units, personas):
    case = do_open_case(unit=units.commune, level="ntm", on=date(2023, 3, 1))
    do_set_value(
        unit=units.commune,
        set_code="xa-ntm-2021-2025",
        indicator_code="2.1",
        period="2023",
        raw="80",
        source="form",
        author=personas.commune_officer,
    )
    case.refresh_from_db()
    assert case.step == "self-assessment"
    assert not CaseEvent.objects.filter(case=case, action="reopen").exists()
