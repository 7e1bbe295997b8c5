"""The national view in Chromium: a national user opens it from the menu, sees the post-2025
provinces on the map and in the table, and drills into a province's own dashboard."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import assert_no_foreign_requests, browser_login, make_unit

SET_2026 = "xa-ntm-2026-2030"
NEW = date(2025, 7, 1)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def country(units):
    from ntm.assessments.services import do_set_value

    provinces = [
        make_unit("938", "Thanh Hóa", "province", era="2025", region="BTB", valid_from=NEW),
        make_unit("942", "Hà Tĩnh", "province", era="2025", region="BTB", valid_from=NEW),
    ]
    places = [(19.85, 105.45), (18.3, 105.9)]
    for n, (province, (lat, lon)) in enumerate(zip(provinces, places, strict=True)):
        commune = make_unit(
            f"9900{n}",
            f"Xã {n}",
            "commune",
            province,
            era="2025",
            valid_from=NEW,
            commune_group="1",
            latitude=lat,
            longitude=lon,
        )
        do_set_value(
            unit=commune,
            set_code=SET_2026,
            indicator_code="1.1",
            period="2026",
            raw="Đạt",
            source="form",
            author=None,
        )
    return provinces


def test_a_national_user_drills_from_the_country_into_a_province(
    browser_page, live_server, personas, country
):
    page = browser_page
    browser_login(page, personas.national.username)
    page.goto("/")
    page.click("nav >> text=Toàn quốc")
    page.wait_for_selector("body[data-national-ready='1']")
    assert page.locator("#national").get_attribute("data-circles") == "2"
    rows = page.eval_on_selector_all(
        "#province-table tbody tr", "rows => rows.map(r => r.dataset.province)"
    )
    assert sorted(rows) == ["938", "942"]
    assert page.locator("[data-total='provinces']").inner_text() == "2"
    with page.expect_navigation():
        page.click("#province-table a:text('tỉnh Thanh Hóa')")
    assert "unit=938%402025" in page.url
    page.wait_for_selector("body[data-dashboard-ready='1']")
    assert "Tổng quan: tỉnh Thanh Hóa" in page.inner_text("h1")
    assert page.locator("#commune-table tbody tr[data-level]").count() == 1
    assert_no_foreign_requests(page, live_server)
