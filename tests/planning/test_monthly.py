"""The monthly cycle: due on the configured day; submitted, late, due, missing; timeliness and
completeness per district; the consolidated report; reminders by e-mail."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ntm.assessments.services import do_set_value
from ntm.planning.monthly import do_submit_progress_report, monthly_for
from ntm.planning.services import do_create_task, do_update_task_status
from ntm.reports.monthly import due_date, filing_status

NTM = "xa-ntm-2021-2025"


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0))


def test_a_report_is_due_on_the_day_and_shorter_months_end_earlier():
    assert due_date(2023, 5, 25) == date(2023, 5, 25)
    assert due_date(2023, 2, 30) == date(2023, 2, 28)


def test_status_is_submitted_late_due_or_missing():
    due = date(2023, 5, 25)
    assert filing_status(due, date(2023, 5, 25), date(2023, 6, 1)) == "submitted"
    assert filing_status(due, date(2023, 5, 26), date(2023, 6, 1)) == "late"
    assert filing_status(due, None, date(2023, 5, 25)) == "due"
    assert filing_status(due, None, date(2023, 5, 26)) == "missing"


@pytest.mark.django_db
def test_the_district_report_counts_timeliness_and_completeness(units, settings):
    settings.NTM_REPORT_DAY = 20
    do_submit_progress_report(
        unit=units.commune,
        period="2023-05",
        author=None,
        difficulties="Thiếu vốn đường",
        proposals="Hỗ trợ xi măng",
        now=_at(date(2023, 5, 19)),
    )
    report = monthly_for(units.district, "2023-05", today=date(2023, 5, 30))
    assert report.due == date(2023, 5, 20)
    assert {f.code: f.status for f in report.filings} == {
        "9389401": "submitted",
        "9389402": "missing",
    }
    district = report.districts[0].to_json()
    assert (district["timeliness"], district["completeness"]) == (50.0, 50.0)
    text = report.text()
    assert "BÁO CÁO TIẾN ĐỘ XÂY DỰNG NÔNG THÔN MỚI THÁNG 5/2023" in text
    assert "1/2 xã đã gửi báo cáo (1 đúng hạn, 0 muộn); 1 xã chưa gửi đã quá hạn: Xuân Minh" in text
    assert "   - Xuân Hòa: Thiếu vốn đường" in text and "   - Xuân Hòa: Hỗ trợ xi măng" in text


@pytest.mark.django_db
def test_a_late_report_is_late_and_the_province_sees_each_district(units):
    do_submit_progress_report(
        unit=units.other_commune, period="2023-05", author=None, now=_at(date(2023, 5, 28))
    )
    report = monthly_for(units.province, "2023-05", today=date(2023, 6, 2))
    statuses = {f.code: f.status for f in report.filings}
    assert statuses["9389001"] == "late"
    assert {d.code for d in report.districts} == {"93894", "93890"}


@pytest.mark.django_db
def test_values_changed_and_tasks_advanced_in_the_month_are_read_from_the_data(units):
    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-05",
        raw="90",
        source="form",
        author=None,
    )
    task = do_create_task(
        unit=units.commune,
        set_code=NTM,
        criterion=17,
        indicator_code="17.1",
        department="P",
        owner="An",
        start=date(2023, 1, 1),
        due=date(2023, 9, 30),
        author=None,
    )
    do_update_task_status(
        task=task, period="2023-05", status="in-progress", comment="Đang lắp đường ống", author=None
    )
    today = timezone.localdate()
    period = f"{today.year}-{today.month:02d}"
    do_update_task_status(
        task=task, period=period, status="in-progress", comment="Tiếp tục", author=None
    )
    report = monthly_for(units.district, period, today=today)
    xuan_hoa = next(f for f in report.filings if f.code == "9389401")
    assert xuan_hoa.values_changed == (1 if today.day <= 25 else 0)
    assert xuan_hoa.tasks_advanced == ("TC 17 (17.1): Đang thực hiện — Tiếp tục",)


@pytest.mark.django_db
def test_reminders_go_by_mail_to_the_officers_of_communes_that_have_not_filed(units, personas):
    personas.commune_officer.email = "xuanhoa@example.vn"
    personas.commune_officer.save()
    call_command(
        "ntm_report_reminders", "--unit", "93894", "--period", "2023-05", "--today", "2023-05-23"
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["xuanhoa@example.vn"]
    assert "tháng 5/2023" in mail.outbox[0].subject and "hạn 25/05/2023" in mail.outbox[0].subject

    mail.outbox.clear()
    call_command(
        "ntm_report_reminders", "--unit", "93894", "--period", "2023-05", "--today", "2023-05-10"
    )
    assert mail.outbox == []  # too early
    do_submit_progress_report(unit=units.commune, period="2023-05", author=None)
    call_command(
        "ntm_report_reminders", "--unit", "93894", "--period", "2023-05", "--today", "2023-05-27"
    )
    assert mail.outbox == []  # filed


@pytest.mark.django_db
def test_the_commune_files_its_report_on_the_page_and_the_district_downloads_the_consolidated_one(
    client, personas, units
):
    client.force_login(personas.commune_officer)
    page = client.get("/follow-up/9389401/monthly/?period=2023-05").content.decode()
    assert 'data-status="missing"' in page or 'data-status="due"' in page
    client.post("/follow-up/9389401/monthly/", {"period": "2023-05", "difficulties": "Thiếu vốn"})
    page = client.get("/follow-up/9389401/monthly/?period=2023-05").content.decode()
    assert 'id="monthly-status" data-status="late"' in page
    client.force_login(personas.other_district_officer)
    assert client.get("/follow-up/9389401/monthly/?period=2023-05").status_code == 404
    client.force_login(personas.viewer)
    assert client.post("/follow-up/9389401/monthly/", {"period": "2023-05"}).status_code == 403
    client.force_login(personas.district_office)
    text = client.get("/follow-up/93894/monthly/?period=2023-05&format=text").content.decode()
    assert "Xuân Hòa: Thiếu vốn" in text
    xlsx = client.get("/follow-up/93894/monthly/?period=2023-05&format=xlsx")
    assert xlsx.content[:2] == b"PK"
    pdf = client.get("/follow-up/93894/monthly/?period=2023-05&format=pdf")
    assert pdf.content[:4] == b"%PDF"


@pytest.mark.django_db
def test_the_commune_page_reminds_its_officer_of_this_months_report_until_it_is_filed(
    client, personas, units
):
    client.force_login(personas.commune_officer)
    page = client.get(f"/units/{units.commune.code}/").content.decode()
    assert 'id="monthly-reminder"' in page
    today = timezone.localdate()
    do_submit_progress_report(
        unit=units.commune, period=f"{today.year}-{today.month:02d}", author=None
    )
    assert (
        'id="monthly-reminder"' not in client.get(f"/units/{units.commune.code}/").content.decode()
    )
