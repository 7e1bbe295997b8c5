"""The public portal in a real headless Chromium: no login, the map and the progress chart drawn,
nothing asked of another host."""

from __future__ import annotations

import os

import pytest

from ntm.assessments.services import do_set_value
from ntm.portal.services import do_publish
from tests.conftest import assert_no_foreign_requests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reads_a_published_district_with_its_map_and_progress(
    units, personas, browser_page, live_server
):
    for unit, (lat, lon) in (
        (units.commune, (19.93, 105.43)),
        (units.sibling_commune, (19.96, 105.40)),
    ):
        unit.latitude, unit.longitude = lat, lon
        unit.save(update_fields=["latitude", "longitude"])
    for period, raw in (("2022", "40"), ("2023", "95")):
        do_set_value(
            unit=units.commune,
            set_code="xa-ntm-2021-2025",
            indicator_code="17.1",
            period=period,
            raw=raw,
            source="form",
            author=None,
        )
        do_publish(unit=units.district, period=period, by=personas.district_office)
    page = browser_page
    page.goto("/public/units/93894/")
    page.locator("#portal-map .leaflet-interactive").first.wait_for()
    assert page.locator("#portal-map .leaflet-interactive").count() == 2
    page.locator("#portal-progress").wait_for()
    assert page.evaluate("() => !!Chart.getChart(document.getElementById('portal-progress'))")
    page.click("text=Xuân Hòa")
    page.locator("#criteria-met").wait_for()
    if os.environ.get("NTM_PORTAL_SCREENSHOT"):
        page.screenshot(path=os.environ["NTM_PORTAL_SCREENSHOT"], full_page=True)
    assert_no_foreign_requests(page, live_server)
