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
    do_recognise(
        unit=units.commune,
        fields=RecognitionFields("ntm", "1/QĐ-UBND", date(2018, 1, 1), "UBND tỉnh Thanh Hóa"),
    )
    do_recognise(
        unit=units.sibling_commune,
        fields=RecognitionFields("ntm", "2/QĐ-UBND", date(2018, 1, 1), "UBND tỉnh"),
    )
    do_revoke(
        unit=units.sibling_commune,
        fields=RecognitionFields("ntm", "3/QĐ-UBND", date(2022, 6, 1), "UBND tỉnh"),
    )
    return units


def test_the_commune_page_shows_the_recognition_in_force_and_the_timeline(decisions, personas):
    html = (
        logged_in(personas.commune_officer)
        .get(reverse("web:unit", args=["9389401"]) + "?period=2023-05")
        .content.decode()
    )
    assert 'data-recognised="ntm"' in html and "1/QĐ-UBND" in html and "UBND tỉnh Thanh Hóa" in html
    assert "Được công nhận (theo quyết định)" in html and "Hai câu hỏi khác nhau" in html
    assert "không phải quyết định công nhận" not in html


def test_a_revoked_recognition_stays_in_the_timeline_but_is_no_longer_in_force(decisions, personas):
    client = logged_in(personas.district_office)
    html = client.get(reverse("web:unit", args=["9389402"]) + "?period=2023-05").content.decode()
    assert 'data-recognised="none"' in html and "3/QĐ-UBND (1/6/2022)" in html
    before = client.get(reverse("web:unit", args=["9389402"]) + "?period=2021").content.decode()
    assert 'data-recognised="ntm"' in before


def test_the_dashboard_counts_communes_recognised_by_decision_apart_from_those_meeting_the_set(
    decisions, personas
):
    html = logged_in(personas.district_office).get(reverse("web:dashboard")).content.decode()
    assert "Được công nhận NTM (theo quyết định)" in html and "Đạt chuẩn NTM theo số liệu" in html
    assert 'data-count="recognised">1<' in html


def test_the_district_office_records_a_decision_with_its_scan(units, personas, settings, tmp_path):
    from ntm.recognition.models import Recognition
    from tests.web.conftest import PDF_BYTES

    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = logged_in(personas.district_office)
    url = reverse("web:recognitions", args=["9389401"])
    scan = SimpleUploadedFile("qd-123.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        url,
        {
            "action": "recognise",
            "level": "ntm",
            "decision": "123/QĐ-UBND",
            "date": "15/3/2018",
            "issuer": "UBND tỉnh Thanh Hóa",
            "document": scan,
        },
    )
    assert response.status_code == 302
    rec = Recognition.objects.get()
    assert (rec.decision, rec.date, rec.source, rec.author) == (
        "123/QĐ-UBND",
        date(2018, 3, 15),
        "form",
        personas.district_office,
    )
    assert rec.history.get().history_user == personas.district_office
    download = client.get(reverse("web:recognition_document", args=["9389401", rec.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF_BYTES
    page = client.get(reverse("web:recognitions", args=["93894"])).content.decode()
    assert 'data-unit="9389401" data-level="ntm"' in page and "123/QĐ-UBND" in page


def test_a_bad_decision_is_refused_with_the_reason_and_nothing_is_saved(units, personas):
    from ntm.recognition.models import Recognition

    client = logged_in(personas.district_office)
    url = reverse("web:recognitions", args=["9389401"])
    response = client.post(
        url,
        {
            "action": "revoke",
            "level": "village-ntm",
            "decision": "9/QĐ",
            "date": "31/2/2023",
            "issuer": "UBND tỉnh",
        },
    )
    assert response.status_code == 400 and Recognition.objects.count() == 0
    html = response.content.decode()
    assert "village-ntm" in html or "thôn, bản" in html
    response = client.post(
        url,
        {
            "action": "revoke",
            "level": "ntm",
            "decision": "9/QĐ",
            "date": "1/1/2023",
            "issuer": "UBND tỉnh",
        },
    )
    assert (
        response.status_code == 400 and "Không có quyết định công nhận" in response.content.decode()
    )


def test_a_commune_officer_sees_the_decisions_but_may_not_record_one_and_outsiders_get_404(
    decisions, personas
):
    client = logged_in(personas.commune_officer)
    url = reverse("web:recognitions", args=["9389401"])
    page = client.get(url)
    assert (
        page.status_code == 200
        and "1/QĐ-UBND" in page.content.decode()
        and 'id="recognition-form"' not in page.content.decode()
    )
    assert client.post(url, {"action": "recognise"}).status_code == 403
    assert logged_in(personas.other_district_officer).get(url).status_code == 404
    assert client.get(reverse("web:recognitions", args=["93894"])).status_code == 404


def test_the_map_data_carries_the_level_by_decision_beside_the_level_by_data(
    decisions, personas, stored_value
):
    data = (
        logged_in(personas.district_office)
        .get(reverse("web:dashboard_data"), {"set": "xa-ntm-2021-2025", "period": "2023-05"})
        .json()
    )
    row = next(r for r in data["communes"] if r["code"] == "9389401")
    assert row["recognised"] == "ntm" and row["level"] == "none"
    html = logged_in(personas.district_office).get(reverse("web:dashboard")).content.decode()
    assert 'id="colour-recognised"' in html and '"by_decision"' in html
