"""/api/units/<code>/values/: writes scoped by role, parsed like the form, optimistic locking."""

import base64

import pytest
from django.core.cache import cache

from ntm.accounts import throttle
from ntm.api.errors import LOGIN_LOCKED, MAY_NOT_EDIT, VERSION_REQUIRED
from ntm.assessments.models import IndicatorValue
from ntm.assessments.services import MSG_VALUE_CONFLICT_EN
from tests.conftest import PERSONA_PASSWORD

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
VALUES = "/api/units/9389401/values/"
WATER = f"/api/units/9389401/values/{NTM}/2023-05/17.1/"


def create(client, indicator="17.1", value="95,5%", period="2023-05", **extra):
    return client.post(
        VALUES,
        {"set": NTM, "period": period, "indicator": indicator, "value": value, **extra},
        format="json",
    )


def test_a_commune_officer_stores_a_vietnamese_percentage(personas, api_as):
    response = create(api_as(personas.commune_officer))
    assert response.status_code == 201
    body = response.json()
    assert (body["raw"], body["value"], body["version"], body["source"]) == (
        "95,5%",
        95.5,
        1,
        "api",
    )
    assert body["author"] == "xa.xuanhoa"
    stored = IndicatorValue.objects.get(unit__code="9389401", indicator_code="17.1")
    assert stored.value_number == 95.5


def test_creating_a_value_that_exists_is_a_conflict(personas, api_as):
    client = api_as(personas.commune_officer)
    create(client, value="80")
    response = create(client, value="90")
    assert response.status_code == 409
    assert response.json()["current"]["raw"] == "80"
    assert IndicatorValue.objects.get(indicator_code="17.1").raw == "80"


def test_an_update_from_the_current_version_is_saved(personas, api_as):
    client = api_as(personas.commune_officer)
    create(client, value="80")
    response = client.put(
        WATER, {"value": "96", "note": "điều tra 5/2023", "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["value"], response.json()["version"], response.json()["note"]) == (
        96.0,
        2,
        "điều tra 5/2023",
    )


def test_a_second_editor_from_a_stale_version_is_refused_in_both_languages_and_nothing_is_lost(
    personas, api_as
):
    officer, district = api_as(personas.commune_officer), api_as(personas.district_office)
    create(officer, value="80")
    assert district.put(WATER, {"value": "97", "version": 1}, format="json").status_code == 200
    response = officer.put(WATER, {"value": "85", "version": 1}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict"
    assert body["detail"].startswith(MSG_VALUE_CONFLICT_EN.split("{who}")[0])
    assert "huyen.thoxuan" in body["detail"] and "huyen.thoxuan" in body["detail_vi"]
    assert "chưa được lưu" in body["detail_vi"]
    assert body["current"]["raw"] == "97"
    assert IndicatorValue.objects.get(indicator_code="17.1").raw == "97"


def test_an_update_must_say_which_version_it_starts_from(personas, api_as):
    response = api_as(personas.commune_officer).put(WATER, {"value": "96"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail_vi"] == VERSION_REQUIRED[1]


def test_put_with_version_zero_creates_the_value(personas, api_as):
    response = api_as(personas.commune_officer).put(
        WATER, {"value": "96", "version": 0}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["version"] == 1


def test_a_value_that_does_not_fit_its_indicator_is_refused_with_the_reason(personas, api_as):
    response = create(api_as(personas.commune_officer), value="nhiều")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_value"
    assert "nhiều" in body["detail_vi"] and "nhiều" in body["detail"]
    assert not IndicatorValue.objects.exists()


def test_an_unknown_indicator_or_set_is_refused(personas, api_as):
    client = api_as(personas.commune_officer)
    assert create(client, indicator="99.9").json()["code"] == "unknown_indicator"
    response = client.post(
        VALUES,
        {"set": "no-such-set", "period": "2023", "indicator": "1.1", "value": "Đạt"},
        format="json",
    )
    assert response.json()["code"] == "unknown_set"
    assert create(client, period="2023-13").json()["code"] == "bad_period"
    assert not IndicatorValue.objects.exists()


def test_a_department_officer_writes_only_their_criterion(personas, api_as):
    client = api_as(personas.department_officer)
    assert create(client, indicator="2.1", value="100").status_code == 201
    response = create(client, indicator="17.1")
    assert response.status_code == 403
    assert response.json()["detail_vi"] == MAY_NOT_EDIT[1]


@pytest.mark.parametrize("persona", ["viewer", "national"])
def test_read_only_roles_may_read_but_not_write(personas, api_as, persona):
    create(api_as(personas.commune_officer), value="80")
    client = api_as(getattr(personas, persona))
    assert client.get(WATER).json()["raw"] == "80"
    assert client.put(WATER, {"value": "99", "version": 1}, format="json").status_code == 403
    assert IndicatorValue.objects.get(indicator_code="17.1").raw == "80"


def test_another_districts_officer_cannot_write_and_learns_nothing(personas, api_as):
    response = create(api_as(personas.other_district_officer))
    assert response.status_code == 404
    assert not IndicatorValue.objects.exists()


def test_the_list_holds_the_latest_value_of_each_indicator_as_of_the_period(personas, api_as):
    client = api_as(personas.commune_officer)
    create(client, value="80", period="2022")
    create(client, value="96", period="2023-05")
    create(client, indicator="8.1", value="Đạt", period="2023-05")
    create(client, indicator="8.2", value="Đạt", period="2023-06")
    in_force = client.get(VALUES, {"set": NTM, "period": "2023-05"}).json()
    assert {(v["indicator"], v["period"], v["value"]) for v in in_force} == {
        ("17.1", "2023-05", 96.0),
        ("8.1", "2023-05", True),
    }
    earlier = client.get(VALUES, {"set": NTM, "period": "2022-12"}).json()
    assert [(v["indicator"], v["period"], v["value"]) for v in earlier] == [("17.1", "2022", 80.0)]


def test_a_script_may_use_basic_authentication(personas):
    from rest_framework.test import APIClient

    client = APIClient()
    token = base64.b64encode(f"xa.xuanhoa:{PERSONA_PASSWORD}".encode()).decode()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {token}")
    assert create(client).status_code == 201


def test_basic_authentication_is_throttled_like_the_login_form(personas):
    from rest_framework.test import APIClient

    cache.clear()

    def call(password):
        client = APIClient()
        token = base64.b64encode(f"xa.xuanhoa:{password}".encode()).decode()
        client.credentials(HTTP_AUTHORIZATION=f"Basic {token}")
        return client.get("/api/units/")

    for _ in range(throttle.MAX_FAILURES):
        assert call("sai").status_code in (401, 403)
    response = call(PERSONA_PASSWORD)
    assert response.status_code == 401
    assert response.json()["detail_vi"].startswith(LOGIN_LOCKED[1].split("{minutes}")[0])
    cache.clear()


def test_a_conflict_with_a_value_of_unknown_author_speaks_one_language_per_message(
    personas, api_as
):
    client = api_as(personas.commune_officer)
    create(client, value="80")
    IndicatorValue.objects.filter(indicator_code="17.1").update(author=None)
    body = create(client, value="90").json()
    assert "someone else" in body["detail"] and "người khác" not in body["detail"]
    assert "người khác" in body["detail_vi"] and "someone" not in body["detail_vi"]
