"""A new commune's page shows the units it was formed from, each with the level its own data
reached before the merger (labelled as such), and the unit list tells the two eras apart."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ntm.assessments.services import do_set_value
from ntm.units.models import UnitLineage
from tests.assessments.helpers import passing_rows
from tests.conftest import make_unit
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
OLD_SET = "xa-ntm-2021-2025"


def test_a_new_commune_page_lists_its_predecessors_and_their_levels(units, personas):
    province = make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    new = make_unit(
        "9381", "Xuân Hòa Mới", "commune", province, era="2025", valid_from=date(2025, 7, 1)
    )
    for old in (units.commune, units.sibling_commune):
        old.valid_to = date(2025, 6, 30)
        old.save()
        UnitLineage.objects.create(old=old, new=new, effective=date(2025, 7, 1))
    for code, raw in passing_rows(OLD_SET, units.commune, "2025-05"):
        do_set_value(
            unit=units.commune,
            set_code=OLD_SET,
            indicator_code=code,
            period="2025-05",
            raw=raw,
            source="form",
            author=personas.province_office,
        )

    from ntm.recognition.services import RecognitionFields, do_recognise

    do_recognise(
        unit=units.sibling_commune,
        fields=RecognitionFields("ntm", "12/QĐ-UBND", date(2024, 3, 1), "UBND tỉnh Thanh Hóa"),
    )

    page = (
        logged_in(personas.national).get(reverse("web:unit", args=["9381@2025"])).content.decode()
    )

    assert "Đơn vị trước sắp xếp" in page
    listed = page[page.index('id="predecessor-list"') :]
    assert "xã Xuân Hòa (trước 1/7/2025)" in listed and "xã Xuân Minh (trước 1/7/2025)" in listed
    assert "badge-level-ntm" in listed.split("Xuân Minh")[0] and "badge-level-none" in listed
    # Recognitions by decision beside the levels by data: Xuân Minh was recognised, without data.
    hoa, minh = listed.split("Xuân Minh")[0], listed.split("Xuân Minh")[1].split("</li>")[0]
    assert 'data-recognised=""' in hoa and "chưa có quyết định công nhận" in hoa
    assert 'data-recognised="ntm"' in minh and "12/QĐ-UBND, 01/03/2024" in minh


def test_the_unit_list_names_each_root_with_its_era(units, personas):
    make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    page = logged_in(personas.national).get(reverse("web:units")).content.decode()
    assert "tỉnh Thanh Hóa (trước 1/7/2025)" in page and "tỉnh Thanh Hóa (từ 1/7/2025)" in page
    assert reverse("web:unit", args=["938@2025"]) in page
