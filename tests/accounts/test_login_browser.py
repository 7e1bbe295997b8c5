"""Logging in through the real form in headless Chromium."""

import pytest
from django.core.cache import cache

from ntm.accounts import throttle
from ntm.accounts.views import TOO_MANY_FAILED_LOGINS
from tests.conftest import assert_no_foreign_requests, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_logs_in_and_out_in_a_real_browser(browser_page, live_server, personas):
    browser_login(browser_page, "xa.xuanhoa")
    assert "/login/" not in browser_page.url
    browser_page.goto("/login/")
    assert "/login/" not in browser_page.url  # already logged in: sent on
    assert_no_foreign_requests(browser_page, live_server)


def test_the_browser_shows_the_lock_message_after_five_failures(
    browser_page, live_server, personas
):
    cache.clear()
    for _ in range(throttle.MAX_FAILURES):
        browser_login(browser_page, "xa.xuanhoa", "sai-mat-khau")
    browser_login(browser_page, "xa.xuanhoa")
    assert "/login/" in browser_page.url
    alert = browser_page.locator("#login-errors").inner_text()
    assert alert.startswith(TOO_MANY_FAILED_LOGINS.split("{count}")[0])
    assert_no_foreign_requests(browser_page, live_server)
    cache.clear()
