"""The dashboard's figures and the commune page, on values whose verdicts are known."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ntm.assessments.services import do_set_value
from ntm.criteria.registry import load_registry
from ntm.demo.values import passing_value, raw_text
from ntm.units.selectors import profile_for
from tests.web.conftest import NTM_SET, PERIOD, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_values(units, personas):
    """Xuân Hòa meets every NTM indicator; Xuân Minh the same but for 2.1 (80%); 2022 too."""
    registry = load_registry()
    criteria_set = registry.get(NTM_SET)
    for commune in (units.commune, units.sibling_commune):
        profile = profile_for(commune)
        for indicator in criteria_set.indicators:
            if indicator.aggregate is not None:
                continue
            value = passing_value(indicator, profile, registry)
            if commune == units.sibling_commune and indicator.code == "2.1":
                value = 80.0
            for period in ("2022", PERIOD):
                do_set_value(
                    unit=commune,
                    set_code=NTM_SET,
                    indicator_code=indicator.code,
                    period=period,
                    raw=raw_text(indicator, value),
                    source="form",
                    author=personas.district_office,
                )
    units.commune.latitude, units.commune.longitude = 19.9, 105.4
    units.commune.save()
    return criteria_set


def test_the_dashboard_data_counts_levels_criteria_and_unmet_communes(
    units, personas, district_values
):
    data = logged_in(personas.district_office).get(reverse("web:dashboard_data")).json()
    assert data["unit"]["code"] == units.district.code
    assert data["period"] == PERIOD
    rows = {row["code"]: row for row in data["communes"]}
    assert set(rows) == {units.commune.code, units.sibling_commune.code}
    assert rows[units.commune.code]["criteria_met"] == 19
    assert rows[units.sibling_commune.code]["unmet_criteria"] == [2]
    assert data["levels"]["ntm"] + data["levels"]["advanced"] + data["levels"]["model"] == 1
    assert data["levels"]["none"] == 1
    assert data["criteria_distribution"][18:] == [1, 1]
    criterion_2 = next(c for c in data["unmet_by_criterion"] if c["number"] == 2)
    assert criterion_2["communes"] == [units.sibling_commune.code]
    assert data["trend"]["periods"] == ["2022", PERIOD]
    assert data["trend"]["communes_meeting_set"] == [1, 1]
    assert (rows[units.commune.code]["lat"], rows[units.sibling_commune.code]["lat"]) == (
        19.9,
        None,
    )


def test_the_dashboard_page_lists_the_communes_with_their_counts(units, personas, district_values):
    html = logged_in(personas.district_office).get(reverse("web:dashboard")).content.decode()
    assert 'data-count="total">2<' in html
    assert "19/19" in html and "18/19" in html
    assert reverse("web:dashboard_data") in html


def test_the_commune_page_explains_each_verdict_and_what_is_missing(
    units, personas, district_values
):
    client = logged_in(personas.district_office)
    html = client.get(reverse("web:unit", args=[units.sibling_commune.code])).content.decode()
    assert html.count("Tiêu chí 2 – Giao thông") >= 1
    row = html.split('id="ind-xa-ntm-2021-2025-2.1"')[1].split("</tr>")[0]
    assert "≥ 100%" in row and "80" in row and "Chưa đạt" in row
    assert "chưa xác minh" in row
    assert "Còn thiếu để đạt" in html
    assert units.district.name in html  # breadcrumbs


def test_a_district_page_lists_its_communes_and_links_to_its_dashboard(units, personas):
    html = (
        logged_in(personas.district_office)
        .get(reverse("web:unit", args=[units.district.code]))
        .content.decode()
    )
    assert units.commune.name in html and units.sibling_commune.name in html
    assert f"?unit={units.district.code}" in html


def test_the_unit_search_finds_a_name_typed_without_tone_marks_and_only_within_scope(
    units, personas
):
    client = logged_in(personas.district_office)
    html = client.get(reverse("web:units"), {"q": "xuan hoa"}).content.decode()
    assert reverse("web:unit", args=[units.commune.code]) in html
    assert "xã Xuân Hòa (trước 1/7/2025)" in html  # the era of each result, visible
    outsider = (
        logged_in(personas.other_district_officer)
        .get(reverse("web:units"), {"q": "Xuân Hoà"})
        .content.decode()
    )
    assert reverse("web:unit", args=[units.commune.code]) not in outsider


def test_an_imported_boundary_is_drawn_instead_of_a_circle(units, personas, district_values):
    from ntm.units.models import UnitBoundary

    square = {
        "type": "Polygon",
        "coordinates": [[[105.4, 19.9], [105.5, 19.9], [105.5, 20.0], [105.4, 19.9]]],
    }
    UnitBoundary.objects.create(unit=units.commune, geometry=square)
    data = logged_in(personas.district_office).get(reverse("web:dashboard_data")).json()
    geometry = {row["code"]: row["geometry"] for row in data["communes"]}
    assert geometry == {units.commune.code: square, units.sibling_commune.code: None}


def test_the_commune_page_links_its_villages(units, personas):
    html = (
        logged_in(personas.commune_officer)
        .get(reverse("web:unit", args=[units.commune.code]))
        .content.decode()
    )
    assert reverse("web:unit", args=[units.village.code]) in html


def test_the_dashboard_table_is_in_vietnamese_order_with_folded_filter_keys(
    units, personas, district_values
):
    from tests.conftest import make_unit

    extra = [
        make_unit(f"938940{n}", name, "commune", units.district)
        for n, name in ((3, "Thuận Minh"), (4, "Thọ Diên"))
    ]
    for commune in extra:
        do_set_value(
            unit=commune,
            set_code=NTM_SET,
            indicator_code="2.1",
            period=PERIOD,
            raw="80",
            source="form",
            author=personas.district_office,
        )
    html = logged_in(personas.district_office).get(reverse("web:dashboard")).content.decode()
    table = html.split('id="commune-table"')[1]
    positions = [
        table.index(f">xã {name}<") for name in ("Thọ Diên", "Thuận Minh", "Xuân Hòa", "Xuân Minh")
    ]
    assert positions == sorted(positions)
    assert 'data-name="xa xuan hoa\nxuan hoa"' in table
    data = logged_in(personas.district_office).get(reverse("web:dashboard_data")).json()
    assert [row["name"] for row in data["communes"]] == [
        "Thọ Diên",
        "Thuận Minh",
        "Xuân Hòa",
        "Xuân Minh",
    ]


def test_where_levels_are_shown_a_note_says_they_are_not_a_recognition_decision(
    units, personas, district_values
):
    note = "không phải quyết định công nhận"
    client = logged_in(personas.district_office)
    assert note in client.get(reverse("web:dashboard")).content.decode()
    assert note in client.get(reverse("web:unit", args=[units.commune.code])).content.decode()
    summary = client.get(
        reverse("web:report", args=["summary", units.district.code]), {"period": PERIOD}
    )
    assert note in summary.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "not a recognition decision" in client.get(reverse("web:dashboard")).content.decode()


def test_a_province_dashboard_groups_its_communes_by_district(units, personas, district_values):
    html = (
        logged_in(personas.province_office)
        .get(reverse("web:dashboard"), {"unit": units.province.code})
        .content.decode()
    )
    table = html.split('id="district-table"')[1].split("</table>")[0]
    tho_xuan = table.split(f'data-district="{units.district.code}"')[1].split("</tr>")[0]
    assert "huyện Thọ Xuân" in tho_xuan and ">2/2<" in tho_xuan and ">1/2<" in tho_xuan
    quan_son = table.split(f'data-district="{units.other_district.code}"')[1].split("</tr>")[0]
    assert ">0/1<" in quan_son and "chưa có số liệu" in quan_son
    assert 'data-count="all">trên tổng số 3 xã' in html


def test_a_district_dashboard_lists_its_communes_without_a_district_table(
    units, personas, district_values
):
    html = logged_in(personas.district_office).get(reverse("web:dashboard")).content.decode()
    assert 'id="district-table"' not in html
