"""The entry page in a real browser: the sticky summary follows the values being typed, before
saving; Enter moves to the next value."""

from __future__ import annotations

import pytest

from tests.conftest import assert_no_foreign_requests, browser_login

NTM_SET = "xa-ntm-2021-2025"
PERIOD = "2023-05"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_summary_counts_follow_the_typed_values_and_enter_moves_on(
    browser_page, live_server, units, personas
):
    page = browser_page
    browser_login(page, personas.commune_officer.username)
    page.goto(f"/units/{units.commune.code}/entry/{NTM_SET}/{PERIOD}/")
    assert page.locator("#entry-counts").evaluate("e => getComputedStyle(e).position") == "sticky"

    page.click("#v-2_1")
    for code in ("2_1", "2_2", "2_3", "2_4"):
        assert page.evaluate("document.activeElement.id") == f"v-{code}"
        page.keyboard.type("100")
        page.keyboard.press("Enter")
    page.locator("#entry-counts [data-criteria-met]", has_text="1/19").wait_for(timeout=10000)
    assert page.locator("#entry-counts [data-indicators-met]").inner_text() == "4/57"
    assert page.locator("#crit-verdict-2 .verdict-met").count() == 1
    assert_no_foreign_requests(page, live_server)
