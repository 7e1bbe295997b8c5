"""/api/units/<code>/ocop|funds|outputs|awards|reported|resources/: the subtree, filtered, 404
outside."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.investment.services import (
    AwardData,
    FundsData,
    ReportedData,
    do_save_award,
    do_save_funds,
    do_save_reported,
)
from ntm.ocop.services import RatingData, do_save_rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(units):
    do_save_rating(data=RatingData(units.commune.pk, "Bánh gai", "HTX", 1, 2022, 3, "province"))
    do_save_rating(
        data=RatingData(units.sibling_commune.pk, "Rượu nếp", "HTX", 2, 2023, 4, "province")
    )
    do_save_rating(data=RatingData(units.other_commune.pk, "Măng", "HTX", 1, 2023, 3, "district"))
    do_save_funds(data=FundsData(units.commune.pk, "2023-05", "central", 1_250_000_000))
    do_save_award(
        data=AwardData(
            units.commune.pk, date(2023, 4, 27), "UBND huyện", "certificate", "collective", "Thôn 1"
        )
    )
    do_save_reported(
        data=ReportedData(units.other_district.pk, "2023-03", 11, 2, "Báo cáo huyện", demo=True)
    )
    return units


def test_ocop_ratings_under_a_district_are_listed_and_filtered(records, personas, api_as):
    client = api_as(personas.district_office)
    rows = client.get("/api/units/93894/ocop/").json()
    assert sorted(r["product"] for r in rows) == ["Bánh gai", "Rượu nếp"]
    assert [r["product"] for r in client.get("/api/units/93894/ocop/?stars=4").json()] == [
        "Rượu nếp"
    ]
    assert rows[0]["expires_on"] and rows[0]["group_name"]
    assert client.get("/api/units/93894/ocop/?stars=four").json()["code"] == "bad_filter"


def test_resources_outside_the_callers_units_are_404(records, personas, api_as):
    client = api_as(personas.commune_officer)
    assert client.get("/api/units/93894/funds/").status_code == 404
    assert client.get("/api/units/93890/reported/").status_code == 404
    assert [r["amount_vnd"] for r in client.get("/api/units/9389401/funds/").json()] == [
        1_250_000_000
    ]


def test_reported_figures_say_they_are_reported_and_demo(records, personas, api_as):
    rows = api_as(personas.province_office).get("/api/units/938/reported/").json()
    assert rows == [
        {
            "unit": "93890",
            "unit_name": "Quan Sơn",
            "period": "2023-03",
            "communes": 11,
            "communes_ntm": 2,
            "communes_advanced": None,
            "communes_model": None,
            "average_criteria": None,
            "ocop_products": None,
            "funds_vnd": None,
            "source": "Báo cáo huyện (số liệu mẫu, không chính thức)",
            "date": None,
            "demo": True,
            "reported": True,
        }
    ]


def test_the_resource_summary_has_the_summary_json_sections(records, personas, api_as):
    data = (
        api_as(personas.district_office)
        .get("/api/units/93894/resources/?period=2023-05&since=2022")
        .json()
    )
    assert data["ocop"]["products"] == 2 and data["ocop"]["new_since"] == 1
    assert data["funds"]["since_vnd"] == 1_250_000_000
    assert data["awards"]["collectives"] == 1 and data["outputs"] is None
    assert (
        api_as(personas.district_office).get("/api/units/93894/resources/").json()["code"]
        == "period_required"
    )
    awards = (
        api_as(personas.district_office)
        .get("/api/units/93894/awards/?from=2023-04-01&to=30/4/2023")
        .json()
    )
    assert len(awards) == 1
