"""Shared fixtures. Tests run on SQLite by default and on PostgreSQL when DATABASE_URL says so.

- ``units``: a small unit tree (one province, two districts, three communes, a village) made
  directly, so tests do not depend on the national load.
- ``personas``: users with roles on that tree (healthchecks style: an owner, a member, an
  outsider). Their password is ``PERSONA_PASSWORD``.
- ``browser_page``: a Playwright page in Debian's headless Chromium (never a downloaded one;
  a fresh temporary profile per launch and a new context per test) that records every request
  URL (``page.requested_urls``); ``assert_no_foreign_requests(page, live_server)`` checks them
  and ``browser_login(page, username)`` logs in through the real form.
Tests under ``tests/browser/`` are marked ``browser`` automatically.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PERSONA_PASSWORD = "Thu-Nghiem-Mat-Khau-2023"
BROWSER_DIR = Path(__file__).parent / "browser"


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or db['NAME']}"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Hashing with PBKDF2 costs ~0.3 s a user; tests create many users."""
    from django.test.utils import override_settings

    override = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Every test starts with the page cache empty. Its keys name what is stored, and each test
    rolls its data back: the next test may store rows with the same ids (SQLite gives them
    again) and must not find the parts another test drew from them."""
    from django.core.cache import caches

    from ntm.reportsdata.cache import ALIAS

    caches[ALIAS].clear()


@pytest.fixture(scope="session", autouse=True)
def _publish_inline():
    """A publication's figures computed inside the request (``NTM_PUBLISH_MODE=inline``): a
    background thread would not see the test's transaction. tests/portal covers the others."""
    from django.test.utils import override_settings

    override = override_settings(NTM_PUBLISH_MODE="inline")
    override.enable()
    yield
    override.disable()


def make_unit(code: str, name: str, level: str, parent=None, *, era: str = "2008", **fields):
    """Create an AdminUnit with its ``path`` (chain of ids from the root, ending with its own)."""
    from ntm.textnorm import normalize_name
    from ntm.units.models import AdminUnit

    unit_type = fields.pop(
        "unit_type",
        {"province": "tỉnh", "district": "huyện", "commune": "xã", "village": "thôn"}[level],
    )
    if parent is not None and "region" not in fields:
        fields["region"] = parent.region
    unit = AdminUnit.objects.create(
        code=code,
        name=name,
        level=level,
        parent=parent,
        era=era,
        unit_type=unit_type,
        match_name=normalize_name(name),
        **fields,
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


@dataclass
class Units:
    province: object  # Thanh Hóa
    district: object  # Thọ Xuân
    other_district: object  # Quan Sơn
    commune: object  # Xuân Hòa (Thọ Xuân)
    sibling_commune: object  # Xuân Minh (Thọ Xuân)
    other_commune: object  # Trung Hạ (Quan Sơn)
    village: object  # Thôn 1, Xuân Hòa


@pytest.fixture
def units(db) -> Units:
    """Synthetic codes (9xxx) so the tree never collides with the real national units."""
    province = make_unit("938", "Thanh Hóa", "province", region="BTB")
    district = make_unit("93894", "Thọ Xuân", "district", province)
    other_district = make_unit("93890", "Quan Sơn", "district", province)
    commune = make_unit("9389401", "Xuân Hòa", "commune", district)
    return Units(
        province=province,
        district=district,
        other_district=other_district,
        commune=commune,
        sibling_commune=make_unit("9389402", "Xuân Minh", "commune", district),
        other_commune=make_unit(
            "9389001", "Trung Hạ", "commune", other_district, extremely_difficult=True
        ),
        village=make_unit("9389401-1", "Thôn 1", "village", commune),
    )


@dataclass
class Personas:
    commune_officer: object  # Xuân Hòa
    district_office: object  # Thọ Xuân
    other_district_officer: object  # Quan Sơn
    province_office: object  # Thanh Hóa
    department_officer: object  # transport (criterion 2 of the NTM sets) in Thọ Xuân
    viewer: object  # Thọ Xuân, read-only
    national: object  # the whole country, read-only


TRANSPORT = {"xa-ntm-2021-2025": [2], "xa-ntm-nang-cao-2021-2025": [2]}


@pytest.fixture
def personas(units, django_user_model) -> Personas:
    from ntm.accounts.services import do_assign_role

    def person(username: str, role: str, unit, criteria=None):
        user = django_user_model.objects.create_user(username, password=PERSONA_PASSWORD)
        do_assign_role(user=user, role=role, unit=unit, criteria=criteria)
        return user

    return Personas(
        commune_officer=person("xa.xuanhoa", "commune", units.commune),
        district_office=person("huyen.thoxuan", "district", units.district),
        other_district_officer=person("huyen.quanson", "district", units.other_district),
        province_office=person("tinh.thanhhoa", "province", units.province),
        department_officer=person("giaothong.thoxuan", "department", units.district, TRANSPORT),
        viewer=person("xem.thoxuan", "viewer", units.district),
        national=person("trunguong", "national", None),
    )


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium (Debian's, never a downloaded one) for the whole session."""
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # in a thread with a loop unless told that this is deliberate (the test drives both).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium_browser, live_server):
    """A fresh page (new context: empty profile, no cookies) that records every request URL."""
    context = chromium_browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


def assert_no_foreign_requests(page, live_server) -> None:
    """Every request the page made went to the app's own host (the app must work offline)."""
    app = urlsplit(live_server.url).netloc
    foreign = [
        url
        for url in page.requested_urls
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).netloc != app
    ]
    assert foreign == [], f"requests to other hosts: {foreign}"


def browser_login(page, username: str, password: str = PERSONA_PASSWORD) -> None:
    """Log in through the real form at /login/."""
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form[action='/login/'] [type=submit]")
