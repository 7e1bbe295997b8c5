"""/api/units/CODE/recognitions/: decisions per unit, scoped like every unit endpoint."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.recognition.services import RecognitionFields, do_recognise, do_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(units):
    do_recognise(
        unit=units.district,
        fields=RecognitionFields("ntm", "999/QĐ-TTg", date(2019, 12, 20), "Thủ tướng Chính phủ"),
    )
    do_recognise(
        unit=units.commune, fields=RecognitionFields("ntm", "1/QĐ", date(2018, 1, 1), "UBND tỉnh")
    )
    do_recognise(
        unit=units.sibling_commune,
        fields=RecognitionFields("ntm", "2/QĐ", date(2018, 1, 1), "UBND tỉnh"),
    )
    do_revoke(
        unit=units.sibling_commune,
        fields=RecognitionFields("ntm", "3/QĐ", date(2023, 6, 1), "UBND tỉnh"),
    )
    return units


def test_the_district_office_sees_the_timeline_of_its_units(decisions, personas, api_as):
    rows = api_as(personas.district_office).get("/api/units/93894/recognitions/").json()
    assert [(r["unit"], r["decision"], r["in_force"]) for r in rows] == [
        ("93894", "999/QĐ-TTg", True),
        ("9389401", "1/QĐ", True),
        ("9389402", "2/QĐ", False),
    ]
    assert rows[2]["revoked"] == {
        "decision": "3/QĐ",
        "date": "2023-06-01",
        "issuer": "UBND tỉnh",
        "note": "",
    }


def test_as_of_keeps_the_recognitions_in_force_that_day(decisions, personas, api_as):
    client = api_as(personas.district_office)
    rows = client.get("/api/units/93894/recognitions/", {"as_of": "31/12/2022"}).json()
    assert [r["unit"] for r in rows] == ["93894", "9389401", "9389402"]
    response = client.get("/api/units/93894/recognitions/", {"as_of": "hôm qua"})
    assert (
        response.status_code == 400
        and response.json()["code"] == "bad_date"
        and response.json()["detail_vi"]
    )


def test_a_commune_officer_sees_only_their_commune_and_gets_404_elsewhere(
    decisions, personas, api_as
):
    client = api_as(personas.commune_officer)
    assert [r["unit"] for r in client.get("/api/units/9389401/recognitions/").json()] == ["9389401"]
    assert client.get("/api/units/93894/recognitions/").status_code == 404
    assert (
        api_as(personas.other_district_officer).get("/api/units/9389401/recognitions/").status_code
        == 404
    )
