"""Every page of the web app, for every demo role: who sees it (200), who is turned away.

Outside a user's scope the answer is 404, never someone else's data; inside it, a role that may
only look gets 403 on the pages that write. The walk covers every URL pattern of ``ntm.web``:
a new page without an expectation here fails the test.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from ntm.web import urls as web_urls
from tests.web.conftest import NTM_SET, PERIOD, TRANSPORT_INDICATOR, logged_in

PERSONAS = ("commune_officer", "district_office", "other_district_officer", "province_office",
            "department_officer", "viewer", "national")

# url name -> {persona: expected status}; "anonymous" is redirected to the login page (302).
SEES_COMMUNE = {"commune_officer": 200, "district_office": 200, "other_district_officer": 404,
                "province_office": 200, "department_officer": 200, "viewer": 200, "national": 200}
EDITS_COMMUNE = {**SEES_COMMUNE, "viewer": 403, "national": 403}
SEES_DISTRICT = {**SEES_COMMUNE, "commune_officer": 404}
EVERYONE = dict.fromkeys(PERSONAS, 200)
IMPORTERS = {**EVERYONE, "department_officer": 403, "viewer": 403, "national": 403}

EXPECTED = {
    "dashboard": {**EVERYONE, "commune_officer": 302},  # sent on to the commune's own page
    "dashboard_data": EVERYONE,
    "units": EVERYONE,
    "unit": SEES_COMMUNE,
    "entry": EDITS_COMMUNE,
    "entry_verdict": EDITS_COMMUNE,
    "value_history": SEES_COMMUNE,
    "evidence": SEES_COMMUNE,
    "import": IMPORTERS,
    "import_template": SEES_COMMUNE,
    "reports": EVERYONE,
    "report": SEES_DISTRICT,
    "resources": SEES_COMMUNE,
}


def _requests(units, evidence) -> dict[str, tuple[str, str, dict]]:
    """url name -> (method, url, data) aimed at Xuân Hòa (Thọ Xuân) or at Thọ Xuân itself."""
    code = units.commune.code
    return {
        "dashboard": ("get", reverse("web:dashboard"), {}),
        "dashboard_data": ("get", reverse("web:dashboard_data"), {}),
        "units": ("get", reverse("web:units"), {}),
        "unit": ("get", reverse("web:unit", args=[code]), {}),
        "entry": ("get", reverse("web:entry", args=[code, NTM_SET, PERIOD]), {}),
        "entry_verdict": ("post", reverse("web:entry_verdict", args=[code, NTM_SET, PERIOD]),
                          {"indicator": TRANSPORT_INDICATOR, "v-2_1": "95"}),
        "value_history": ("get", reverse("web:value_history", args=[code, NTM_SET, TRANSPORT_INDICATOR]), {}),
        "evidence": ("get", reverse("web:evidence", args=[code, evidence.pk]), {}),
        "import": ("get", reverse("web:import"), {}),
        "import_template": ("get", reverse("web:import_template"), {"unit": code, "set": NTM_SET, "period": PERIOD}),
        "reports": ("get", reverse("web:reports"), {}),
        "report": ("get", reverse("web:report", args=["review", units.district.code]), {"set": NTM_SET, "period": PERIOD}),
        "resources": ("get", reverse("web:resources", args=[code]), {}),
    }


def test_the_walk_covers_every_url_pattern_of_the_web_app():
    names = {pattern.name for pattern in web_urls.urlpatterns}
    assert names == set(EXPECTED)


@pytest.mark.django_db
def test_each_role_sees_exactly_what_its_scope_allows(units, personas, stored_value):
    _value, evidence = stored_value
    requests = _requests(units, evidence)
    seen = {}
    for persona in PERSONAS:
        client = logged_in(getattr(personas, persona))
        for name, (method, url, data) in requests.items():
            seen[(persona, name)] = getattr(client, method)(url, data).status_code
    expected = {(persona, name): EXPECTED[name][persona] for persona in PERSONAS for name in requests}
    assert seen == expected


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page_from_every_page(units, stored_value):
    _value, evidence = stored_value
    client = logged_in(None)
    for _name, (method, url, data) in _requests(units, evidence).items():
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/"), url


@pytest.mark.django_db
def test_a_page_outside_the_scope_shows_nothing_of_the_unit(units, personas, stored_value):
    client = logged_in(personas.other_district_officer)
    response = client.get(reverse("web:unit", args=[units.commune.code]))
    assert response.status_code == 404
    assert units.commune.name.encode() not in response.content


@pytest.mark.django_db
def test_the_dashboard_of_another_district_is_refused(units, personas):
    client = logged_in(personas.district_office)
    assert client.get(reverse("web:dashboard"), {"unit": units.other_district.code}).status_code == 404
    assert client.get(reverse("web:dashboard_data"), {"unit": units.other_district.code}).status_code == 404


@pytest.mark.django_db
def test_every_page_that_answers_get_answers_head_the_same(units, personas, stored_value):
    _value, evidence = stored_value
    client = logged_in(personas.district_office)
    for name, (method, url, data) in _requests(units, evidence).items():
        if method != "get":
            continue
        got, head = client.get(url, data), client.head(url, data)
        assert head.status_code == got.status_code == EXPECTED[name]["district_office"], name
        assert (b"".join(head.streaming_content) if head.streaming else head.content) == b"", name
