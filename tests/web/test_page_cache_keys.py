"""The page cache's cheaper keys (``fragments.units_version``, ``fragments.stored_rows``): a
units change made by hand in SQL, and a value written after a rolled-back one, still show on
the next visit of the dashboard data and the review page."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.urls import reverse

from tests.web.conftest import NTM_SET, PERIOD, logged_in
from tests.web.page_cache_helpers import fresh_page, page_text, set_transport

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    """Raised to roll a trial write back."""


def _urls(units) -> list[str]:
    return [
        reverse("web:dashboard_data") + f"?period={PERIOD}&set={NTM_SET}",
        reverse("web:report", args=["review", units.district.code])
        + f"?set={NTM_SET}&period={PERIOD}",
    ]


def test_a_commune_renamed_in_sql_shows_on_the_dashboard_data_and_the_review(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    for url in _urls(units):
        page_text(client, url)
        assert page_text(client, url) == fresh_page(
            client, url
        )  # kept, and what a fresh draw gives
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE units_adminunit SET name = %s WHERE id = %s", ["Xuân Hòa Sửa", units.commune.pk]
        )
    for url in _urls(units):
        page = page_text(client, url)
        assert "Xuân Hòa Sửa" in page and page == fresh_page(client, url)


def test_a_value_written_after_a_rolled_back_one_shows_on_the_next_visit(units, personas):
    """SQLite gives a rolled-back stored row's id again: the key's row times tell them apart."""
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    with pytest.raises(RolledBack), transaction.atomic():
        set_transport(units, personas, "100")
        trial = [page_text(client, url) for url in _urls(units)]
        raise RolledBack
    set_transport(units, personas, "90")
    for url, seen in zip(_urls(units), trial, strict=True):
        page = page_text(client, url)
        assert page == fresh_page(client, url) and page != seen


def test_a_boundary_imported_after_a_visit_shows_on_the_dashboard_data(units, personas):
    """Boundaries are a watched table: the units version in the key moves with them."""
    from ntm.units.models import UnitBoundary

    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    url = _urls(units)[0]
    page_text(client, url)
    assert page_text(client, url) == fresh_page(client, url)
    square = {
        "type": "Polygon",
        "coordinates": [[[105, 20], [105.1, 20], [105.1, 20.1], [105, 20]]],
    }
    UnitBoundary.objects.create(unit=units.commune, geometry=square)
    rows = {r["code"]: r for r in client.get(url).json()["communes"]}
    assert rows[units.commune.code]["geometry"] == square
    assert page_text(client, url) == fresh_page(client, url)
