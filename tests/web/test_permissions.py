"""Every URL of the project, for every demo role: who sees it (200), who is turned away.

Outside a user's scope the answer is 404, never someone else's data; inside it, a role that may
only look gets 403 on the pages that write. The walk takes every named URL pattern from the
resolver (web pages, API, login): a URL without an entry in ``URLS`` fails the test with a
message saying what to add, so pages and endpoints other issues add are covered too.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web.conftest import NTM_SET, PERIOD, TRANSPORT_INDICATOR, logged_in

PERSONAS = (
    "commune_officer",
    "district_office",
    "other_district_officer",
    "province_office",
    "department_officer",
    "viewer",
    "national",
)

# persona -> expected status; "anonymous" -> the status without login,
# or LOGIN for "302 to /login/".
LOGIN = "login"
SEES_COMMUNE = {
    "commune_officer": 200,
    "district_office": 200,
    "other_district_officer": 404,
    "province_office": 200,
    "department_officer": 200,
    "viewer": 200,
    "national": 200,
}
EDITS_COMMUNE = {**SEES_COMMUNE, "viewer": 403, "national": 403}
SEES_DISTRICT = {**SEES_COMMUNE, "commune_officer": 404}
EVERYONE = dict.fromkeys(PERSONAS, 200)
IMPORTERS = {**EVERYONE, "department_officer": 403, "viewer": 403, "national": 403}
NATIONAL_ONLY = {**dict.fromkeys(PERSONAS, 404), "national": 200}
API_ANONYMOUS = 403  # DRF without credentials (session first): 403, never data

# URL name (with namespace) -> how to call it and who gets what. ``args`` and ``data`` values
# may name the test's units and objects: {commune}, {district}, {set}, {period}, {indicator},
# {evidence}, {recognition}, {case}, {case_item}. To cover a new URL: add its name here with one
# sample request and the status
# each persona must get ("anonymous" too when it is not the login redirect).
URLS: dict[str, dict] = {
    "web:dashboard": {
        "expect": {**EVERYONE, "commune_officer": 302}
    },  # sent on to the commune's page
    "web:dashboard_data": {"expect": EVERYONE},
    "web:units": {"expect": EVERYONE},
    # the national view: only for users whose scope is the whole country
    "web:national": {"expect": NATIONAL_ONLY},
    "web:national_data": {"expect": NATIONAL_ONLY},
    # a province's own criteria sets: only its province office uploads, previews, activates
    "web:provincial_sets": {"expect": {**dict.fromkeys(PERSONAS, 403), "province_office": 200}},
    "web:provincial_sets_unverified": {
        "expect": {**dict.fromkeys(PERSONAS, 403), "province_office": 200}
    },
    "web:provincial_set": {
        "args": ["{provincial_set}"],
        "expect": {**dict.fromkeys(PERSONAS, 404), "province_office": 200},
    },
    "web:provincial_set_activate": {
        "args": ["{provincial_set}"],
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": 405,
    },  # POST only
    "web:provincial_set_withdraw": {
        "args": ["{provincial_set}"],
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": 405,
    },  # POST only
    "web:unit": {"args": ["{commune}"], "expect": SEES_COMMUNE},
    "web:entry": {"args": ["{commune}", "{set}", "{period}"], "expect": EDITS_COMMUNE},
    "web:entry_verdict": {
        "method": "post",
        "args": ["{commune}", "{set}", "{period}"],
        "data": {"indicator": "{indicator}", "v-2_1": "95"},
        "expect": EDITS_COMMUNE,
    },
    "web:value_history": {"args": ["{commune}", "{set}", "{indicator}"], "expect": SEES_COMMUNE},
    "web:evidence": {"args": ["{commune}", "{evidence}"], "expect": SEES_COMMUNE},
    "web:import": {"expect": IMPORTERS},
    "web:import_template": {
        "data": {"unit": "{commune}", "set": "{set}", "period": "{period}"},
        "expect": SEES_COMMUNE,
    },
    "web:recognitions": {"args": ["{commune}"], "expect": SEES_COMMUNE},
    "web:recognition_document": {"args": ["{commune}", "{recognition}"], "expect": SEES_COMMUNE},
    # the recognition workflow (ntm.recognition): cases, dossier files, revocations, carrying
    "web:cases": {"expect": EVERYONE},
    "web:case_new": {
        "args": ["{commune}"],
        "expect": {**EDITS_COMMUNE, "department_officer": 403},
    },
    "web:case": {"args": ["{case}"], "expect": SEES_COMMUNE},
    "web:case_document": {"args": ["{case}", "{case_item}"], "expect": SEES_COMMUNE},
    "web:revocations": {
        "args": ["{district}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_DISTRICT,
    },
    "web:carry": {"args": ["{commune}"], "expect": SEES_COMMUNE},
    "web:survey": {"args": ["{commune}"], "expect": SEES_COMMUNE},
    "web:reports": {"expect": EVERYONE},
    "web:report": {
        "args": ["review", "{district}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_DISTRICT,
    },
    "favicon": {"expect": EVERYONE, "anonymous": 200},
    "api-schema": {"expect": EVERYONE, "anonymous": 200},
    "api-docs": {"expect": EVERYONE, "anonymous": 200},
    "api-units": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-unit": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    "api-unit-children": {
        "args": ["{commune}"],
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-values": {
        "args": ["{commune}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-value": {
        "args": ["{commune}", "{set}", "{period}", "{indicator}"],
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-evaluation": {
        "args": ["{commune}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-review": {
        "args": ["{district}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_DISTRICT,
        "anonymous": API_ANONYMOUS,
    },
    "api-recognitions": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    "api-criteria-sets": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-criteria-set": {"args": ["{set}"], "expect": EVERYONE, "anonymous": API_ANONYMOUS},
    # follow-up (ntm.planning): gaps, what-if, tasks, targets, the monthly cycle
    "web:gaps": {
        "args": ["{district}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_DISTRICT,
    },
    "web:what_if": {
        "args": ["{commune}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_COMMUNE,
    },
    "web:tasks": {"args": ["{commune}"], "expect": SEES_COMMUNE},
    "web:task_new": {
        "method": "post",
        "args": ["{commune}"],
        "data": {"set": "{set}", "criterion": "2"},
        # a task on criterion 2: the transport officer's; offices too
        "expect": {
            **EDITS_COMMUNE,
            "commune_officer": 302,
            "district_office": 302,
            "province_office": 302,
            "department_officer": 302,
        },
    },
    "web:task": {"args": ["{task}"], "expect": SEES_COMMUNE},
    "web:targets": {
        "args": ["{district}"],
        "data": {"period": "{period}"},
        "expect": SEES_DISTRICT,
    },
    "web:monthly": {"args": ["{commune}"], "data": {"period": "{period}"}, "expect": SEES_COMMUNE},
    "api-gaps": {
        "args": ["{district}"],
        "data": {"set": "{set}", "period": "{period}"},
        "expect": SEES_DISTRICT,
        "anonymous": API_ANONYMOUS,
    },
    "api-tasks": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    # POST only: a GET is refused for the method before anything is read (no data either way)
    "api-what-if": {
        "args": ["{commune}"],
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": API_ANONYMOUS,
    },
    "api-task-updates": {
        "args": ["{task}"],
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": API_ANONYMOUS,
    },
    "api-targets": {
        "args": ["{district}"],
        "data": {"period": "{period}"},
        "expect": SEES_DISTRICT,
        "anonymous": API_ANONYMOUS,
    },
    "api-monthly": {
        "args": ["{commune}"],
        "data": {"period": "{period}"},
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    # values, history and evidence through the API (ntm.api)
    "api-value-history": {
        "args": ["{commune}", "{set}", "{period}", "{indicator}"],
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-value-evidence": {
        "args": ["{commune}", "{set}", "{period}", "{indicator}"],
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-evidence": {
        "args": ["{commune}", "{evidence}"],
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-value-records": {
        "data": {"unit": "{commune}"},
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-values-form": {
        "args": ["{commune}", "{set}", "{period}"],
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": API_ANONYMOUS,
    },  # PUT only
    "api-values-bulk": {
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": API_ANONYMOUS,
    },  # POST only
    "api-imports": {
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": API_ANONYMOUS,
    },  # POST only
    # the user's own API tokens
    "api-tokens": {"expect": EVERYONE},
    "api-token-revoke": {"args": ["1"], "expect": dict.fromkeys(PERSONAS, 405)},  # POST only
    # any other address under /api/: the API's JSON 404 for everyone
    "api-not-found": {"expect": dict.fromkeys(PERSONAS, 404), "anonymous": 404},
    # the public portal (no login) and the publish step of the offices
    "portal-index": {"expect": EVERYONE, "anonymous": 200},
    "portal-unit": {
        "args": ["{district}"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": 404,
    },  # unpublished
    "portal-language": {"args": ["en"], "expect": dict.fromkeys(PERSONAS, 302), "anonymous": 302},
    "portal-data": {"expect": EVERYONE, "anonymous": 200},
    "portal-data-dictionary": {"expect": EVERYONE, "anonymous": 200},
    # nothing is published in this walk: a period's open data is not found, for everyone
    "portal-data-csv": {
        "args": ["{period}"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": 404,
    },
    "portal-data-json": {
        "args": ["{period}"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": 404,
    },
    "portal-publish": {
        "expect": {
            **dict.fromkeys(PERSONAS, 403),
            "district_office": 200,
            "province_office": 200,
            "other_district_officer": 200,
        }
    },
    "portal-withdraw": {"args": ["1"], "expect": dict.fromkeys(PERSONAS, 405)},  # POST only
    # programme resources (ntm.ocop, ntm.investment)
    "web:resources": {"args": ["{commune}"], "expect": SEES_COMMUNE},
    "api-ocop": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    "api-funds": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    "api-outputs": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    "api-awards": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    "api-reported": {"args": ["{commune}"], "expect": SEES_COMMUNE, "anonymous": API_ANONYMOUS},
    "api-resources": {
        "args": ["{commune}"],
        "data": {"period": "{period}"},
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    # records created, changed and deleted through the API (ntm.api.views.record_types): the
    # lists hold only the caller's units; a record outside them is 404 (the walk's recognition
    # is Xuân Hòa's; no OCOP rating, fund, output or award 1 exists in the walk)
    "api-recognitions-records": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-recognitions-record": {
        "args": ["{recognition}"],
        "expect": SEES_COMMUNE,
        "anonymous": API_ANONYMOUS,
    },
    "api-ocop-records": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-ocop-record": {
        "args": ["1"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": API_ANONYMOUS,
    },
    "api-funds-records": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-funds-record": {
        "args": ["1"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": API_ANONYMOUS,
    },
    "api-outputs-records": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-outputs-record": {
        "args": ["1"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": API_ANONYMOUS,
    },
    "api-awards-records": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-awards-record": {
        "args": ["1"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": API_ANONYMOUS,
    },
    # publishing to the portal through the API (nothing is published in the walk)
    "api-publications": {"expect": EVERYONE, "anonymous": API_ANONYMOUS},
    "api-publication": {
        "args": ["1"],
        "expect": dict.fromkeys(PERSONAS, 404),
        "anonymous": API_ANONYMOUS,
    },
    "api-publication-withdraw": {
        "args": ["1"],
        "expect": dict.fromkeys(PERSONAS, 405),
        "anonymous": API_ANONYMOUS,
    },  # POST only
    # Last: the walk requests in this order, and logging out ends the persona's session.
    "login": {"expect": dict.fromkeys(PERSONAS, 302), "anonymous": 200},  # logged in: sent on
    "logout": {"method": "post", "expect": dict.fromkeys(PERSONAS, 302), "anonymous": 302},
}
# Namespaces and names not walked, with why: they have their own permission systems.
NOT_WALKED_NAMESPACES = {"admin": "Django admin: staff only, Django's own checks"}
NOT_WALKED = {"set_language": "Django's language switch: no data, POST only"}


def url_names(resolver=None, namespace: str = "") -> list[str]:
    """Every named URL pattern under ``resolver`` (the project's by default), with its namespace."""
    names = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace not in NOT_WALKED_NAMESPACES:
                names.extend(url_names(entry, inner))
        elif isinstance(entry, URLPattern):
            names.append(
                f"{namespace}{entry.name}" if entry.name else f"(unnamed: {entry.pattern})"
            )
    return names


def _recognition_with_scan(units):
    """Xuân Hòa's NTM recognition with its scanned decision (made once per test)."""
    from datetime import date

    from django.core.files.base import ContentFile

    from ntm.recognition.models import Recognition
    from ntm.recognition.services import RecognitionFields, do_recognise
    from tests.web.conftest import PDF_BYTES

    existing = Recognition.objects.filter(unit=units.commune).first()
    if existing is not None:
        return existing
    fields = RecognitionFields("ntm", "1/QĐ-UBND", date(2018, 1, 1), "UBND tỉnh Thanh Hóa")
    return do_recognise(
        unit=units.commune, fields=fields, document=("qd-1.pdf", ContentFile(PDF_BYTES))
    )[0]


def _case_with_item(units):
    """An open recognition case of Xuân Hòa with one dossier file: (case pk, item pk)."""
    from django.core.files.base import ContentFile

    from ntm.recognition.cases import do_attach_dossier_item, do_open_case
    from ntm.recognition.models import RecognitionCase
    from tests.web.conftest import PDF_BYTES

    case = RecognitionCase.objects.filter(unit=units.commune).first() or do_open_case(
        unit=units.commune, level="ntm"
    )
    item = do_attach_dossier_item(
        case=case, item="to-trinh", document=("to-trinh.pdf", ContentFile(PDF_BYTES))
    )
    return str(case.pk), str(item.pk)


def _task(units):
    from datetime import date

    from ntm.planning.services import do_create_task

    return do_create_task(
        unit=units.commune,
        set_code=NTM_SET,
        criterion=2,
        department="P",
        owner="A",
        start=date(2023, 1, 1),
        due=date(2023, 6, 30),
        author=None,
    )


def _provincial_set(units):
    """A draft provincial set of Thanh Hóa (made once per test)."""
    from ntm.provincialsets.models import ProvincialSet
    from ntm.provincialsets.services import do_upload_provincial_set
    from tests.provincialsets.conftest import OVERRIDE

    existing = ProvincialSet.objects.first()
    if existing is not None:
        return existing
    return do_upload_provincial_set(
        province=units.province, file_name="th.yaml", content=OVERRIDE.encode(), user=None
    )


def _requests(units, evidence) -> dict[str, tuple[str, str, dict]]:
    """url name -> (method, url, data) aimed at Xuân Hòa (Thọ Xuân) or at Thọ Xuân itself."""
    values = {
        "commune": units.commune.code,
        "district": units.district.code,
        "set": NTM_SET,
        "period": PERIOD,
        "indicator": TRANSPORT_INDICATOR,
        "evidence": str(evidence.pk),
        "task": str(_task(units).pk),
        "recognition": str(_recognition_with_scan(units).pk),
        "provincial_set": str(_provincial_set(units).pk),
    }
    values["case"], values["case_item"] = _case_with_item(units)
    out = {}
    for name, case in URLS.items():
        args = [a.format(**values) for a in case.get("args", [])]
        data = {k: v.format(**values) for k, v in case.get("data", {}).items()}
        out[name] = (case.get("method", "get"), reverse(name, args=args), data)
    return out


def test_the_walk_covers_every_url_pattern():
    found = [n for n in url_names() if n not in NOT_WALKED]
    missing = sorted(set(found) - set(URLS))
    assert not missing, (
        f"URL patterns without a permission expectation: {missing}. Add each to URLS in "
        "tests/web/test_permissions.py with a sample request (args/data) and the status every "
        'persona gets (and "anonymous" when not the login redirect); name unnamed patterns.'
    )
    assert not set(URLS) - set(found), (
        f"URLS describes patterns that no longer exist: {set(URLS) - set(found)}"
    )


@pytest.mark.django_db
def test_each_role_sees_exactly_what_its_scope_allows(units, personas, stored_value):
    _value, evidence = stored_value
    requests = _requests(units, evidence)
    seen = {}
    for persona in PERSONAS:
        client = logged_in(getattr(personas, persona))
        for name, (method, url, data) in requests.items():
            seen[(persona, name)] = getattr(client, method)(url, data).status_code
    expected = {
        (persona, name): URLS[name]["expect"][persona] for persona in PERSONAS for name in requests
    }
    assert seen == expected


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page_from_every_page(units, stored_value):
    _value, evidence = stored_value
    client = logged_in(None)
    for name, (method, url, data) in _requests(units, evidence).items():
        response = getattr(client, method)(url, data)
        expected = URLS[name].get("anonymous", LOGIN)
        if expected == LOGIN:
            assert response.status_code == 302, url
            assert response["Location"].startswith("/login/"), url
        else:
            assert response.status_code == expected, url


@pytest.mark.django_db
def test_a_page_outside_the_scope_shows_nothing_of_the_unit(units, personas, stored_value):
    client = logged_in(personas.other_district_officer)
    response = client.get(reverse("web:unit", args=[units.commune.code]))
    assert response.status_code == 404
    assert units.commune.name.encode() not in response.content


@pytest.mark.django_db
def test_the_dashboard_of_another_district_is_refused(units, personas):
    client = logged_in(personas.district_office)
    assert (
        client.get(reverse("web:dashboard"), {"unit": units.other_district.code}).status_code == 404
    )
    assert (
        client.get(reverse("web:dashboard_data"), {"unit": units.other_district.code}).status_code
        == 404
    )


@pytest.mark.django_db
def test_every_page_that_answers_get_answers_head_the_same(units, personas, stored_value):
    _value, evidence = stored_value
    client = logged_in(personas.district_office)
    for name, (method, url, data) in _requests(units, evidence).items():
        if method != "get":
            continue
        got, head = client.get(url, data), client.head(url, data)
        assert head.status_code == got.status_code == URLS[name]["expect"]["district_office"], name
        assert (b"".join(head.streaming_content) if head.streaming else head.content) == b"", name
