"""A mistyped period is the user's typo, not a missing page: 400 with the one period message."""

from __future__ import annotations

from html import escape

import pytest
from django.urls import reverse

from ntm.criteria.inputs import MSG_BAD_PERIOD, MSG_BAD_PERIOD_EN
from tests.web.conftest import NTM_SET, logged_in


@pytest.mark.django_db
def test_a_malformed_period_is_a_400_naming_it_on_every_page_that_takes_one(units, personas):
    client = logged_in(personas.district_office)
    pages = [
        (reverse("web:dashboard"), {"unit": units.district.code, "period": "2023-13"}),
        (reverse("web:unit", args=[units.commune.code]), {"period": "2023-13"}),
        (reverse("web:entry", args=[units.commune.code, NTM_SET, "2023-13"]), {}),
        (
            reverse("web:report", args=["review", units.district.code]),
            {"set": NTM_SET, "period": "2023-13"},
        ),
        (reverse("web:monthly", args=[units.commune.code]), {"period": "2023-13"}),
    ]
    for url, data in pages:
        response = client.get(url, data)
        assert response.status_code == 400, url
        assert escape(MSG_BAD_PERIOD.format(period="2023-13")) in response.content.decode(), url


@pytest.mark.django_db
def test_the_api_says_the_same_in_both_languages(units, personas):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(personas.district_office)
    response = client.get(f"/api/units/{units.commune.code}/evaluation/", {"period": "2023-13"})
    assert response.status_code == 400
    assert response.json()["detail_vi"] == MSG_BAD_PERIOD.format(period="2023-13")
    assert response.json()["detail"] == MSG_BAD_PERIOD_EN.format(period="2023-13")


def test_the_command_line_says_the_same(capsys):
    from ntm.cli import main

    assert main(["report", "review", "938", "--period", "2023-13"]) == 1
    assert MSG_BAD_PERIOD.format(period="2023-13") in capsys.readouterr().err
