"""The OpenAPI schema is true: schemathesis sends generated requests to every operation of the
running application (its WSGI handler, in process) and checks every answer against the schema.

Bounded: a few examples per operation and no shrinking, so the run stays well under a minute
on a small machine. Requests carry a read-write token of the district office, so writes are
exercised too, and a second pass pins the unit code to a unit in that scope so answers other
than 404 are checked as well.
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


def _run(strategy, headers: dict[str, str]) -> None:
    @settings(
        max_examples=EXAMPLES * 30,
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
    _run(api_schema.as_strategy(), headers)
    _run(api_schema.as_strategy(path_parameters={"code": "9389401"}), headers)
