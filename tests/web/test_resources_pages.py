"""The resources page (lists, entry forms, OCOP expiry alerts) and the dashboard's
resource cards."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ntm.investment.models import FundsMobilised, ReportedFigures
from ntm.investment.services import FundsData, do_save_funds
from ntm.ocop.models import OcopProduct
from ntm.ocop.services import RatingData, do_save_rating
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_a_commune_officer_records_funds_typed_the_vietnamese_way(units, personas):
    client = logged_in(personas.commune_officer)
    url = reverse("web:resources", args=[units.commune.code])
    response = client.post(
        url,
        {
            "kind": "funds",
            "funds-period": "2023-05",
            "funds-source": "community",
            "funds-amount_vnd": "1.250.000.000",
            "funds-note": "",
        },
    )
    assert response.status_code == 302
    row = FundsMobilised.objects.get()
    assert (row.unit, row.amount_vnd, row.fund_source) == (
        units.commune,
        1_250_000_000,
        "community",
    )
    assert row.history.get().history_user == personas.commune_officer
    page = client.get(url)
    assert "1.250.000.000" in page.content.decode()


def test_a_bad_entry_is_refused_with_the_field_named_and_nothing_saved(units, personas):
    client = logged_in(personas.commune_officer)
    response = client.post(
        reverse("web:resources", args=[units.commune.code]),
        {
            "kind": "ocop",
            "ocop-product": "Bánh gai",
            "ocop-producer": "HTX",
            "ocop-producer_kind": "cooperative",
            "ocop-group": "1",
            "ocop-year": "2023",
            "ocop-stars": "6",
            "ocop-level": "province",
        },
    )
    assert response.status_code == 400
    assert response.context["forms"]["ocop"].errors.keys() == {"stars"}
    assert not OcopProduct.objects.exists()


def test_viewers_see_but_cannot_record_and_units_cannot_report_their_own_figures(units, personas):
    url = reverse("web:resources", args=[units.commune.code])
    viewer = logged_in(personas.viewer)
    assert "form-funds" not in viewer.get(url).content.decode()
    assert (
        viewer.post(
            url,
            {
                "kind": "funds",
                "funds-period": "2023",
                "funds-source": "local",
                "funds-amount_vnd": "1",
            },
        ).status_code
        == 403
    )
    district = logged_in(personas.district_office)
    own = reverse("web:resources", args=[units.district.code])
    assert (
        district.post(
            own,
            {
                "kind": "reported",
                "reported-period": "2023",
                "reported-communes": "2",
                "reported-communes_ntm": "1",
                "reported-source": "BC",
            },
        ).status_code
        == 403
    )
    province = logged_in(personas.province_office)
    assert (
        province.post(
            own,
            {
                "kind": "reported",
                "reported-period": "2023",
                "reported-communes": "2",
                "reported-communes_ntm": "1",
                "reported-source": "BC",
            },
        ).status_code
        == 302
    )
    assert ReportedFigures.objects.get().unit == units.district
    assert logged_in(personas.other_district_officer).get(url).status_code == 404


def test_expiring_ocop_certificates_are_flagged_on_the_page_and_the_dashboard(units, personas):
    do_save_rating(
        data=RatingData(
            units.commune.pk, "Bánh gai", "HTX", 1, 2019, 3, "province", decided_on=date(2019, 6, 1)
        )
    )
    do_save_rating(
        data=RatingData(
            units.sibling_commune.pk,
            "Rượu nếp",
            "HTX",
            2,
            2024,
            4,
            "province",
            decided_on=date(2024, 6, 1),
        )
    )
    do_save_funds(data=FundsData(units.commune.pk, "2023-05", "central", 2_000_000_000))
    client = logged_in(personas.district_office)

    page = client.get(reverse("web:resources", args=[units.district.code])).content.decode()
    assert 'id="ocop-expiry"' in page and "Bánh gai" in page

    dashboard = client.get(reverse("web:dashboard"), {"period": "2024-12"})
    cards = dashboard.context["resources"]
    assert cards["ocop"]["by_stars"] == {"3": 1, "4": 1, "5": 0}
    assert cards["funds_total"] == "2 tỷ đồng"
    assert (
        'id="card-ocop"' in dashboard.content.decode()
        and 'id="ocop-expiry-card"' in dashboard.content.decode()
    )
