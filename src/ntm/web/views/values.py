"""One value's history (who, when, old, new) and its evidence files."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ntm.accounts.access import access_unit_for_user
from ntm.assessments.models import Evidence, IndicatorValue
from ntm.assessments.selectors import value_history
from ntm.units.models import AdminUnit
from ntm.web import scope
from ntm.web.scope import period_date

MSG_NO_EVIDENCE = "Không tìm thấy tệp minh chứng."


def _get_evidence_for_unit(unit: AdminUnit, evidence_id: int) -> Evidence:
    """The evidence row, only if it belongs to a value of this (already authorised) unit."""
    return get_object_or_404(
        Evidence.objects.select_related("value"), pk=evidence_id, value__unit=unit
    )


@require_safe
@login_required
def value_history_view(
    request: HttpRequest, code: str, set_code: str, indicator: str
) -> HttpResponse:
    """Every stored period of one indicator for the unit, each with its changes, newest first."""
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    criteria_set = scope.get_set_or_404(set_code)
    try:
        criteria_indicator = criteria_set.indicator(indicator)
    except KeyError:
        raise Http404(scope.MSG_UNKNOWN_SET) from None
    values = IndicatorValue.objects.filter(
        unit=unit, set_code=set_code, indicator_code=indicator
    ).order_by("-period_index")
    period = request.GET.get("period")
    if period:
        values = values.filter(period_index__lte=scope.parse_period_or_400(period).index)
    entries = [(value, value_history(value)) for value in values]
    template = "web/partials/value_history.html" if request.htmx else "web/value_history.html"
    context = {
        "unit": unit,
        "criteria_set": criteria_set,
        "indicator": criteria_indicator,
        "entries": entries,
    }
    return render(request, template, context)


@require_safe
@login_required
def evidence_download(request: HttpRequest, code: str, evidence_id: int) -> FileResponse:
    """Always a download with the checked type: never rendered inline, never sniffed."""
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    evidence = _get_evidence_for_unit(unit, evidence_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(MSG_NO_EVIDENCE) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
