"""The API documentation page in a real browser: it renders and asks no other host for anything."""

import pytest

from tests.conftest import assert_no_foreign_requests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_swagger_page_renders_the_endpoints_from_local_files_only(browser_page, live_server):
    browser_page.goto("/api/docs/")
    browser_page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = browser_page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/units/{code}/evaluation/" in p.replace("\u200b", "") for p in paths)
    browser_page.wait_for_load_state("networkidle")
    assert_no_foreign_requests(browser_page, live_server)
