"""The monthly cycle's page: a commune files its report (and sees whether it is due, late or
missing); a district or province sees every commune's status, timeliness and completeness, and
downloads the consolidated report (text, XLSX, PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ntm.accounts.access import access_unit_for_user, can_file_progress_report
from ntm.criteria.inputs import Period
from ntm.planning.models import ProgressReport
from ntm.planning.monthly import MSG_NOT_A_MONTH, do_submit_progress_report, monthly_for
from ntm.reports.monthly import STATUS_VI
from ntm.reports.render.monthly import monthly_html, monthly_xlsx
from ntm.web.scope import parse_period_or_400, period_date

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MSG_MAY_NOT_FILE = "Bạn không được nộp báo cáo cho xã này."
MSG_FILED = "Đã nộp báo cáo tháng {period}."


def _month(request: HttpRequest) -> Period:
    text = request.GET.get("period") or request.POST.get("period")
    if not text:
        today = timezone.localdate()
        return Period.of(today.year, today.month)
    period = parse_period_or_400(text)  # a mistyped period: 400 with the one message
    if period.month is None:
        raise BadRequest(MSG_NOT_A_MONTH.format(value=text))
    return period


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def monthly_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    period = _month(request)
    may_file = can_file_progress_report(request.user, unit)
    if request.method == "POST":
        if not may_file:
            raise PermissionDenied(_(MSG_MAY_NOT_FILE))
        post = request.POST
        do_submit_progress_report(
            unit=unit,
            period=period,
            author=request.user,
            tasks_note=post.get("tasks_note", "").strip(),
            difficulties=post.get("difficulties", "").strip(),
            proposals=post.get("proposals", "").strip(),
        )
        messages.success(request, _(MSG_FILED).format(period=period))
        return redirect(f"{request.path}?period={period}")
    report = monthly_for(unit, period)
    lang = "en" if (get_language() or "vi").startswith("en") else "vi"
    fmt = request.GET.get("format", "html")
    name = f"monthly-{unit.code}-{period}"
    if fmt == "text":
        return HttpResponse(report.text(lang), content_type="text/plain; charset=utf-8")
    if fmt == "xlsx":
        return _download(monthly_xlsx(report, lang), XLSX_TYPE, f"{name}.xlsx")
    if fmt == "pdf":
        from ntm.reports.render.pdf import pdf_from_fragment

        return _download(
            pdf_from_fragment(name, monthly_html(report, lang), lang),
            "application/pdf",
            f"{name}.pdf",
        )
    own = (
        ProgressReport.objects.filter(unit=unit, period=str(period)).first()
        if unit.level == "commune"
        else None
    )
    context = {
        "unit": unit,
        "period": period,
        "report": report,
        "may_file": may_file,
        "own": own,
        "own_status": report.filings[0].status
        if unit.level == "commune" and report.filings
        else None,
        "status_words": STATUS_VI,
        # The renderer escapes every value it prints (ntm.reports.render.monthly).
        "fragment": mark_safe(monthly_html(report, lang)),  # noqa: S308
    }
    return render(request, "web/followup/monthly.html", context)
