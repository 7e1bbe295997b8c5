"""The commune page's content and the dashboard's tables, recognitions and resource cards are
cached (``web.unit_cache``, ``web.dashboard_cache``): each test visits twice (the second from
the cache), changes one thing the page shows, and checks the next visit shows it and equals the
page drawn without the cache."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.urls import reverse

from ntm.assessments.services import do_set_value
from ntm.ocop.services import RatingData, do_save_rating
from ntm.recognition.services import RecognitionFields, do_recognise
from tests.web.conftest import NTM_SET, PERIOD, TRANSPORT_INDICATOR, logged_in
from tests.web.page_cache_helpers import fresh_page, page_text, set_transport

pytestmark = pytest.mark.django_db

ENTRY_BUTTON = "Nhập số liệu"


class RolledBack(Exception):
    """Raised to roll a trial write back."""


def _commune_url(units) -> str:
    return reverse("web:unit", args=[units.commune.code]) + f"?period={PERIOD}"


def _dashboard_url(units) -> str:
    return reverse("web:dashboard") + f"?unit={units.district.code}&period={PERIOD}&set={NTM_SET}"


def cached_then(client, url: str, change) -> tuple[str, str]:
    """The page kept (two visits give the same, which is the uncached page), ``change()``, the
    page again (the uncached one); returns (before, after)."""
    page_text(client, url)
    before = page_text(client, url)
    assert before == fresh_page(client, url)
    change()
    after = page_text(client, url)
    assert after == fresh_page(client, url) and after != before
    return before, after


def _recognise(unit) -> None:
    do_recognise(
        unit=unit,
        fields=RecognitionFields("ntm", "12/QĐ-UBND", datetime.date(2022, 12, 1), "UBND tỉnh"),
    )


def test_the_commune_page_shows_a_new_value_at_once(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    before, after = cached_then(
        client, _commune_url(units), lambda: set_transport(units, personas, "100")
    )
    assert "data-criteria-met>" in after


def test_the_commune_page_shows_a_recognition_decided(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    _before, after = cached_then(client, _commune_url(units), lambda: _recognise(units.commune))
    assert "12/QĐ-UBND" in after


def test_the_commune_page_shows_a_village_renamed_in_sql(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)

    def rename():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE units_adminunit SET name = %s WHERE id = %s", ["Thôn Mới", units.village.pk]
            )

    _before, after = cached_then(client, _commune_url(units), rename)
    assert "Thôn Mới" in after


def test_the_commune_page_shows_a_value_of_another_period_in_its_periods(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)

    def earlier_value():
        do_set_value(
            unit=units.commune,
            set_code=NTM_SET,
            indicator_code=TRANSPORT_INDICATOR,
            period="2022",
            raw="70",
            source="form",
            author=personas.district_office,
        )

    _before, after = cached_then(client, _commune_url(units), earlier_value)
    assert '<option value="2022">' in after


def test_the_entry_buttons_follow_the_user_not_the_first_visitor(units, personas):
    set_transport(units, personas, "80")
    url = _commune_url(units)
    viewer, office = logged_in(personas.viewer), logged_in(personas.district_office)
    assert ENTRY_BUTTON not in page_text(viewer, url)
    assert ENTRY_BUTTON in page_text(office, url)
    assert ENTRY_BUTTON not in page_text(viewer, url)


def test_a_value_rolled_back_is_not_shown_on_the_commune_page_after_it(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    url = _commune_url(units)
    before = page_text(client, url)
    with pytest.raises(RolledBack), transaction.atomic():
        set_transport(units, personas, "100")
        assert page_text(client, url) != before
        raise RolledBack
    assert page_text(client, url) == before == fresh_page(client, url)


def test_the_dashboard_shows_a_new_value_at_once(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    cached_then(client, _dashboard_url(units), lambda: set_transport(units, personas, "100"))


def test_the_dashboard_shows_a_commune_renamed_in_sql(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)

    def rename():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE units_adminunit SET name = %s WHERE id = %s", ["Xuân Mới", units.commune.pk]
            )

    _before, after = cached_then(client, _dashboard_url(units), rename)
    assert "Xuân Mới" in after


def test_the_dashboard_shows_a_recognition_decided(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    _before, after = cached_then(client, _dashboard_url(units), lambda: _recognise(units.commune))
    assert 'data-count="recognised">1<' in after


def test_the_dashboard_shows_a_first_ocop_product(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)

    def product():
        do_save_rating(data=RatingData(units.commune.pk, "Bánh gai", "HTX", 1, 2023, 4, "province"))

    _before, after = cached_then(client, _dashboard_url(units), product)
    assert 'id="card-ocop"' in after


def test_the_commune_page_shows_a_predecessor_registered_after_a_visit(units, personas):
    """ "No predecessor" is kept under the levels version, which the lineage table moves."""
    from ntm.units.models import UnitLineage

    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)

    def merge():
        UnitLineage.objects.create(
            old=units.sibling_commune, new=units.commune, effective=datetime.date(2024, 1, 1)
        )

    _before, after = cached_then(client, _commune_url(units), merge)
    assert 'id="predecessor-list"' in after and units.sibling_commune.name in after
