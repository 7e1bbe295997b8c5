"""PUT /api/units/<code>/values/<set>/<period>/: a form's values in one request, all or
nothing, each from the version its writer read."""

import pytest

from ntm.assessments.models import IndicatorValue, StoredResult
from ntm.assessments.rebuild import check
from ntm.assessments.stored import stored_results
from ntm.criteria.inputs import Period

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
FORM = f"/api/units/9389401/values/{NTM}/2023-05/"
ROADS = {"2.1": "100", "2.2": "85,5%", "2.3": "70"}


def _form(values: dict[str, str], versions: dict[str, int] | None = None) -> dict:
    versions = versions or {}
    return {
        "values": [
            {"indicator": code, "value": raw, "version": versions.get(code, 0)}
            for code, raw in values.items()
        ]
    }


def _stored() -> dict[str, str]:
    return dict(
        IndicatorValue.objects.filter(unit__code="9389401").values_list("indicator_code", "raw")
    )


def test_a_commune_officer_saves_a_criterions_values_in_one_request(units, personas, api_as):
    client = api_as(personas.commune_officer)
    first = client.put(f"{FORM}2.4/", {"value": "50", "version": 0}, format="json")
    assert first.status_code == 201
    stored_results([units.commune], NTM, "2023-05")  # as a page would, before the form
    before = StoredResult.objects.get(unit__code="9389401", set_code=NTM)
    response = client.put(FORM, _form(ROADS), format="json")
    assert response.status_code == 200, response.json()
    body = response.json()["values"]
    assert [(v["indicator"], v["raw"], v["version"], v["source"]) for v in body] == [
        ("2.1", "100", 1, "api"),
        ("2.2", "85,5%", 1, "api"),
        ("2.3", "70", 1, "api"),
    ]
    assert body[1]["value"] == 85.5
    assert _stored() == {**ROADS, "2.4": "50"}
    for code in ROADS:
        value = IndicatorValue.objects.get(indicator_code=code)
        assert [h.history_type for h in value.history.all()] == ["+"]
    # The commune's stored result was refreshed in the same request, and agrees with the engine.
    after = StoredResult.objects.get(unit__code="9389401", set_code=NTM)
    assert after.indicators_met > before.indicators_met
    assert check([Period.parse("2023-05")]) == []


def test_one_bad_value_rejects_the_whole_form_and_names_it(personas, api_as):
    client = api_as(personas.commune_officer)
    response = client.put(FORM, _form({**ROADS, "2.2": "nhiều"}), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_values"
    assert "chưa lưu" in body["detail_vi"]
    [error] = body["errors"]
    assert (error["position"], error["indicator"], error["code"]) == (2, "2.2", "bad_value")
    assert "nhiều" in error["detail_vi"] and "nhiều" in error["detail"]
    assert _stored() == {}


def test_an_unknown_or_repeated_indicator_is_named_and_nothing_is_written(personas, api_as):
    client = api_as(personas.commune_officer)
    body = {"values": [*_form(ROADS)["values"], {"indicator": "99.9", "value": "1", "version": 0}]}
    response = client.put(FORM, body, format="json")
    assert response.status_code == 400
    assert [(e["position"], e["code"]) for e in response.json()["errors"]] == [
        (4, "unknown_indicator")
    ]
    twice = {"values": [*_form(ROADS)["values"], {"indicator": "2.1", "value": "1", "version": 0}]}
    response = client.put(FORM, twice, format="json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["position"], error["indicator"]) == (4, "2.1")
    assert "hai lần" in error["detail_vi"]
    assert _stored() == {}


def test_a_value_saved_meanwhile_refuses_the_form_and_shows_what_is_stored(personas, api_as):
    officer, district = api_as(personas.commune_officer), api_as(personas.district_office)
    assert officer.put(FORM, _form(ROADS), format="json").status_code == 200
    changed = district.put(FORM, _form({"2.2": "90"}, {"2.2": 1}), format="json")
    assert changed.status_code == 200
    stale = officer.put(
        FORM, _form({"2.1": "95", "2.2": "60", "2.3": "75"}, dict.fromkeys(ROADS, 1)), format="json"
    )
    assert stale.status_code == 409
    [conflict] = stale.json()["conflicts"]
    assert conflict["indicator"] == "2.2"
    assert conflict["current"]["raw"] == "90"
    assert "huyen.thoxuan" in conflict["detail_vi"]
    assert _stored() == {**ROADS, "2.2": "90"}


def test_a_department_officer_may_not_send_another_criterions_value(personas, api_as):
    client = api_as(personas.department_officer)
    response = client.put(FORM, _form({"2.1": "100", "17.1": "95"}), format="json")
    assert response.status_code == 403
    assert "17.1" in response.json()["detail_vi"]
    assert _stored() == {}
    assert client.put(FORM, _form({"2.1": "100"}), format="json").status_code == 200


def test_another_districts_officer_learns_nothing(personas, api_as):
    response = api_as(personas.other_district_officer).put(FORM, _form(ROADS), format="json")
    assert response.status_code == 404
    assert _stored() == {}


def test_an_empty_form_is_refused(personas, api_as):
    response = api_as(personas.commune_officer).put(FORM, {"values": []}, format="json")
    assert response.status_code == 400


def test_a_set_of_another_level_is_refused_for_the_form_as_a_whole(personas, api_as):
    district_set = "/api/units/9389401/values/huyen-ntm-2021-2025/2023-05/"
    body = {"values": [{"indicator": "1.1", "value": "Đạt", "version": 0}]}
    response = api_as(personas.commune_officer).put(district_set, body, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "wrong_level")
    assert "errors" not in response.json()  # the form's error, not one value's
    assert _stored() == {}
