"""Report pages: downloads named after what they hold."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import NTM_SET, PERIOD, logged_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("kind", "query", "stem"), [
    ("review", {"set": NTM_SET, "period": PERIOD}, f"review-93894-{NTM_SET}-{PERIOD}"),
    ("summary", {"period": PERIOD}, f"summary-93894-{NTM_SET}-{PERIOD}"),
    ("summary", {"period": PERIOD, "since": "2022"}, f"summary-93894-{NTM_SET}-2022-{PERIOD}"),
    ("progress", {"from": "2021", "to": "2023"}, f"progress-93894-{NTM_SET}-2021-2023"),
])
@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_a_download_is_named_by_kind_unit_set_and_period(units, personas, stored_value, kind, query, stem, fmt):
    assert units.district.code == "93894"
    response = logged_in(personas.district_office).get(
        reverse("web:report", args=[kind, units.district.code]), {**query, "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{fmt}"'


def test_the_2026_review_is_named_after_the_2026_set(units, personas, stored_value):
    response = logged_in(personas.district_office).get(
        reverse("web:report", args=["review", units.district.code]),
        {"set": "xa-ntm-2026-2030", "period": "2026-06", "format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="review-93894-xa-ntm-2026-2030-2026-06.xlsx"'
