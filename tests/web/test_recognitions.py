"""Pages show "recognised as" (by decision) beside, never instead of, the level by data."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ntm.recognition.services import RecognitionFields, do_recognise, do_revoke
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(units):
    do_recognise(unit=units.commune, fields=RecognitionFields("ntm", "1/QĐ-UBND", date(2018, 1, 1), "UBND tỉnh Thanh Hóa"))
    do_recognise(unit=units.sibling_commune, fields=RecognitionFields("ntm", "2/QĐ-UBND", date(2018, 1, 1), "UBND tỉnh"))
    do_revoke(unit=units.sibling_commune, fields=RecognitionFields("ntm", "3/QĐ-UBND", date(2022, 6, 1), "UBND tỉnh"))
    return units


def test_the_commune_page_shows_the_recognition_in_force_and_the_timeline(decisions, personas):
    html = logged_in(personas.commune_officer).get(reverse("web:unit", args=["9389401"]) + "?period=2023-05").content.decode()
    assert 'data-recognised="ntm"' in html and "1/QĐ-UBND" in html and "UBND tỉnh Thanh Hóa" in html
    assert "Được công nhận (theo quyết định)" in html and "Hai câu hỏi khác nhau" in html
    assert "không phải quyết định công nhận" not in html


def test_a_revoked_recognition_stays_in_the_timeline_but_is_no_longer_in_force(decisions, personas):
    client = logged_in(personas.district_office)
    html = client.get(reverse("web:unit", args=["9389402"]) + "?period=2023-05").content.decode()
    assert 'data-recognised="none"' in html and "3/QĐ-UBND (1/6/2022)" in html
    before = client.get(reverse("web:unit", args=["9389402"]) + "?period=2021").content.decode()
    assert 'data-recognised="ntm"' in before


def test_the_dashboard_counts_communes_recognised_by_decision_apart_from_those_meeting_the_set(decisions, personas):
    html = logged_in(personas.district_office).get(reverse("web:dashboard")).content.decode()
    assert "Được công nhận NTM (theo quyết định)" in html and "Đạt chuẩn NTM theo số liệu" in html
    assert 'data-count="recognised">1<' in html
