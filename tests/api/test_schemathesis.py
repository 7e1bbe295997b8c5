"""The OpenAPI schema is true: schemathesis sends generated requests to every operation of the
running application (its WSGI handler, in process) and checks every answer against the schema.

Bounded: a few examples per operation and no shrinking, so the run stays well under a minute
on a small machine. Requests carry a read-write token of the district office, so writes are
exercised too, and a second pass pins the unit code to a unit in that scope so answers other
than 404 are checked as well. The record write endpoints and publishing have a test of their
own: a valid request of each kind first (so the success answers are checked), then a bounded
pass per type with the id of the record just made.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ntm.api.tokens import do_create_token
from ntm.assessments.services import do_set_value

pytestmark = pytest.mark.django_db
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 6
RECORD_PATHS = "^/api/(recognitions|ocop|funds|outputs|awards|publications)/"


@pytest.fixture
def wsgi_app():
    """Django's own WSGI handler; the test's transaction stays open between requests (the
    handler would otherwise close the connection after each one, as it does in production)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app, personas, units):
    cache.clear()  # no throttle state (login failures, token rates) left by earlier tests
    do_set_value(
        unit=units.commune,
        set_code="xa-ntm-2021-2025",
        indicator_code="17.1",
        period="2023",
        raw="95,5%",
        source="form",
        author=personas.commune_officer,
    )
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)


def _run(strategy, headers: dict[str, str], examples: int = EXAMPLES * 30) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


@override_settings(NTM_API_TOKEN_RATE="100000/minute")
def test_every_answer_of_every_operation_conforms_to_the_schema(api_schema, personas):
    token = do_create_token(user=personas.district_office, name="schemathesis").secret
    headers = {"Authorization": f"Bearer {token}"}
    others = api_schema.exclude(path_regex=RECORD_PATHS)  # the test below covers those
    _run(others.as_strategy(), headers)
    _run(others.as_strategy(path_parameters={"code": "9389401"}), headers)


# One valid body per record type (the test's units): the success answers are checked too.
RECORDS = {
    "recognitions": {
        "unit": "9389401",
        "level": "ntm",
        "decision": "12/QĐ-UBND",
        "date": "15/03/2021",
        "issuer": "UBND tỉnh Thanh Hóa",
    },
    "ocop": {
        "unit": "9389401",
        "product": "Bánh gai",
        "producer": "HTX Xuân Hòa",
        "group": 1,
        "year": 2022,
        "stars": 3,
        "level": "province",
        "score": "72,5",
    },
    "funds": {"unit": "9389401", "period": "2023-05", "source": "central", "amount_vnd": 10**9},
    "outputs": {"unit": "9389401", "period": "2023", "kind": "road_km", "quantity": "3,25"},
    "awards": {
        "unit": "9389401",
        "date": "2023-04-27",
        "issuer": "UBND huyện",
        "kind": "certificate",
        "recipient_type": "collective",
        "recipient": "Thôn 1",
    },
}
PER_TYPE_EXAMPLES = 15


def _call(schema, path: str, method: str, headers: dict[str, str], **case):
    operation = schema[path][method]
    response = operation.Case(**case).call_and_validate(headers=headers, checks=CHECKS)
    return response


@override_settings(NTM_API_TOKEN_RATE="100000/minute")
def test_the_record_and_publication_endpoints_conform_to_the_schema(api_schema, personas):
    """Create, read, change and delete each record type and publish, with valid requests, then
    generated requests aimed at the record just made (its id pinned); bounded by count."""
    token = do_create_token(user=personas.district_office, name="schemathesis").secret
    headers = {"Authorization": f"Bearer {token}"}
    made = {}
    for kind, body in RECORDS.items():
        created = _call(api_schema, f"/api/{kind}/", "POST", headers, body=body)
        assert created.status_code == 201, created.text
        made[kind] = created.json()["id"]
        detail = f"/api/{kind}/{{id}}/"
        _call(api_schema, detail, "GET", headers, path_parameters={"id": made[kind]})
        changed = _call(
            api_schema,
            detail,
            "PATCH",
            headers,
            path_parameters={"id": made[kind]},
            body={"note": "API", "version": 1},
        )
        assert changed.status_code == 200, changed.text
    published = _call(
        api_schema, "/api/publications/", "POST", headers, body={"unit": "93894", "period": "2023"}
    )
    assert published.status_code == 202, published.text
    made["publications"] = published.json()["id"]
    for kind, pk in made.items():
        _run(
            api_schema.include(path_regex=f"^/api/{kind}/").as_strategy(path_parameters={"id": pk}),
            headers,
            examples=PER_TYPE_EXAMPLES,
        )
    for kind in ("ocop", "funds", "outputs", "awards"):
        deleted = _call(
            api_schema,
            f"/api/{kind}/{{id}}/",
            "DELETE",
            headers,
            path_parameters={"id": made[kind]},
            query={"version": 2},
        )
        assert deleted.status_code in (204, 404, 409)  # 404/409: a generated request came first
