"""One value's history page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import NTM_SET, TRANSPORT_INDICATOR, logged_in

pytestmark = pytest.mark.django_db


def test_the_history_names_the_source_in_words_not_its_stored_code(units, personas, stored_value):
    url = reverse("web:value_history", args=[units.commune.code, NTM_SET, TRANSPORT_INDICATOR])
    html = logged_in(personas.commune_officer).get(url).content.decode()
    cell = html.split('data-source="form">')[1].split("</td>")[0]
    assert cell.startswith("Nhập trên web")
    assert ">form<" not in html
