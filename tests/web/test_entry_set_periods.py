"""Saving on the entry page for a period the set takes no values for: the page warns, and a
typed value is refused on its row with the writers' message, never a server error."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from ntm.assessments.models import IndicatorValue
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_a_value_typed_for_a_period_before_the_sets_first_year_is_refused_on_its_row(
    units, personas
):
    client = logged_in(personas.commune_officer)
    url = reverse("web:entry", args=[units.commune.code, "xa-ntm-2026-2030", "2025-06"])

    response = client.post(url, {"v-1_1": "Đạt"})

    assert response.status_code == 400
    assert (
        'Kỳ 2025-06 trước năm đầu tiên của bộ tiêu chí "xa-ntm-2026-2030": '
        "bộ này nhận số liệu từ năm 2026" in html.unescape(response.content.decode())
    )
    assert not IndicatorValue.objects.exists()
