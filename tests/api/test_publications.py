"""/api/publications/: publishing to the portal through the API, scoped and audited."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from ntm.api.tokens import do_create_token
from ntm.assessments.services import do_set_value
from ntm.portal.models import Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(units):
    do_set_value(
        unit=units.commune,
        set_code="xa-ntm-2021-2025",
        indicator_code="17.1",
        period="2023",
        raw="95",
        source="form",
        author=None,
    )
    return units


def _token_client(user, *, read_only: bool = False) -> APIClient:
    client = APIClient()
    secret = do_create_token(user=user, name="portal", read_only=read_only).secret
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_district_office_publishes_by_token_and_the_portal_shows_it(data, personas):
    client = _token_client(personas.district_office)
    response = client.post("/api/publications/", {"unit": "93894", "period": "2023"}, format="json")
    assert response.status_code == 202, response.json()
    body = response.json()
    assert (body["unit"], body["period"], body["published_by"]) == (
        "93894",
        "2023",
        "huyen.thoxuan",
    )
    assert body["status"] == "ready"  # NTM_PUBLISH_MODE=inline in tests
    assert client.get(f"/api/publications/{body['id']}/").json()["figures_count"] == 3
    assert Client().get("/public/units/9389401/").status_code == 200
    assert Publication.history.first().history_user == personas.district_office
    listed = client.get("/api/publications/?status=ready").json()
    assert [p["id"] for p in listed["results"]] == [body["id"]]


def test_publishing_outside_ones_units_is_404_and_without_the_right_403(data, personas):
    outside = _token_client(personas.district_office).post(
        "/api/publications/", {"unit": "93890", "period": "2023"}, format="json"
    )
    assert outside.status_code == 404
    commune = _token_client(personas.commune_officer).post(
        "/api/publications/", {"unit": "9389401", "period": "2023"}, format="json"
    )
    assert commune.status_code == 403 and commune.json()["code"] == "may_not_publish"
    read_only = _token_client(personas.district_office, read_only=True).post(
        "/api/publications/", {"unit": "93894", "period": "2023"}, format="json"
    )
    assert read_only.status_code == 403 and read_only.json()["code"] == "token_read_only"
    assert not Publication.objects.exists()


def test_a_bad_period_is_400_and_nothing_is_published(data, personas):
    client = _token_client(personas.province_office)
    response = client.post(
        "/api/publications/", {"unit": "938", "period": "2023-13"}, format="json"
    )
    assert response.status_code == 400 and response.json()["detail_vi"]
    assert not Publication.objects.exists()


def test_withdrawing_takes_the_figures_off_the_portal_once(data, personas):
    client = _token_client(personas.province_office)
    publication = client.post(
        "/api/publications/", {"unit": "93894", "period": "2023"}, format="json"
    ).json()
    url = f"/api/publications/{publication['id']}/withdraw/"
    assert _token_client(personas.other_district_officer).post(url).status_code == 404
    assert _token_client(personas.viewer).post(url).status_code == 403
    withdrawn = client.post(url)
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_by"] == "tinh.thanhhoa"
    assert client.post(url).json()["code"] == "already_withdrawn"
    assert Client().get("/public/units/9389401/").status_code == 404
