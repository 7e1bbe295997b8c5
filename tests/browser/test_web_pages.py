"""The web app in a real headless Chromium (Debian's), driven by Playwright.

A commune officer enters a failing then a passing value and sees the verdict and the counts
change; another commune's officer gets 404 on the first commune's pages and API; the district
office sees the dashboard with the map drawn and the charts rendered. No page may ask any host
but the app's own (the offices are often offline).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import PERSONA_PASSWORD, assert_no_foreign_requests, browser_login

NTM_SET = "xa-ntm-2021-2025"
PERIOD = "2023-05"
# The README's picture is refreshed only on request (NTM_UPDATE_SCREENSHOT=1), so a test run
# leaves the tree clean; otherwise the shot goes to a temporary folder and is still taken.
DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-dashboard.png"
DEMO_DISTRICT = "Thọ Xuân"

pytestmark = pytest.mark.django_db(transaction=True)


def _counts(page) -> tuple[str, str]:
    box = page.locator("#entry-counts")
    return box.locator("[data-criteria-met]").inner_text(), box.locator(
        "[data-indicators-met]"
    ).inner_text()


def _enter(page, raw: str, status: str) -> None:
    """Type a value, wait for the live verdict, then save (the page reloads after saving)."""
    page.fill("#v-2_1", raw)
    page.locator(f'#verdict-2_1 [data-status="{status}"]').wait_for()
    with page.expect_navigation():
        page.click("#entry-save")


def test_a_commune_officer_sees_the_verdict_and_the_counts_follow_the_values(
    browser_page, live_server, units, personas
):
    page = browser_page
    browser_login(page, personas.commune_officer.username)
    page.goto(f"/units/{units.commune.code}/entry/{NTM_SET}/{PERIOD}/")
    assert _counts(page) == ("0/19", "0/57")

    _enter(page, "95,5", "unmet")
    assert "95,5" in page.input_value("#v-2_1")
    assert page.locator('#verdict-2_1 [data-status="unmet"]').count() == 1
    assert _counts(page) == ("0/19", "0/57")

    _enter(page, "100%", "met")
    assert page.locator('#verdict-2_1 [data-status="met"]').count() == 1
    assert _counts(page) == ("0/19", "1/57")

    page.goto(f"/units/{units.commune.code}/?period={PERIOD}")
    summary = page.locator(f'#set-summary tr[data-set="{NTM_SET}"]')
    assert summary.locator("[data-indicators-met]").inner_text() == "1/57"
    assert_no_foreign_requests(page, live_server)


def test_another_communes_officer_gets_404_on_its_pages_and_api(
    browser_page, live_server, units, django_user_model
):
    from ntm.accounts.services import do_assign_role

    neighbour = django_user_model.objects.create_user("xa.xuanminh", password=PERSONA_PASSWORD)
    do_assign_role(user=neighbour, role="commune", unit=units.sibling_commune)
    page = browser_page
    browser_login(page, neighbour.username)
    code = units.commune.code
    for path in (
        f"/units/{code}/",
        f"/units/{code}/entry/{NTM_SET}/{PERIOD}/",
        f"/api/units/{code}/",
        f"/api/units/{code}/values/",
        f"/api/units/{code}/evaluation/",
    ):
        response = page.goto(path)
        assert response.status == 404, path
        assert units.commune.name not in page.content(), path
    assert page.goto(f"/units/{units.sibling_commune.code}/").status == 200
    assert_no_foreign_requests(page, live_server)


@pytest.fixture
def demo_district(transactional_db):
    """The real units and the seed district Thọ Xuân with its demo values and users."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from ntm.accounts.services import create_demo_users
    from ntm.demo.loader import load_demo
    from ntm.units.services import load_units

    load_units()
    load_demo(only=(DEMO_DISTRICT,))
    users = {user.username: user for user in create_demo_users()}
    # The district's stored results computed once, before the browser's parallel requests:
    # on the suite's shared in-memory SQLite, a request storing a first-read row locks the
    # table against the others at once (a file database in WAL mode lets them read and wait).
    client = Client()
    client.force_login(get_user_model().objects.get(username="huyen.thoxuan"))
    assert client.get("/dashboard/data.json").status_code == 200
    return users


def _canvas_has_ink(page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
            const canvas = document.querySelector(selector);
            const data = canvas.getContext("2d")
                .getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) { return true; } }
            return false;
        }""",
        selector,
    )


def test_the_district_office_sees_the_map_and_the_charts(
    browser_page, live_server, demo_district, tmp_path
):
    district = demo_district["huyen.thoxuan"]
    page = browser_page
    page.set_viewport_size({"width": 1360, "height": 1100})
    browser_login(page, district.username, district.password)
    page.goto("/")
    page.locator("body[data-dashboard-ready='1']").wait_for()

    drawn = page.locator("#map path.leaflet-interactive").count()
    rows = page.locator("#commune-table tbody tr").count()
    # One selection rule (issue 8): the table, the map and the cards count the communes with
    # values for the set within 12 months, as the review does: seed 002's 12 communes reviewed
    # against the NTM set in May 2023; the other 18 of its 30 units (advanced communes, towns)
    # are said not counted.
    assert rows == 12
    assert (
        "18 xã, phường, thị trấn không có số liệu"
        in page.locator("#table-heading + p").inner_text()
    )
    assert drawn == rows
    for chart in ("#chart-distribution", "#chart-unmet", "#chart-trend"):
        assert _canvas_has_ink(page, chart), chart
    assert page.locator("[data-count=total]").inner_text() == str(rows)

    target = (
        DOCS_SCREENSHOT
        if os.environ.get("NTM_UPDATE_SCREENSHOT") == "1"
        else tmp_path / "dashboard.png"
    )
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000
    assert_no_foreign_requests(page, live_server)


def test_the_map_names_its_communes_explains_its_shapes_and_shares_the_level_colours(
    browser_page, live_server, demo_district
):
    district = demo_district["huyen.thoxuan"]
    page = browser_page
    page.set_viewport_size({"width": 1360, "height": 1100})
    browser_login(page, district.username, district.password)
    page.goto("/")
    page.locator("body[data-dashboard-ready='1']").wait_for()

    drawn = page.locator("#map path.leaflet-interactive").count()
    names = page.locator("#map .map-label").all_inner_texts()
    assert len(names) == drawn and all(names)
    legend = page.locator("#map-legend").inner_text()
    assert "Chưa đạt chuẩn" in legend and "vòng tròn tại tâm xã" in legend
    # "Chưa đạt chuẩn" has one colour: the table's badge and the map's fill.
    badge = page.locator("#commune-table .badge-level-none").first
    if badge.count():
        badge_colour = badge.evaluate("e => getComputedStyle(e).backgroundColor")
        fills = page.locator("#map path.leaflet-interactive").evaluate_all(
            "ps => ps.map(p => p.getAttribute('fill'))"
        )
        swatch = page.locator("#map-legend .swatch-none").evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert swatch == badge_colour and "#6c757d" in fills
