"""The dashboard's commune table in Chromium: the name filter ignores diacritics, case and tone
placement, and the script sorts names in the same Vietnamese order the server renders."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login, make_unit

NTM_SET = "xa-ntm-2021-2025"
PERIOD = "2023-05"
NAMES = [
    "Xuân Hòa",
    "Xuân Minh",
    "Thuận Minh",
    "Thọ Diên",
    "Tây Hồ",
    "Trường Xuân",
    "Đông Thanh",
    "Dân Lý",
]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def district_table(units, personas):
    from ntm.assessments.services import do_set_value

    communes = [units.commune, units.sibling_commune]
    communes += [
        make_unit(f"93894{n:02d}", name, "commune", units.district)
        for n, name in enumerate(NAMES[2:], start=10)
    ]
    for commune in communes:
        do_set_value(
            unit=commune,
            set_code=NTM_SET,
            indicator_code="2.1",
            period=PERIOD,
            raw="80",
            source="form",
            author=personas.district_office,
        )
    return communes


def _visible_names(page) -> list[str]:
    return page.eval_on_selector_all(
        "#commune-table tbody tr:not([hidden]) td:first-child",
        "cells => cells.map(c => c.dataset.value)",
    )


def test_the_name_filter_ignores_diacritics_case_and_tone_placement(
    browser_page, live_server, personas, district_table
):
    page = browser_page
    browser_login(page, personas.district_office.username)
    page.goto("/")
    for typed, expected in (
        ("xuan h", ["Xuân Hòa"]),
        ("thuan", ["Thuận Minh"]),
        ("xuân hoà", ["Xuân Hòa"]),
        ("XUÂN HÒA", ["Xuân Hòa"]),
        ("dong", ["Đông Thanh"]),
        ("xã tây", ["Tây Hồ"]),
        ("minh", ["Thuận Minh", "Xuân Minh"]),
    ):
        page.fill("#table-filter", typed)
        assert _visible_names(page) == expected, typed
    page.fill("#table-filter", "")
    assert len(_visible_names(page)) == len(NAMES)


def test_the_script_sorts_names_in_the_order_the_server_rendered(
    browser_page, live_server, personas, district_table
):
    from ntm.web.names import vietnamese_key

    page = browser_page
    browser_login(page, personas.district_office.username)
    page.goto("/")
    server_order = _visible_names(page)
    assert server_order == sorted(NAMES, key=vietnamese_key)
    assert server_order.index("Thọ Diên") < server_order.index("Thuận Minh")
    assert server_order.index("Tây Hồ") < server_order.index("Trường Xuân")
    name_header = page.locator("#commune-table th.sortable").first.locator("button")
    name_header.click()  # descending
    assert _visible_names(page) == list(reversed(server_order))
    name_header.click()  # ascending again, by the browser's own collator
    assert _visible_names(page) == server_order


def test_a_commune_officer_opening_the_app_lands_on_the_commune_page(
    browser_page, live_server, units, personas
):
    page = browser_page
    browser_login(page, personas.commune_officer.username)
    page.goto("/")
    assert page.url.endswith(f"/units/{units.commune.code}/")
    crumbs = page.locator("nav .breadcrumb")
    assert units.district.name in crumbs.inner_text()
    assert crumbs.locator(f'a[href="/units/{units.district.code}/"]').count() == 0
