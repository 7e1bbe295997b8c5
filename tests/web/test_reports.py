"""Report pages: downloads named after what they hold."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import NTM_SET, PERIOD, logged_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "query", "stem"),
    [
        ("review", {"set": NTM_SET, "period": PERIOD}, f"review-93894-{NTM_SET}-{PERIOD}"),
        ("summary", {"period": PERIOD}, f"summary-93894-{NTM_SET}-{PERIOD}"),
        ("summary", {"period": PERIOD, "since": "2022"}, f"summary-93894-{NTM_SET}-2022-{PERIOD}"),
        ("progress", {"from": "2021", "to": "2023"}, f"progress-93894-{NTM_SET}-2021-2023"),
    ],
)
@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_a_download_is_named_by_kind_unit_set_and_period(
    units, personas, stored_value, kind, query, stem, fmt
):
    assert units.district.code == "93894"
    response = logged_in(personas.district_office).get(
        reverse("web:report", args=[kind, units.district.code]), {**query, "format": fmt}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{fmt}"'


def test_the_2026_review_is_named_after_the_2026_set(units, personas, stored_value):
    response = logged_in(personas.district_office).get(
        reverse("web:report", args=["review", units.district.code]),
        {"set": "xa-ntm-2026-2030", "period": "2026-06", "format": "xlsx"},
    )
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="review-93894-xa-ntm-2026-2030-2026-06.xlsx"'
    )


def test_the_report_page_downloads_an_administrative_docx_with_the_header_options(
    units, personas, stored_value
):
    from io import BytesIO

    from docx import Document

    response = logged_in(personas.district_office).get(
        reverse("web:report", args=["review", units.district.code]),
        {
            "set": NTM_SET,
            "period": PERIOD,
            "format": "docx",
            "number": "9/BC-UBND",
            "signer": "Trần Thị C",
            "recipients": "UBND tỉnh Thanh Hóa;\nLưu: VT.",
        },
    )
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="review-93894-{NTM_SET}-{PERIOD}.docx"'
    )
    word = Document(BytesIO(response.content))
    text = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Số: 9/BC-UBND" in text and "Trần Thị C" in text and "- UBND tỉnh Thanh Hóa;" in text


def test_the_report_page_offers_the_document_options_form(units, personas, stored_value):
    response = logged_in(personas.district_office).get(
        reverse("web:report", args=["review", units.district.code]),
        {"set": NTM_SET, "period": PERIOD},
    )
    html = response.content.decode()
    assert (
        'name="number"' in html
        and 'value="docx"' in html
        and 'name="period" value="2023-05"' in html.replace(f"{PERIOD}", "2023-05")
    )


def test_a_bad_document_date_is_a_clear_400(units, personas, stored_value):
    response = logged_in(personas.district_office).get(
        reverse("web:report", args=["review", units.district.code]),
        {"set": NTM_SET, "period": PERIOD, "format": "docx", "doc_date": "32/13/2023"},
    )
    assert response.status_code == 400 and "Ngày ban hành không hợp lệ" in response.content.decode()


def test_the_report_form_opens_on_the_officers_own_unit_set_and_latest_period(
    units, personas, stored_value
):
    html = logged_in(personas.commune_officer).get(reverse("web:reports")).content.decode()
    assert f'<option value="{units.commune.code}" selected>' in html
    assert f'<option value="{NTM_SET}" selected>' in html
    assert f'value="{PERIOD}"' in html


def test_a_national_user_opens_on_the_province_with_the_newest_values(
    units, personas, stored_value
):
    from tests.conftest import make_unit

    make_unit("901", "An Giang", "province")
    html = logged_in(personas.national).get(reverse("web:reports")).content.decode()
    assert (
        f'<option value="{units.province.code}" selected>' in html and f'value="{PERIOD}"' in html
    )


def test_a_commune_whose_newest_values_are_in_another_set_opens_on_that_set_and_period(
    units, personas, stored_value
):
    from ntm.assessments.services import do_set_value

    do_set_value(
        unit=units.commune,
        set_code="xa-ntm-nang-cao-2021-2025",
        indicator_code="2.1",
        period="2024-03",
        raw="100",
        source="form",
        author=personas.commune_officer,
    )
    html = logged_in(personas.commune_officer).get(reverse("web:reports")).content.decode()
    assert (
        '<option value="xa-ntm-nang-cao-2021-2025" selected>' in html and 'value="2024-03"' in html
    )
