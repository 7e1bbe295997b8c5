"""The national view: the provinces of the post-2025 structure with their communes' figures,
only for users whose scope is the whole country, each province opening its own dashboard."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ntm.assessments.services import do_set_value
from tests.conftest import make_unit
from tests.web.conftest import logged_in

SET_2026 = "xa-ntm-2026-2030"
NEW = date(2025, 7, 1)


@pytest.fixture
def country(units):
    """Two post-2025 provinces (one keeps the old Thanh Hóa code) with communes under them."""
    thanh_hoa = make_unit("938", "Thanh Hóa", "province", era="2025", region="BTB", valid_from=NEW)
    ha_tinh = make_unit("942", "Hà Tĩnh", "province", era="2025", region="BTB", valid_from=NEW)
    communes = [
        make_unit(
            "99001",
            "Thọ Xuân",
            "commune",
            thanh_hoa,
            era="2025",
            valid_from=NEW,
            commune_group="1",
            latitude=19.9,
            longitude=105.4,
        ),
        make_unit(
            "99002",
            "Xuân Lập",
            "commune",
            thanh_hoa,
            era="2025",
            valid_from=NEW,
            commune_group="1",
            latitude=19.8,
            longitude=105.5,
        ),
        make_unit(
            "99101", "Kỳ Anh", "commune", ha_tinh, era="2025", valid_from=NEW, commune_group="1"
        ),
    ]
    return thanh_hoa, ha_tinh, communes


@pytest.mark.django_db
def test_the_national_view_lists_post_2025_provinces_with_their_communes_figures(country, personas):
    thanh_hoa, ha_tinh, communes = country
    do_set_value(
        unit=communes[0],
        set_code=SET_2026,
        indicator_code="1.1",
        period="2026",
        raw="Đạt",
        source="form",
        author=None,
    )
    do_set_value(
        unit=communes[2],
        set_code=SET_2026,
        indicator_code="1.1",
        period="2026",
        raw="Chưa đạt",
        source="form",
        author=None,
    )
    client = logged_in(personas.national)
    data = client.get(reverse("web:national_data"), {"period": "2026"}).json()
    assert data["era"] == "2025" and data["set"]["code"] == SET_2026
    rows = {r["code"]: r for r in data["provinces"]}
    assert set(rows) == {"938", "942"}  # the pre-2025 Thanh Hóa is not listed
    assert (rows["938"]["communes"], rows["938"]["with_data"]) == (2, 1)
    assert (rows["942"]["communes"], rows["942"]["with_data"]) == (1, 1)
    assert data["totals"]["provinces"] == 2 and data["totals"]["with_data"] == 2
    assert rows["938"]["lat"] == pytest.approx(19.85)  # its communes' centre
    assert "unit=938%402025" in rows["938"]["url"]


@pytest.mark.django_db
def test_a_province_opens_its_own_dashboard_not_the_pre_2025_one(country, personas):
    thanh_hoa, _ha_tinh, communes = country
    client = logged_in(personas.national)
    page = client.get(reverse("web:national"), {"period": "2026"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Toàn quốc" in text and "Hà Tĩnh" in text
    dashboard = client.get(reverse("web:dashboard"), {"unit": "938@2025", "period": "2026"})
    assert dashboard.status_code == 200
    assert dashboard.context["unit"].pk == thanh_hoa.pk
    assert dashboard.context["everyone"] == 3 - 1  # Thọ Xuân and Xuân Lập, not Kỳ Anh
    assert "unit=938%402025" in dashboard.content.decode()  # its map data asks for the new one


@pytest.mark.django_db
def test_the_pre_2025_view_lists_the_old_provinces(country, personas):
    client = logged_in(personas.national)
    data = client.get(reverse("web:national_data"), {"era": "2008", "period": "2023"}).json()
    assert [r["code"] for r in data["provinces"]] == ["938"]
    assert data["set"]["code"] == "xa-ntm-2021-2025"
    assert data["provinces"][0]["communes"] == 3


@pytest.mark.django_db
def test_only_users_who_see_the_whole_country_get_the_national_view(country, personas):
    for persona in ("province_office", "district_office", "viewer"):
        client = logged_in(getattr(personas, persona))
        assert client.get(reverse("web:national")).status_code == 404
        assert client.get(reverse("web:national_data")).status_code == 404
    assert "/national/" not in logged_in(personas.province_office).get("/units/").content.decode()
    assert "/national/" in logged_in(personas.national).get("/units/").content.decode()
