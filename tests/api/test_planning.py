"""Follow-up in the API: gaps with drill-down filters, what-if (nothing saved), tasks."""

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


@pytest.mark.django_db
def test_gaps_are_the_commands_json_and_filter_by_criterion(api_as, personas, gaps):
    api = api_as(personas.district_office)
    data = api.get(f"/api/units/93894/gaps/?set={NTM}&period={PERIOD}").json()
    assert [c["code"] for c in data["communes"]] == ["9389402", "9389401"]
    assert {"code", "name", "criteria_met", "indicators_met", "unmet", "missing"} <= set(
        data["communes"][0]
    )
    only_2 = api.get(f"/api/units/93894/gaps/?set={NTM}&period={PERIOD}&criterion=2").json()
    assert [c["code"] for c in only_2["communes"]] == ["9389401"]


@pytest.mark.django_db
def test_gaps_outside_scope_are_404_and_bad_filters_400(api_as, personas, gaps):
    assert (
        api_as(personas.other_district_officer)
        .get(f"/api/units/93894/gaps/?set={NTM}&period={PERIOD}")
        .status_code
        == 404
    )
    response = api_as(personas.district_office).get(
        f"/api/units/93894/gaps/?set={NTM}&period={PERIOD}&criterion=x"
    )
    assert response.status_code == 400 and set(response.json()) >= {"detail", "detail_vi", "code"}


@pytest.mark.django_db
def test_what_if_returns_before_and_after_and_saves_nothing(api_as, personas, gaps):
    api = api_as(personas.district_office)
    count = IndicatorValue.objects.count()
    response = api.post(
        "/api/units/9389401/what-if/",
        {"set": NTM, "period": PERIOD, "values": {"2.1": "100", "17.1": "96"}},
        format="json",
    )
    data = response.json()
    assert response.status_code == 200 and data["saved"] is False
    assert (data["before"]["criteria_met"], data["after"]["criteria_met"]) == (17, 19)
    assert (data["before"]["level"], data["after"]["level"]) == (None, "ntm")
    assert (
        data["after"]["district"]["communes"]["ntm"]
        == data["before"]["district"]["communes"]["ntm"] + 1
    )
    assert IndicatorValue.objects.count() == count


@pytest.mark.django_db
def test_what_if_names_each_bad_value(api_as, personas, gaps):
    response = api_as(personas.district_office).post(
        "/api/units/9389401/what-if/",
        {"set": NTM, "period": PERIOD, "values": {"2.1": "abc", "99.9": "1"}},
        format="json",
    )
    assert response.status_code == 400 and set(response.json()["errors"]) == {"2.1", "99.9"}


@pytest.mark.django_db
def test_tasks_are_listed_created_and_updated_within_scope(api_as, personas, units):
    do_create_task(
        unit=units.commune,
        set_code=NTM,
        criterion=17,
        department="P",
        owner="An",
        start=date(2023, 1, 1),
        due=date(2023, 6, 30),
        author=None,
    )
    api = api_as(personas.district_office)
    listed = api.get("/api/units/93894/tasks/?overdue=1&as_of=2023-07-01").json()
    assert [(t["unit"], t["owner"], t["overdue"]) for t in listed] == [("9389401", "An", True)]

    created = api.post(
        "/api/units/9389402/tasks/",
        {
            "set": NTM,
            "criterion": 2,
            "indicator": "2.1",
            "department": "KT-HT",
            "owner": "Bình",
            "start": "01/06/2023",
            "due": "2023-09-30",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["indicator"] == "2.1"
    bad = api.post(
        "/api/units/9389402/tasks/",
        {
            "set": NTM,
            "criterion": 2,
            "department": "KT-HT",
            "owner": "Bình",
            "start": "2023-09-30",
            "due": "2023-06-01",
        },
        format="json",
    )
    assert bad.status_code == 400

    pk = created.json()["id"]
    updated = api.post(
        f"/api/tasks/{pk}/updates/",
        {"period": "2023-07", "status": "in-progress", "comment": "ok"},
        format="json",
    )
    assert updated.status_code == 200 and updated.json()["status"] == "in-progress"
    assert (
        api_as(personas.other_district_officer)
        .post(f"/api/tasks/{pk}/updates/", {"period": "2023-07", "status": "done"}, format="json")
        .status_code
        == 404
    )
    assert (
        api_as(personas.viewer)
        .post(f"/api/tasks/{pk}/updates/", {"period": "2023-07", "status": "done"}, format="json")
        .status_code
        == 403
    )
    assert Task.objects.get(pk=pk).status == "in-progress"


@pytest.mark.django_db
def test_targets_show_progress_and_the_at_risk_flag(api_as, personas, units):
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
    data = api_as(personas.district_office).get(f"/api/units/93894/targets/?period={PERIOD}").json()
    assert [(t["decision"], t["current"], t["goal"], t["at_risk"]) for t in data] == [
        ("NQ 01", 0.0, 2.0, True)
    ]
    assert (
        api_as(personas.other_district_officer)
        .get(f"/api/units/93894/targets/?period={PERIOD}")
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_a_commune_files_its_monthly_report_and_the_district_reads_the_cycle(
    api_as, personas, units
):
    filed = api_as(personas.commune_officer).post(
        "/api/units/9389401/monthly/",
        {"period": "2023-05", "difficulties": "Thiếu vốn"},
        format="json",
    )
    assert (
        filed.status_code == 201
        and filed.json()["status"] == "late"
        and filed.json()["difficulties"] == "Thiếu vốn"
    )
    assert (
        api_as(personas.viewer)
        .post("/api/units/9389401/monthly/", {"period": "2023-05"}, format="json")
        .status_code
        == 403
    )
    cycle = api_as(personas.district_office).get("/api/units/93894/monthly/?period=2023-05").json()
    assert {c["code"]: c["status"] for c in cycle["communes"]} == {
        "9389401": "late",
        "9389402": "missing",
    }
    assert cycle["districts"][0]["completeness"] == 50.0
    assert (
        api_as(personas.district_office).get("/api/units/93894/monthly/?period=2023").status_code
        == 400
    )
