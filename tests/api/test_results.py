"""/api/units/<code>/evaluation/ and /review/: verdicts for a unit in scope."""

import pytest

from ntm.api.errors import PERIOD_REQUIRED

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"


def put(client, indicator, value, period="2023-05"):
    url = f"/api/units/9389401/values/{NTM}/{period}/{indicator}/"
    response = client.put(url, {"value": value, "version": 0}, format="json")
    assert response.status_code == 201, response.json()


def indicator(body, code):
    return next(i for c in body["criteria"] for i in c["indicators"] if i["code"] == code)


def test_the_evaluation_explains_each_indicator_from_the_stored_values(personas, api_as):
    client = api_as(personas.commune_officer)
    put(client, "17.1", "90")
    put(client, "8.1", "Đạt")
    response = client.get("/api/units/9389401/evaluation/", {"set": NTM, "period": "2023-05"})
    assert response.status_code == 200
    body = response.json()
    assert (body["unit"], body["set"], body["criteria_total"]) == ("9389401", NTM, 19)
    water = indicator(body, "17.1")
    assert (water["status"], water["value"], water["threshold"], water["op"]) == (
        "unmet",
        90.0,
        95.0,
        ">=",
    )
    assert indicator(body, "8.1")["status"] == "met"
    assert indicator(body, "1.1")["status"] == "missing"
    assert 17 in body["unmet_criteria"]
    assert body["met"] is False and body["level"] is None


def test_a_later_value_changes_the_verdict(personas, api_as):
    client = api_as(personas.district_office)
    put(client, "17.1", "90", period="2022")
    put(client, "17.1", "96,5", period="2023-05")
    early = client.get("/api/units/9389401/evaluation/", {"set": NTM, "period": "2022"}).json()
    late = client.get("/api/units/9389401/evaluation/", {"set": NTM, "period": "2023-05"}).json()
    assert indicator(early, "17.1")["status"] == "unmet"
    assert indicator(late, "17.1")["status"] == "met"
    assert indicator(late, "17.1")["value"] == 96.5


def test_the_evaluation_needs_a_set_and_a_period(personas, api_as):
    client = api_as(personas.commune_officer)
    no_period = client.get("/api/units/9389401/evaluation/", {"set": NTM})
    assert no_period.status_code == 400
    assert (no_period.json()["detail"], no_period.json()["detail_vi"]) == PERIOD_REQUIRED
    default_set = client.get("/api/units/9389401/evaluation/", {"period": "2023"})
    assert default_set.json()["set"] == NTM
    unknown = client.get("/api/units/9389401/evaluation/", {"set": "xyz", "period": "2023"})
    assert unknown.json()["code"] == "unknown_set"


def test_the_review_lists_the_communes_under_the_district(personas, api_as):
    client = api_as(personas.district_office)
    put(client, "17.1", "96")
    response = client.get("/api/units/93894/review/", {"set": NTM, "period": "2023-05"})
    assert response.status_code == 200
    body = response.json()
    assert body["unit"]["code"] == "93894"
    assert body["set"]["code"] == NTM
    assert [c["code"] for c in body["communes"]] == ["9389401"]
    assert body["communes"][0]["indicators_met"] == 1
    [group] = body["groups"]
    assert (group["criteria_met"], group["indicators_met"], group["communes"]) == (
        0,
        [1, 1],
        ["9389401"],
    )
    assert "Xuân Hòa" in body["text"]


def test_a_set_of_another_level_is_refused_with_both_languages(api_as, personas):
    client = api_as(personas.district_office)
    response = client.get(
        "/api/units/9389401/evaluation/", {"set": "huyen-ntm-2021-2025", "period": "2023"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "wrong_level"
    assert "district" in body["detail"] and "dành cho cấp district" in body["detail_vi"]


def test_the_evaluation_names_its_criteria_set(personas, api_as):
    body = (
        api_as(personas.commune_officer)
        .get("/api/units/9389401/evaluation/", {"set": NTM, "period": "2023-05"})
        .json()
    )
    assert body["set_name"] == "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025"
