"""The monthly cycle from the database: reports filed, values changed, tasks advanced.

Which communes are expected to report: the rural communes (xã) under the unit, as the
programme's figures count them (``ntm.reportsdata.gather.rural_communes``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ntm.assessments.models import IndicatorValue
from ntm.criteria.inputs import Period
from ntm.planning.models import (
    CLOSED_STATUSES,
    DONE,
    STATUS_CHOICES,
    ProgressReport,
    Task,
    TaskUpdate,
)
from ntm.planning.services import save_audited
from ntm.reports.monthly import (
    CommuneFiling,
    MonthlyReport,
    district_cycles,
    due_date,
    filing_status,
)
from ntm.reportsdata.gather import rural_communes
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q

MSG_NOT_A_MONTH = "Kỳ báo cáo tháng phải có dạng YYYY-MM, nhận {value!r}"
REASON_SUBMITTED = "Nộp báo cáo tiến độ tháng {period}"


def report_day() -> int:
    return int(getattr(settings, "NTM_REPORT_DAY", 25))


def month_of(text: str | Period) -> Period:
    period = Period.parse(text)
    if period.month is None:
        raise ValueError(MSG_NOT_A_MONTH.format(value=str(text)))
    return period


def due_of(period: Period) -> date:
    return due_date(period.year, period.month, report_day())


def _window(period: Period) -> tuple[datetime, datetime]:
    """From the day after last month's due day to this month's due day (the reporting month)."""
    previous = Period.of(
        period.year - (period.month == 1), 12 if period.month == 1 else period.month - 1
    )
    tz = timezone.get_current_timezone()
    start = datetime.combine(due_of(previous) + timedelta(days=1), time.min, tz)
    end = datetime.combine(due_of(period), time.max, tz)
    return start, end


def expected_communes(unit: AdminUnit) -> list[AdminUnit]:
    if unit.level == "commune":
        return [unit]
    return list(rural_communes(unit).select_related("parent").order_by("code"))


def values_changed(communes: list[AdminUnit], period: Period) -> dict[int, int]:
    """Indicator values written (entered, imported, corrected) per commune
    in the reporting month."""
    start, end = _window(period)
    rows = (
        IndicatorValue.history.filter(
            unit_id__in=[c.pk for c in communes], history_date__range=(start, end)
        )
        .values("unit_id")
        .annotate(n=Count("indicator_code", distinct=True))
    )
    return {r["unit_id"]: r["n"] for r in rows}


def tasks_advanced(communes: list[AdminUnit], period: Period) -> dict[int, list[str]]:
    words = dict(STATUS_CHOICES)
    out: dict[int, list[str]] = {}
    updates = (
        TaskUpdate.objects.filter(task__unit__in=communes, period=str(period))
        .select_related("task")
        .order_by("task__criterion", "created_at")
    )
    for u in updates:
        what = f"TC {u.task.criterion}" + (
            f" ({u.task.indicator_code})" if u.task.indicator_code else ""
        )
        out.setdefault(u.task.unit_id, []).append(
            f"{what}: {words.get(u.status, u.status)}" + (f" — {u.comment}" if u.comment else "")
        )
    return out


def monthly_for(unit: AdminUnit, period: str | Period, today: date | None = None) -> MonthlyReport:
    period = month_of(period)
    today = today or timezone.localdate()
    due = due_of(period)
    communes = expected_communes(unit)
    reports = {
        r.unit_id: r for r in ProgressReport.objects.filter(unit__in=communes, period=str(period))
    }
    changed = values_changed(communes, period)
    advanced = tasks_advanced(communes, period)
    filings = []
    for c in communes:
        report = reports.get(c.pk)
        submitted = timezone.localdate(report.submitted_at) if report else None
        district = c.parent if c.parent is not None and unit.level != "commune" else unit
        filings.append(
            CommuneFiling(
                c.code,
                c.name,
                district.code,
                filing_status(due, submitted, today),
                submitted,
                changed.get(c.pk, 0),
                tuple(advanced.get(c.pk, ())),
                report.tasks_note if report else "",
                report.difficulties if report else "",
                report.proposals if report else "",
            )
        )
    names = {c.parent.code: c.parent.name for c in communes if c.parent is not None}
    names[unit.code] = unit.name
    tasks = Task.objects.filter(subtree_q(unit, "unit__"))
    start, end = _window(period)
    return MonthlyReport(
        unit.code,
        unit.name,
        unit.unit_type,
        period.year,
        period.month,
        due,
        today,
        tuple(filings),
        tuple(district_cycles(filings, names)),
        tasks_open=tasks.exclude(status__in=CLOSED_STATUSES).count(),
        tasks_overdue=tasks.exclude(status__in=CLOSED_STATUSES)
        .filter(due__lt=min(today, due))
        .count(),
        tasks_done_in_month=TaskUpdate.objects.filter(
            task__in=tasks, status=DONE, created_at__range=(start, end)
        ).count(),
    )


@transaction.atomic
def do_submit_progress_report(
    *,
    unit: AdminUnit,
    period: str | Period,
    author,
    tasks_note: str = "",
    difficulties: str = "",
    proposals: str = "",
    now: datetime | None = None,
) -> ProgressReport:
    """File (or correct) a commune's report for the month; the first filing time
    counts for timeliness."""
    period = month_of(period)
    report = (
        ProgressReport.objects.select_for_update().filter(unit=unit, period=str(period)).first()
    )
    if report is None:
        report = ProgressReport(unit=unit, period=str(period), submitted_at=now or timezone.now())
    report.tasks_note, report.difficulties, report.proposals = tasks_note, difficulties, proposals
    report.author = author if getattr(author, "pk", None) else None
    save_audited(report, author, REASON_SUBMITTED.format(period=period))
    return report


def own_status(unit: AdminUnit, today: date | None = None) -> tuple[str, Period, date] | None:
    """This month's report status of a commune (the in-app reminder); None for other units."""
    if unit.level != "commune":
        return None
    today = today or timezone.localdate()
    period = Period.of(today.year, today.month)
    report = ProgressReport.objects.filter(unit=unit, period=str(period)).first()
    submitted = timezone.localdate(report.submitted_at) if report else None
    return filing_status(due_of(period), submitted, today), period, due_of(period)
