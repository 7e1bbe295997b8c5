"""From an unmet criterion to a task to its completion by a new value, in a real Chromium.

The district office opens the gap list, drills down from the count of communes failing
criterion 17 to the commune and its failing indicator, assigns a task in one click; the commune
officer enters a value that meets the threshold, and the task says it closed itself.
"""

from __future__ import annotations

import pytest

from tests.conftest import assert_no_foreign_requests, browser_login
from tests.planning.conftest import NTM, PERIOD, enter

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_an_unmet_criterion_to_a_task_to_its_completion_by_a_new_value(
    browser_page, live_server, units, personas
):
    enter(units.commune, {"17.1": "90"})
    enter(units.sibling_commune, {"2.1": "80"})
    page = browser_page

    browser_login(page, personas.district_office.username)
    page.goto(f"/follow-up/{units.district.code}/gaps/?set={NTM}&period={PERIOD}")
    count = page.locator('#gap-counts a[data-criterion="17"]')
    assert count.inner_text().endswith("1")
    with page.expect_navigation():
        count.click()
    rows = page.locator("#gap-table tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-commune") == units.commune.code
    assert "90 / ≥ 95%" in rows.first.locator('[data-indicator="17.1"]').inner_text()
    with page.expect_navigation():
        page.click(f'[data-assign="{units.commune.code}-17.1"]')
    assert page.locator("#task-status").get_attribute("data-status") == "not-started"
    task_url = page.url

    page.context.clear_cookies()
    browser_login(page, personas.commune_officer.username)
    page.goto(f"/units/{units.commune.code}/entry/{NTM}/{PERIOD}/")
    page.fill("#v-17_1", "96")
    page.locator('#verdict-17_1 [data-status="met"]').wait_for()
    with page.expect_navigation():
        page.click("#entry-save")

    page.goto(task_url)
    assert page.locator("#task-status").get_attribute("data-status") == "done"
    assert (
        "Tự động hoàn thành: chỉ tiêu 17.1 đạt (96 >= 95) kỳ 2023-05"
        in page.locator("#task-closed-by-value").inner_text()
    )
    assert_no_foreign_requests(page, live_server)


def test_a_bar_of_the_unmet_chart_opens_the_communes_behind_it(
    browser_page, live_server, units, personas
):
    enter(units.commune, {"17.1": "90"})
    enter(units.sibling_commune, {"2.1": "80"})
    page = browser_page
    browser_login(page, personas.district_office.username)
    page.goto(f"/?set={NTM}&period={PERIOD}")
    page.locator("body[data-dashboard-ready='1']").wait_for()
    x, y = page.evaluate("""() => {
        const bar = Chart.getChart(document.getElementById('chart-unmet'))
            .getDatasetMeta(0).data[16];  // criterion 17
        return [bar.x, (bar.y + bar.base) / 2];
    }""")
    with page.expect_navigation():
        page.locator("#chart-unmet").click(position={"x": x, "y": y})
    assert "criterion=17" in page.url
    rows = page.locator("#gap-table tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-commune") == units.commune.code
