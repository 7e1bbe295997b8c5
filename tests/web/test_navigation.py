"""Getting around: breadcrumbs within the user's scope, where ``/`` leads, lists in order."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_unit
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_a_commune_officer_sees_the_district_and_province_in_the_breadcrumbs_but_not_as_links(
    units, personas
):
    html = (
        logged_in(personas.commune_officer)
        .get(reverse("web:unit", args=[units.commune.code]))
        .content.decode()
    )
    crumbs = html.split('class="breadcrumb ')[1].split("</ol>")[0]
    assert units.district.name in crumbs and units.province.name in crumbs
    assert reverse("web:unit", args=[units.district.code]) not in crumbs
    assert reverse("web:unit", args=[units.province.code]) not in crumbs
    village = (
        logged_in(personas.commune_officer)
        .get(reverse("web:unit", args=[units.village.code]))
        .content.decode()
    )
    assert reverse("web:unit", args=[units.commune.code]) in village.split('class="breadcrumb ')[1]


def test_a_district_office_gets_its_district_linked_and_the_province_as_text(units, personas):
    html = (
        logged_in(personas.district_office)
        .get(reverse("web:unit", args=[units.commune.code]))
        .content.decode()
    )
    crumbs = html.split('class="breadcrumb ')[1].split("</ol>")[0]
    assert reverse("web:unit", args=[units.district.code]) in crumbs
    assert reverse("web:unit", args=[units.province.code]) not in crumbs
    assert units.province.name in crumbs


def test_a_commune_officer_opening_the_dashboard_lands_on_the_commune_page(units, personas):
    client = logged_in(personas.commune_officer)
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:unit", args=[units.commune.code])
    with_period = client.get(reverse("web:dashboard"), {"period": "2023-05"})
    assert (
        with_period["Location"]
        == reverse("web:unit", args=[units.commune.code]) + "?period=2023-05"
    )


def test_a_district_office_still_gets_the_dashboard(units, personas):
    assert logged_in(personas.district_office).get(reverse("web:dashboard")).status_code == 200


def test_the_unit_list_is_in_vietnamese_order(units, personas):
    for code, name in (
        ("9389403", "Thuận Minh"),
        ("9389404", "Thọ Diên"),
        ("9389405", "Trường Xuân"),
        ("9389406", "Tây Hồ"),
    ):
        make_unit(code, name, "commune", units.district)
    html = (
        logged_in(personas.district_office)
        .get(reverse("web:unit", args=[units.district.code]))
        .content.decode()
    )
    positions = [
        html.index(f">xã {name}<")
        for name in ("Tây Hồ", "Thọ Diên", "Thuận Minh", "Trường Xuân", "Xuân Hòa")
    ]
    assert positions == sorted(positions)
    listing = logged_in(personas.district_office).get(reverse("web:units")).content.decode()
    positions = [
        listing.index(f">xã {name}<")
        for name in ("Tây Hồ", "Thọ Diên", "Thuận Minh", "Trường Xuân", "Xuân Hòa")
    ]
    assert positions == sorted(positions)


def test_a_village_is_not_called_thon_thon(units, personas):
    html = (
        logged_in(personas.commune_officer)
        .get(reverse("web:unit", args=[units.commune.code]))
        .content.decode()
    )
    assert "Thôn 1" in html
    assert "thôn Thôn 1" not in html
    page = (
        logged_in(personas.commune_officer)
        .get(reverse("web:unit", args=[units.village.code]))
        .content.decode()
    )
    assert "thôn Thôn 1" not in page and "<title>Thôn 1" in page.replace("\n", "")
