"""/api/recognitions|ocop|funds|outputs|awards/[ID/]: create, change, delete through the apps'
``do_*``, checked as the import checks a row, scoped to the caller's units."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ntm.api.tokens import do_create_token
from ntm.investment.models import EmulationAward, FundsMobilised, PhysicalOutput
from ntm.ocop.models import OcopProduct
from ntm.recognition.models import Recognition

pytestmark = pytest.mark.django_db

FUNDS = {"unit": "9389401", "period": "2023-05", "source": "central", "amount_vnd": "1.250.000.000"}
OCOP = {
    "unit": "9389401",
    "product": "Bánh gai",
    "producer": "HTX Xuân Hòa",
    "group": "Thực phẩm",
    "year": 2022,
    "stars": 3,
    "level": "province",
}
RECOGNITION = {
    "unit": "9389401",
    "level": "ntm",
    "decision": "12/QĐ-UBND",
    "date": "15/03/2021",
    "issuer": "UBND tỉnh Thanh Hóa",
}


def _token_client(user, *, read_only: bool = False) -> APIClient:
    client = APIClient()
    secret = do_create_token(user=user, name="t", read_only=read_only).secret
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_commune_officer_records_funds_read_back_with_a_version(personas, api_as):
    client = api_as(personas.commune_officer)
    response = client.post("/api/funds/", FUNDS, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["amount_vnd"] == 1_250_000_000
    assert body["version"] == 1 and response["ETag"] == '"1"'
    stored = FundsMobilised.objects.get()
    assert stored.origin == "api"
    assert stored.history.get().history_user == personas.commune_officer
    listed = client.get("/api/funds/?unit=9389401&period=2023-05").json()
    assert [r["id"] for r in listed["results"]] == [body["id"]]
    assert client.get(f"/api/funds/{body['id']}/")["ETag"] == '"1"'


def test_the_same_record_sent_twice_is_unchanged_and_another_with_its_key_is_409(personas, api_as):
    client = api_as(personas.commune_officer)
    first = client.post("/api/funds/", FUNDS, format="json").json()
    again = client.post("/api/funds/", FUNDS, format="json")
    assert again.status_code == 200 and again.json()["version"] == 1
    other = client.post("/api/funds/", {**FUNDS, "amount_vnd": 5}, format="json")
    assert other.status_code == 409
    assert other.json()["code"] == "exists" and str(first["id"]) in other.json()["detail"]
    assert FundsMobilised.objects.get().amount_vnd == 1_250_000_000


def test_a_bad_record_is_refused_with_the_importers_reasons_and_nothing_is_written(
    personas, api_as
):
    client = api_as(personas.commune_officer)
    response = client.post(
        "/api/funds/",
        {**FUNDS, "source": "lottery", "amount_vnd": "-3", "colour": "red"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert set(response.json()["errors"]) == {"colour"}
    response = client.post(
        "/api/funds/", {**FUNDS, "source": "lottery", "amount_vnd": "-3"}, format="json"
    )
    problems = response.json()["errors"]
    assert set(problems) == {"source", "amount_vnd"}
    assert "central" in problems["source"][0] and "detail_vi" in response.json()
    assert not FundsMobilised.objects.exists()


def test_a_unit_outside_the_callers_units_is_404_and_one_they_may_not_write_403(personas, api_as):
    outside = api_as(personas.commune_officer).post(
        "/api/ocop/", {**OCOP, "unit": "9389001"}, format="json"
    )
    assert outside.status_code == 404 and outside.json()["code"] == "not_found"
    viewer = api_as(personas.viewer).post("/api/ocop/", OCOP, format="json")
    assert viewer.status_code == 403 and viewer.json()["detail_vi"]
    assert not OcopProduct.objects.exists()


def test_a_read_only_token_may_read_but_not_write(personas):
    client = _token_client(personas.district_office, read_only=True)
    assert client.get("/api/ocop/").status_code == 200
    response = client.post("/api/ocop/", OCOP, format="json")
    assert response.status_code == 403 and response.json()["code"] == "token_read_only"
    assert not OcopProduct.objects.exists()


def test_a_change_needs_the_version_read_and_a_stale_one_writes_nothing(personas):
    client = _token_client(personas.district_office)
    rating = client.post("/api/ocop/", OCOP, format="json").json()
    url = f"/api/ocop/{rating['id']}/"
    assert client.patch(url, {"stars": 4}, format="json").json()["code"] == "version_required"
    changed = client.patch(url, {"stars": 4, "version": rating["version"]}, format="json")
    assert changed.status_code == 200 and changed.json()["stars"] == 4
    assert changed.json()["producer"] == "HTX Xuân Hòa"  # PATCH keeps what it was not sent
    stale = client.patch(url, {"stars": 5, "version": rating["version"]}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    stale_header = client.patch(url, {"stars": 5}, format="json", HTTP_IF_MATCH='"1"')
    assert stale_header.status_code == 412
    current = client.get(url)
    whole = client.put(url, {**OCOP, "stars": 5}, format="json", HTTP_IF_MATCH=current["ETag"])
    assert whole.status_code == 200 and whole.json()["stars"] == 5
    assert OcopProduct.objects.get().stars == 5


def test_a_change_may_not_alter_the_records_key(personas, api_as):
    client = api_as(personas.commune_officer)
    funds = client.post("/api/funds/", FUNDS, format="json").json()
    response = client.patch(
        f"/api/funds/{funds['id']}/", {"source": "local", "version": 1}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "key_changed"
    assert FundsMobilised.objects.get().fund_source == "central"


def test_a_delete_with_the_version_removes_the_record_and_its_history_stays(personas, api_as):
    client = api_as(personas.commune_officer)
    output = client.post(
        "/api/outputs/",
        {"unit": "9389401", "period": "2023", "kind": "road_km", "quantity": "3,25"},
        format="json",
    ).json()
    assert output["quantity"] == 3.25
    url = f"/api/outputs/{output['id']}/"
    assert client.delete(url).json()["code"] == "version_required"
    assert client.delete(f"{url}?version=7").status_code == 409
    assert client.delete(f"{url}?version=1").status_code == 204
    assert not PhysicalOutput.objects.exists()
    assert PhysicalOutput.history.filter(history_type="-").get().history_user == (
        personas.commune_officer
    )


def test_records_of_other_units_are_404_to_read_change_and_delete(personas, api_as):
    award = api_as(personas.other_district_officer).post(
        "/api/awards/",
        {
            "unit": "9389001",
            "date": "27/04/2023",
            "issuer": "UBND huyện",
            "kind": "giấy khen",
            "recipient_type": "tập thể",
            "recipient": "Thôn 1",
        },
        format="json",
    )
    assert award.status_code == 201 and award.json()["kind"] == "certificate"
    url = f"/api/awards/{award.json()['id']}/"
    client = api_as(personas.district_office)
    assert client.get(url).status_code == 404
    assert client.patch(url, {"note": "x", "version": 1}, format="json").status_code == 404
    assert client.delete(f"{url}?version=1").status_code == 404
    assert EmulationAward.objects.count() == 1


def test_a_recognition_is_recorded_revoked_by_another_decision_and_never_deleted(personas, api_as):
    client = api_as(personas.district_office)
    created = client.post("/api/recognitions/", RECOGNITION, format="json")
    assert created.status_code == 201, created.json()
    rec = created.json()
    assert rec["in_force"] and rec["revoked"] is None
    revoke = {
        **RECOGNITION,
        "decision": "99/QĐ-UBND",
        "date": "2024-06-01",
        "action": "revoke",
    }
    revoked = client.post("/api/recognitions/", revoke, format="json")
    assert revoked.status_code == 200, revoked.json()
    assert revoked.json()["id"] == rec["id"] and revoked.json()["revoked"]["decision"] == (
        "99/QĐ-UBND"
    )
    assert client.delete(f"/api/recognitions/{rec['id']}/?version=2").status_code == 405
    assert Recognition.objects.count() == 1
    nothing = client.post("/api/recognitions/", {**revoke, "level": "advanced"}, format="json")
    assert nothing.status_code == 400 and "action" in nothing.json()["errors"]


def test_a_commune_officer_may_not_record_a_recognition(personas, api_as):
    response = api_as(personas.commune_officer).post(
        "/api/recognitions/", RECOGNITION, format="json"
    )
    assert response.status_code == 403
    assert not Recognition.objects.exists()


def test_a_change_through_the_api_keeps_the_ocop_score_parts_it_has_no_field_for(personas, api_as):
    client = api_as(personas.commune_officer)
    rating = client.post("/api/ocop/", OCOP, format="json").json()
    OcopProduct.objects.filter(pk=rating["id"]).update(score_a=30, score_b=20, score_c=25)
    changed = client.patch(f"/api/ocop/{rating['id']}/", {"note": "x", "version": 1}, format="json")
    assert changed.status_code == 200
    stored = OcopProduct.objects.get()
    assert (stored.note, stored.score_a, stored.score_b, stored.score_c) == ("x", 30, 20, 25)
