"""Follow-up pages: drill-down from counts to communes to indicators, one-click tasks, what-if,
task progress; scoped through ntm.accounts.access (404 outside, 403 when only viewing)."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.planning.models import Task
from ntm.planning.services import do_create_task
from tests.planning.conftest import NTM, PERIOD, enter


@pytest.fixture
def gaps(units):
    enter(units.commune, {"2.1": "80", "17.1": "90"})
    enter(units.sibling_commune, {"17.1": "94"})
    enter(units.other_commune, {"2.1": "50"})


def _login(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_district_sees_counts_per_criterion_and_drills_down_to_communes_and_indicators(
    client, personas, gaps
):
    _login(client, personas.district_office)
    page = client.get(f"/follow-up/93894/gaps/?set={NTM}&period={PERIOD}").content.decode()
    assert 'data-criterion="17"' in page and 'data-criterion="2"' in page
    assert 'data-commune="9389001"' not in page  # another district
    assert 'data-commune="9389402"' in page.split('id="gap-table"')[1]

    page = client.get(
        f"/follow-up/93894/gaps/?set={NTM}&period={PERIOD}&criterion=2"
    ).content.decode()
    page = page.split('id="gap-table"')[1].split("</table>")[0]
    assert 'data-commune="9389401"' in page and 'data-commune="9389402"' not in page
    assert 'data-indicator="2.1"' in page and 'data-indicator="17.1"' not in page


@pytest.mark.django_db
def test_the_gap_json_of_the_page_is_the_commands(client, personas, gaps):
    _login(client, personas.district_office)
    data = client.get(f"/follow-up/93894/gaps/?set={NTM}&period={PERIOD}&format=json").json()
    assert [c["code"] for c in data["communes"]] == ["9389402", "9389401"]


@pytest.mark.django_db
def test_another_districts_gaps_are_not_found(client, personas, gaps):
    _login(client, personas.other_district_officer)
    assert client.get(f"/follow-up/93894/gaps/?set={NTM}&period={PERIOD}").status_code == 404
    assert client.get("/follow-up/9389401/what-if/").status_code == 404
    assert client.get("/follow-up/93894/tasks/").status_code == 404


@pytest.mark.django_db
def test_a_criterion_met_narrowly_is_flagged_not_durable(client, personas, units):
    enter(units.commune, {"17.1": "96"})  # threshold 95: 1% above
    _login(client, personas.district_office)
    page = client.get(f"/follow-up/93894/gaps/?set={NTM}&period={PERIOD}").content.decode()
    fragile = page.split('id="fragile-list"')[1].split("</ul>")[0]
    assert 'data-commune="9389401"' in fragile and "17.1: 96" in fragile
    page = client.get(
        f"/follow-up/93894/gaps/?set={NTM}&period={PERIOD}&margin=0,5"
    ).content.decode()
    assert "17.1: 96" not in page


@pytest.mark.django_db
def test_one_click_on_an_unmet_indicator_creates_a_task_with_the_criterions_department(
    client, personas, gaps
):
    _login(client, personas.district_office)
    response = client.post(
        "/follow-up/9389401/tasks/new/", {"set": NTM, "criterion": "17", "indicator": "17.1"}
    )
    task = Task.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/follow-up/tasks/{task.pk}/"
    assert (task.unit.code, task.criterion, task.indicator_code, task.status) == (
        "9389401",
        17,
        "17.1",
        "not-started",
    )
    assert task.department and task.owner == personas.district_office.username
    assert task.owner_user == personas.district_office
    assert task.history.get().history_user == personas.district_office


@pytest.mark.django_db
def test_a_viewer_may_not_create_tasks_and_an_outsider_gets_404(client, personas, gaps):
    _login(client, personas.viewer)
    assert (
        client.post("/follow-up/9389401/tasks/new/", {"set": NTM, "criterion": "17"}).status_code
        == 403
    )
    _login(client, personas.other_district_officer)
    assert (
        client.post("/follow-up/9389401/tasks/new/", {"set": NTM, "criterion": "17"}).status_code
        == 404
    )
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_a_department_officer_assigns_only_its_criteria(client, personas, gaps):
    _login(client, personas.department_officer)  # transport: criterion 2
    assert (
        client.post("/follow-up/9389401/tasks/new/", {"set": NTM, "criterion": "17"}).status_code
        == 403
    )
    assert (
        client.post("/follow-up/9389401/tasks/new/", {"set": NTM, "criterion": "2"}).status_code
        == 302
    )


@pytest.mark.django_db
def test_progress_is_reported_per_period_with_a_comment(client, personas, units):
    task = do_create_task(
        unit=units.commune,
        set_code=NTM,
        criterion=17,
        department="P",
        owner="An",
        start=date(2023, 1, 1),
        due=date(2023, 9, 30),
        author=None,
    )
    _login(client, personas.commune_officer)
    client.post(
        f"/follow-up/tasks/{task.pk}/",
        {"period": "2023-06", "status": "in-progress", "comment": "Đang thi công"},
    )
    task.refresh_from_db()
    assert task.status == "in-progress"
    assert [(u.period, u.status, u.comment) for u in task.updates.all()] == [
        ("2023-06", "in-progress", "Đang thi công")
    ]
    page = client.get(f"/follow-up/tasks/{task.pk}/").content.decode()
    assert "Đang thi công" in page


@pytest.mark.django_db
def test_the_task_list_shows_overdue_tasks_per_person_and_department(client, personas, units):
    for owner, dept, due in (
        ("An", "Phòng TN-MT", date(2023, 6, 1)),
        ("An", "Phòng KT-HT", date(2023, 7, 1)),
        ("Bình", "Phòng TN-MT", date(2024, 1, 1)),
    ):
        do_create_task(
            unit=units.commune,
            set_code=NTM,
            criterion=17,
            department=dept,
            owner=owner,
            start=date(2023, 1, 1),
            due=due,
            author=None,
        )
    _login(client, personas.district_office)
    page = client.get("/follow-up/93894/tasks/?as_of=2023-08-01").content.decode()
    assert "An: 2" in page.split('id="overdue-by-owner"')[1].split("</ul>")[0]
    by_dept = page.split('id="overdue-by-department"')[1].split("</ul>")[0]
    assert "Phòng KT-HT: 1" in by_dept and "Phòng TN-MT: 1" in by_dept


@pytest.mark.django_db
def test_what_if_shows_the_new_result_and_the_district_figures_and_saves_nothing(
    client, personas, gaps
):
    _login(client, personas.district_office)
    count = IndicatorValue.objects.count()
    page = client.get(
        f"/follow-up/9389401/what-if/?set={NTM}&period={PERIOD}&v_2.1=100&v_17.1=95"
    ).content.decode()
    outcome = page.split('id="what-if-outcome"')[1]
    assert "19/19" in outcome.split("data-after-criteria>")[1][:10]
    assert IndicatorValue.objects.count() == count
    assert IndicatorValue.objects.get(unit__code="9389401", indicator_code="2.1").raw == "80"


@pytest.mark.django_db
def test_what_if_names_a_bad_value(client, personas, gaps):
    _login(client, personas.district_office)
    page = client.get(
        f"/follow-up/9389401/what-if/?set={NTM}&period={PERIOD}&v_2.1=abc"
    ).content.decode()
    assert 'id="what-if-errors"' in page and "2.1" in page


@pytest.mark.django_db
def test_the_district_office_records_a_target_and_sees_it_at_risk(client, personas, units):
    enter(units.commune, {"2.1": "80"})
    _login(client, personas.district_office)
    client.post(
        "/follow-up/93894/targets/",
        {"level": "ntm", "count": "2", "due": "31/12/2023", "decision": "NQ 01"},
    )
    page = client.get(f"/follow-up/93894/targets/?period={PERIOD}").content.decode()
    assert 'data-state="at_risk"' in page and "NQ 01" in page
    _login(client, personas.commune_officer)
    assert (
        client.post(
            "/follow-up/9389401/targets/", {"level": "ntm", "due": "31/12/2023", "decision": "x"}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_the_gap_page_speaks_english_when_asked(client, personas, gaps):
    _login(client, personas.district_office)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/follow-up/93894/gaps/?set={NTM}&period={PERIOD}").content.decode()
    assert "Assign a task" in page and "Communes not meeting each criterion" in page


@pytest.mark.django_db
def test_the_office_edits_owner_and_due_of_a_one_click_task_with_history(client, personas, units):
    task = do_create_task(
        unit=units.commune,
        set_code=NTM,
        criterion=17,
        department="P",
        owner="huyen.thoxuan",
        owner_user=personas.district_office,
        start=date(2023, 6, 1),
        due=date(2023, 9, 1),
        author=personas.district_office,
    )
    _login(client, personas.district_office)
    client.post(
        f"/follow-up/tasks/{task.pk}/",
        {
            "action": "edit",
            "owner": "Lê Văn A",
            "department": "Phòng TN-MT",
            "start": "01/06/2023",
            "due": "30/09/2023",
            "budget": "1.250.000.000",
        },
    )
    task.refresh_from_db()
    assert (task.owner, task.owner_user, task.due, task.budget) == (
        "Lê Văn A",
        None,
        date(2023, 9, 30),
        1_250_000_000,
    )
    assert task.history.count() == 2
    client.post(
        f"/follow-up/tasks/{task.pk}/",
        {
            "action": "edit",
            "owner": "A",
            "department": "P",
            "start": "01/10/2023",
            "due": "30/09/2023",
        },
    )
    task.refresh_from_db()
    assert task.owner == "Lê Văn A"  # due before start: refused
    _login(client, personas.viewer)
    assert (
        client.post(
            f"/follow-up/tasks/{task.pk}/",
            {
                "action": "edit",
                "owner": "X",
                "department": "P",
                "start": "01/06/2023",
                "due": "30/09/2023",
            },
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_the_dashboard_flags_a_target_at_risk(client, personas, units):
    from ntm.planning.services import do_create_target

    enter(units.commune, {"2.1": "80"})
    do_create_target(
        unit=units.district,
        kind="count",
        level="ntm",
        count=2,
        due=date(2023, 12, 31),
        decision="NQ 01",
        author=None,
    )
    _login(client, personas.district_office)
    page = client.get(f"/?set={NTM}&period={PERIOD}").content.decode()
    block = page.split('id="dashboard-targets"')[1].split("</section>")[0]
    assert 'data-state="at_risk"' in block and "NQ 01" in block
