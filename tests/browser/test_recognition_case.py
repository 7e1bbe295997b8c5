"""The recognition workflow in a real Chromium: the commune opens a case, attaches its dossier
and passes its step; the district finds the case among what awaits it and returns it with a
reason; the commune sees why. And the dashboard map coloured by the level by decision."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.recognition.models import RecognitionCase
from ntm.recognition.services import RecognitionFields, do_recognise
from tests.conftest import assert_no_foreign_requests, browser_login
from tests.planning.conftest import NTM, PERIOD, enter
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)
ITEMS = ("to-trinh", "bao-cao-ket-qua", "bao-cao-no-dong")


def test_a_case_goes_from_the_commune_to_the_district_and_back_with_a_reason(
    browser_page, live_server, units, personas
):
    page = browser_page
    browser_login(page, personas.commune_officer.username)
    page.goto(f"/units/{units.commune.code}/recognitions/")
    with page.expect_navigation():
        page.click("#recognition-links >> text=Mở hồ sơ xét công nhận")
    page.select_option("#case-level", "ntm")
    with page.expect_navigation():
        page.click("#case-new-form button[type=submit]")
    assert page.locator('#case-steps [data-state="current"]').get_attribute("data-step") == (
        "self-assessment"
    )
    assert "Tờ trình" in page.locator("#blockers").inner_text()
    for item in ITEMS:
        row = page.locator(f'#checklist tr[data-item="{item}"]')
        row.locator("input[type=file]").set_input_files(
            files=[{"name": f"{item}.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
        )
        with page.expect_navigation():
            row.locator("button[type=submit]").click()
    assert not page.locator("#blockers").count()
    with page.expect_navigation():
        page.click("#approve")
    assert page.locator('#case-steps [data-state="current"]').get_attribute("data-step") == (
        "public-posting"
    )
    assert "Thời gian công khai 15 ngày chưa hết" in page.locator("#blockers").inner_text()

    case = RecognitionCase.objects.get(unit=units.commune)
    case.step = "district-appraisal"  # the posting and the survey done meanwhile
    case.save()
    page.context.clear_cookies()
    browser_login(page, personas.district_office.username)
    page.goto("/recognition/cases/")
    with page.expect_navigation():
        page.click(f'#waiting-list [data-case="{case.pk}"] a')
    page.fill('#case-actions input[name="reason"] >> nth=0', "Thiếu biểu chi tiết tiêu chí 17")
    with page.expect_navigation():
        page.click("#return")
    assert page.locator('#case-timeline tr[data-action="return"]').count() == 1

    page.context.clear_cookies()
    browser_login(page, personas.commune_officer.username)
    page.goto("/recognition/cases/")
    waiting = page.locator(f'#waiting-list [data-case="{case.pk}"]').inner_text()
    assert "Bị trả lại: Thiếu biểu chi tiết tiêu chí 17" in waiting
    assert_no_foreign_requests(page, live_server)


def test_the_map_is_coloured_by_the_level_by_decision_when_asked_and_says_so(
    browser_page, live_server, units, personas
):
    enter(units.commune, {"2.1": "80"})
    do_recognise(
        unit=units.commune,
        fields=RecognitionFields("ntm", "1/QĐ-UBND", date(2018, 1, 1), "UBND tỉnh"),
    )
    page = browser_page
    browser_login(page, personas.district_office.username)
    page.goto(f"/?set={NTM}&period={PERIOD}")
    page.locator("body[data-dashboard-ready='1']").wait_for()
    caption = page.locator("#map-legend-caption")
    assert "theo số liệu" in caption.inner_text()
    page.check("#colour-recognised")
    assert "theo quyết định" in caption.inner_text()
    assert page.locator("#dashboard").get_attribute("data-map-colour") == "recognised"
