"""A note longer than NOTE_MAX_LENGTH is refused wherever notes come in (form, API, import,
service), with a clear message, and nothing is written: a 5 MB note stays out of history."""

from __future__ import annotations

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import NOTE_MAX_LENGTH, ValueParseError
from tests.web.conftest import NTM_SET, PERIOD, logged_in

pytestmark = pytest.mark.django_db
HUGE = "x" * (5 * 1024 * 1024)


def test_the_write_service_refuses_a_five_megabyte_note(units):
    from ntm.assessments.services import do_set_value

    with pytest.raises(ValueParseError, match=str(NOTE_MAX_LENGTH)):
        do_set_value(
            unit=units.commune,
            set_code=NTM_SET,
            indicator_code="2.1",
            period=PERIOD,
            raw="95",
            note=HUGE,
            source="form",
            author=None,
        )
    assert not IndicatorValue.objects.exists()


def test_the_api_answers_400_to_a_five_megabyte_note(personas):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(personas.commune_officer)
    response = client.post(
        "/api/units/9389401/values/",
        {"set": NTM_SET, "period": PERIOD, "indicator": "2.1", "value": "95", "note": HUGE},
        format="json",
    )
    assert response.status_code == 400
    assert str(NOTE_MAX_LENGTH) in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_entry_form_shows_the_limit_instead_of_saving_a_huge_note(units, personas):
    import re

    from django.urls import reverse

    client = logged_in(personas.commune_officer)
    url = reverse("web:entry", args=[units.commune.code, NTM_SET, PERIOD])
    html = client.get(url).content.decode()
    fields = dict(
        re.findall(r'<input type="hidden" name="((?:ver|o|on)-[^"]+)" value="([^"]*)"', html)
    )
    fields.update({"v-2_1": "95", "n-2_1": "x" * (NOTE_MAX_LENGTH + 1)})
    response = client.post(url, fields)
    assert response.status_code == 400
    assert str(NOTE_MAX_LENGTH) in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_nul_character_in_a_note_is_refused_not_a_server_error(personas):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(personas.commune_officer)
    response = client.post(
        "/api/units/9389401/values/",
        {"set": NTM_SET, "period": PERIOD, "indicator": "2.1", "value": "95", "note": "a\x00b"},
        format="json",
    )
    assert response.status_code == 400
    assert not IndicatorValue.objects.exists()
