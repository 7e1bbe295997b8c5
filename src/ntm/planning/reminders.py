"""Reminders of the monthly report: by e-mail through Django's mail backend (a scheduler runs
``django-admin ntm_report_reminders`` daily) and in-app (the monthly page shows the status)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail

from ntm.accounts.access import users_reporting_for
from ntm.criteria.inputs import Period
from ntm.planning.models import ProgressReport
from ntm.planning.monthly import due_of, expected_communes, month_of
from ntm.reports.monthly import filing_status
from ntm.units.models import AdminUnit

REMIND_DAYS_BEFORE = 3  # remind from three days before the due day, and every day once it is missed
SUBJECT_DUE = "[ntm] Báo cáo tiến độ NTM tháng {month}/{year} của {name}: hạn {due:%d/%m/%Y}"
SUBJECT_MISSING = (
    "[ntm] Báo cáo tiến độ NTM tháng {month}/{year} của {name} đã quá hạn ({due:%d/%m/%Y})"
)
BODY = (
    "Kính gửi {person},\n\nBáo cáo tiến độ xây dựng nông thôn mới "
    "tháng {month}/{year} của {name} {state}.\n"
    "Hạn nộp: ngày {due:%d/%m/%Y}. Vui lòng nộp trên trang: {path}\n\n"
    "(Thư tự động của hệ thống ntm.)\n"
)


@dataclass(frozen=True, slots=True)
class Reminder:
    commune: AdminUnit
    status: str
    recipients: tuple[str, ...]
    subject: str
    body: str


def reminders_for(unit: AdminUnit, period: str | Period, today: date) -> list[Reminder]:
    """A reminder for every commune under ``unit`` whose report for the month is not filed and
    is due within ``REMIND_DAYS_BEFORE`` days or overdue."""
    period = month_of(period)
    due = due_of(period)
    if (due - today).days > REMIND_DAYS_BEFORE:
        return []
    communes = expected_communes(unit)
    filed = set(
        ProgressReport.objects.filter(unit__in=communes, period=str(period)).values_list(
            "unit_id", flat=True
        )
    )
    out = []
    for commune in communes:
        if commune.pk in filed:
            continue
        status = filing_status(due, None, today)
        for user in users_reporting_for(commune):
            if not user.email:
                continue
            fmt = {
                "month": period.month,
                "year": period.year,
                "name": str(commune),
                "due": due,
                "person": user.get_full_name() or user.get_username(),
                "state": "chưa được nộp" if status == "due" else "đã QUÁ HẠN mà chưa được nộp",
                "path": f"/follow-up/{commune.code}/monthly/?period={period}",
            }
            subject = (SUBJECT_DUE if status == "due" else SUBJECT_MISSING).format(**fmt)
            out.append(Reminder(commune, status, (user.email,), subject, BODY.format(**fmt)))
    return out


def send_reminders(reminders: list[Reminder]) -> int:
    """Send through the configured backend; returns how many messages went out."""
    messages = [
        (r.subject, r.body, settings.DEFAULT_FROM_EMAIL, list(r.recipients)) for r in reminders
    ]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
