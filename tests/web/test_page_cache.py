"""Cached page parts (``ntm.web.fragments``): a second visit is served from the cache, and a
value written, a unit renamed or a decision recorded shows on the next visit (the key changes)."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse

from ntm.web import fragments
from tests.web.conftest import NTM_SET, PERIOD, TRANSPORT_INDICATOR, logged_in
from tests.web.page_cache_helpers import fresh_page, page_text, set_transport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    caches[fragments.ALIAS].clear()
    yield
    caches[fragments.ALIAS].clear()


def _entries(kind: str = "") -> int:
    """Entries kept (of ``kind``: the part's name in its key): LocMemCache's own store."""
    return sum(1 for key in caches[fragments.ALIAS]._cache if f":{kind}:" in key or not kind)


def test_a_commune_page_is_drawn_once_and_shows_a_new_value_at_once(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    url = reverse("web:unit", args=[units.commune.code]) + f"?period={PERIOD}"
    first = page_text(client, url)
    sets = first.count('<section id="set-')
    assert sets >= 2 and _entries("set-details") == sets  # one entry per set on the page
    assert _entries("unit-page") == 1  # and the page's content around them
    assert page_text(client, url) == first
    assert _entries("set-details") == sets and _entries("unit-page") == 1  # found, not drawn
    set_transport(units, personas, "100")
    html = client.get(url).content.decode()
    row = html[html.index(f'id="ind-{NTM_SET}-{TRANSPORT_INDICATOR}"') :]
    row = row[: row.index("</tr>")]
    assert "100" in row and "80" not in row
    assert _entries("set-details") == sets + 1  # only the set written to was drawn again


def test_the_commune_page_is_the_same_with_and_without_the_cache(units, personas, settings):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    url = reverse("web:unit", args=[units.commune.code]) + f"?period={PERIOD}"
    client.get(url)
    cached = client.get(url).content.decode()
    settings.NTM_PAGE_CACHE = False
    fresh = client.get(url).content.decode()
    body = slice(cached.index('id="set-summary"'), None)
    assert cached[body] == fresh[fresh.index('id="set-summary"') :]


def test_the_dashboard_data_follows_a_value_and_a_renamed_commune(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    url = reverse("web:dashboard_data") + f"?period={PERIOD}&set={NTM_SET}"
    rows = {r["code"]: r for r in client.get(url).json()["communes"]}
    met = rows[units.commune.code]["indicators_met"]
    set_transport(units, personas, "100")
    rows = {r["code"]: r for r in client.get(url).json()["communes"]}
    assert rows[units.commune.code]["indicators_met"] == met + 1
    units.commune.name = "Xuân Hòa Mới"
    units.commune.save()
    rows = {r["code"]: r for r in client.get(url).json()["communes"]}
    assert rows[units.commune.code]["name"] == "Xuân Hòa Mới"
    assert rows[units.commune.code]["recognised"] is None
    _recognise(units.commune)
    rows = {r["code"]: r for r in client.get(url).json()["communes"]}
    assert rows[units.commune.code]["recognised"] == "ntm"


def _recognise(commune) -> None:
    from ntm.recognition.models import Recognition

    Recognition.objects.create(
        unit=commune,
        level="ntm",
        decision="12/QĐ-UBND",
        date=datetime.date(2022, 12, 1),
        issuer="UBND tỉnh Thanh Hóa",
        set_code=NTM_SET,
    )


def test_the_review_page_follows_a_value_and_a_recognition(units, personas):
    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    url = (
        reverse("web:report", args=["review", units.district.code])
        + f"?set={NTM_SET}&period={PERIOD}"
    )
    before = page_text(client, url)
    assert page_text(client, url) == before  # the first visit stored the results it had to compute
    kept = _entries()
    assert page_text(client, url) == before
    assert _entries() == kept  # and the third found the second's entry
    set_transport(units, personas, "100")
    after_value = page_text(client, url)
    assert after_value != before
    settings_off = fresh_page(client, url)
    assert after_value == settings_off
    _recognise(units.commune)
    assert page_text(client, url) == fresh_page(client, url) != after_value


def test_a_part_drawn_while_stored_results_were_missing_is_not_kept(units, personas):
    """Stored results missing when the key is read are computed from the values, which the key
    does not name: what was drawn then is not kept, so a value changed while they are missing
    again (a deleted value drops them) still shows."""
    from ntm.assessments.models import IndicatorValue, StoredResult

    set_transport(units, personas, "80")
    client = logged_in(personas.district_office)
    url = reverse("web:dashboard_data") + f"?period={PERIOD}&set={NTM_SET}"
    StoredResult.objects.all().delete()
    rows = {r["code"]: r for r in client.get(url).json()["communes"]}
    met = rows[units.commune.code]["indicators_met"]
    StoredResult.objects.all().delete()
    IndicatorValue.objects.filter(unit=units.commune, indicator_code=TRANSPORT_INDICATOR).update(
        raw="100", value_number=100
    )
    rows = {r["code"]: r for r in client.get(url).json()["communes"]}
    assert rows[units.commune.code]["indicators_met"] == met + 1
