"""/api/units/: each persona sees its own units and gets 404 for everyone else's."""

import pytest
from rest_framework.test import APIClient

from ntm.api.errors import NOT_AUTHENTICATED, NOT_FOUND

pytestmark = pytest.mark.django_db


def test_an_anonymous_caller_is_refused_in_both_languages(units):
    response = APIClient().get("/api/units/")
    assert response.status_code == 403
    assert response.json()["detail"] == NOT_AUTHENTICATED[0]
    assert response.json()["detail_vi"] == NOT_AUTHENTICATED[1]


def test_the_unit_list_is_the_top_of_the_callers_scope(personas, api_as):
    assert [u["code"] for u in api_as(personas.commune_officer).get("/api/units/").json()] == [
        "9389401"
    ]
    assert [u["code"] for u in api_as(personas.district_office).get("/api/units/").json()] == [
        "93894"
    ]
    assert [u["code"] for u in api_as(personas.national).get("/api/units/").json()] == ["938"]


def test_a_unit_detail_names_its_parent_only_when_the_caller_may_see_it(personas, api_as):
    by_district = api_as(personas.district_office).get("/api/units/9389401/").json()
    assert by_district["name"] == "Xuân Hòa"
    assert by_district["parent"] == "93894"
    by_commune = api_as(personas.commune_officer).get("/api/units/9389401/").json()
    assert by_commune["parent"] is None


def test_children_are_listed_by_name(personas, api_as):
    response = api_as(personas.district_office).get("/api/units/93894/children/")
    assert [u["name"] for u in response.json()] == ["Xuân Hòa", "Xuân Minh"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/units/9389401/",
        "/api/units/9389401/children/",
        "/api/units/9389401/values/?set=xa-ntm-2021-2025&period=2023-05",
        "/api/units/9389401/values/xa-ntm-2021-2025/2023-05/17.1/",
        "/api/units/9389401/evaluation/?set=xa-ntm-2021-2025&period=2023-05",
        "/api/units/9389401/review/?set=xa-ntm-2021-2025&period=2023-05",
        "/api/units/93894/",
    ],
)
def test_another_districts_officer_gets_404_on_the_first_districts_units(personas, api_as, url):
    response = api_as(personas.other_district_officer).get(url)
    assert response.status_code == 404
    assert response.json() == {
        "detail": NOT_FOUND[0],
        "detail_vi": NOT_FOUND[1],
        "code": "not_found",
    }


def test_a_commune_officer_gets_404_for_the_neighbouring_commune(personas, api_as):
    assert api_as(personas.commune_officer).get("/api/units/9389402/").status_code == 404


def test_an_unknown_code_is_the_same_404_as_a_unit_outside_scope(personas, api_as):
    unknown = api_as(personas.province_office).get("/api/units/0000000/")
    hidden = api_as(personas.other_district_officer).get("/api/units/9389401/")
    assert unknown.status_code == hidden.status_code == 404
    assert unknown.json() == hidden.json()
