"""/api/criteria-sets/, the OpenAPI schema and its documentation page (served locally)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_criteria_sets_are_listed_with_their_declared_counts(personas, api_as):
    sets = {s["code"]: s for s in api_as(personas.viewer).get("/api/criteria-sets/").json()}
    assert sets["xa-ntm-2021-2025"]["declared"] == {"criteria": 19, "indicators": 57}
    assert "criteria" not in sets["xa-ntm-2021-2025"]


def test_one_criteria_set_carries_its_indicators_with_provenance(personas, api_as):
    body = api_as(personas.viewer).get("/api/criteria-sets/xa-ntm-2021-2025/").json()
    assert len(body["criteria"]) == 19
    water = next(i for c in body["criteria"] for i in c["indicators"] if i["code"] == "17.1")
    assert water["op"] == ">=" and "source" in water and "verified" in water


def test_an_unknown_criteria_set_is_refused_in_both_languages(personas, api_as):
    body = api_as(personas.viewer).get("/api/criteria-sets/no-such-set/").json()
    assert body["code"] == "unknown_set"
    assert "no-such-set" in body["detail"] and "no-such-set" in body["detail_vi"]


def test_the_schema_describes_the_scoped_endpoints(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/units/{code}/evaluation/" in paths
    assert "put" in paths["/api/units/{code}/values/{set_code}/{period}/{indicator}/"]


def test_the_api_docs_page_loads_nothing_from_another_host(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert re.findall(r"""(?:src|href)=["']?(https?:)?//""", page) == []
    assert "/static/drf_spectacular_sidecar/" in page


def test_the_schema_generates_without_warnings_and_validates(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/units/{code}/values/" in out.read_text()


def test_an_address_under_the_api_that_nothing_answers_is_a_json_404(client):
    for path in ("/api/tasks/-3/updates/", "/api/nothing-here/", "/api/units/938/evidence/-1/"):
        response = client.get(path)
        assert response.status_code == 404 and response["Content-Type"].startswith(
            "application/json"
        )
        assert response.json()["code"] == "not_found"


def test_an_api_address_without_its_slash_is_still_redirected(client):
    assert client.get("/api/criteria-sets").status_code == 301


def test_the_api_description_is_in_vietnamese_and_english_and_links_back_to_the_app(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    description = schema["info"]["description"]
    assert "](/)" in description and "Về ứng dụng" in description
    assert "**Tiếng Việt.**" in description and "**English.**" in description


def test_a_post_to_an_address_nothing_answers_is_the_json_404_not_a_csrf_page(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.viewer)
    response = client.post("/api/tasks/-3/updates/", {"status": "done"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
