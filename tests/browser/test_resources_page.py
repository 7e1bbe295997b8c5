"""The resources page in a real Chromium: a commune officer records an OCOP rating and funds
typed the Vietnamese way, sees them listed with the expiry alert, and a bad entry keeps its form
open with the field named and nothing saved."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.investment.models import FundsMobilised
from ntm.ocop.models import OcopProduct
from ntm.ocop.services import RatingData, do_save_rating
from tests.conftest import assert_no_foreign_requests, browser_login

pytestmark = pytest.mark.django_db(transaction=True)


def _open_form(page, kind: str) -> None:
    page.click(f"#{kind} details > summary")
    page.locator(f"#form-{kind}").wait_for()


def test_a_commune_officer_records_ocop_and_funds_on_the_resources_page(
    browser_page, live_server, units, personas
):
    do_save_rating(
        data=RatingData(units.sibling_commune.pk, "Rượu nếp", "Hộ ông A", 2, 2023, 4, "province")
    )
    page = browser_page
    browser_login(page, personas.commune_officer.username)
    page.goto(f"/units/{units.commune.code}/resources/")
    assert "Rượu nếp" not in page.locator("#ocop-table").inner_text()  # Xuân Minh: not theirs

    _open_form(page, "ocop")
    page.fill("#id_ocop-product", "Bánh gai")
    page.fill("#id_ocop-producer", "HTX Xuân Hòa")
    page.select_option("#id_ocop-producer_kind", "cooperative")
    page.select_option("#id_ocop-group", "1")
    page.fill("#id_ocop-year", "2021")
    page.select_option("#id_ocop-stars", "3")
    page.select_option("#id_ocop-level", "province")
    page.fill("#id_ocop-score", "62.5")
    page.fill("#id_ocop-decision", "12/QĐ-UBND")
    page.fill("#id_ocop-decided_on", "01/06/2021")
    with page.expect_navigation():
        page.click("#form-ocop button[type=submit]")

    row = page.locator("#ocop-table tbody tr", has_text="Bánh gai")
    assert "3 ★" in row.inner_text() and "01/06/2024" in row.inner_text()
    expiry = page.locator("#ocop-expiry").inner_text()
    assert "Bánh gai" in expiry and "đã hết hạn ngày 01/06/2024" in expiry
    rating = OcopProduct.objects.get(name="Bánh gai")
    assert (rating.unit_id, rating.decided_on) == (units.commune.pk, date(2021, 6, 1))

    _open_form(page, "funds")
    page.fill("#id_funds-period", "2023-05")
    page.select_option("#id_funds-source", "community")
    page.fill("#id_funds-amount_vnd", "1.250.000.000")
    with page.expect_navigation():
        page.click("#form-funds button[type=submit]")
    assert "1.250.000.000" in page.locator("#funds-table").inner_text()
    assert FundsMobilised.objects.get().amount_vnd == 1_250_000_000
    assert_no_foreign_requests(page, live_server)


def test_a_bad_entry_keeps_its_form_open_with_the_field_named_and_saves_nothing(
    browser_page, live_server, units, personas
):
    page = browser_page
    browser_login(page, personas.commune_officer.username)
    page.goto(f"/units/{units.commune.code}/resources/")

    _open_form(page, "funds")
    page.fill("#id_funds-period", "2023-13")
    page.select_option("#id_funds-source", "community")
    page.fill("#id_funds-amount_vnd", "nhiều tiền")
    page.click("#form-funds button[type=submit]")

    alerts = page.locator("#form-funds [role=alert]")
    alerts.first.wait_for()
    assert alerts.count() == 2
    assert page.locator("#funds details").get_attribute("open") is not None
    assert "Chưa có dữ liệu." in page.locator("#funds-table").inner_text()
    assert not FundsMobilised.objects.exists()
    assert_no_foreign_requests(page, live_server)
