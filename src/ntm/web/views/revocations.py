"""The revocation list of a period (Decision 18/2022): the units recognised at the set's level
that no longer meet it by data (at risk), and the recognitions revoked by decision in the period.

Two different questions, each labelled: "at risk" is computed from data by the review (only for
units recognised at that level, ``revocation_risk``); "revoked" is what decisions say.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ntm.accounts.access import access_unit_for_user, units_visible_to
from ntm.assessments.evaluation import province_code_of
from ntm.criteria.inputs import Period
from ntm.recognition.models import Recognition
from ntm.reports.programme_text import period_end
from ntm.reportsdata.gather import review_for
from ntm.units.selectors import subtree_q
from ntm.web import scope


def period_start(period: Period) -> date:
    return date(period.year, period.month or 1, 1)


@require_safe
@login_required
def revocation_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code)
    selection = scope.select(unit, request.GET)
    review = review_for(unit, selection.set_code, selection.period)
    at_risk = [c for c in review.communes if c.revocation_reason]
    start, end = period_start(selection.period), period_end(str(selection.period))
    within = Recognition.objects.filter(
        subtree_q(unit, "unit__"), unit__in=units_visible_to(request.user)
    ).select_related("unit")
    revoked = within.filter(revoked_date__gte=start, revoked_date__lte=end).order_by(
        "revoked_date", "unit__path"
    )
    history = within.exclude(revoked_date=None).order_by("-revoked_date", "unit__path")
    context = {
        "unit": unit,
        "selection": selection,
        "at_risk": at_risk,
        "revoked": revoked,
        "history": history,
        "start": start,
        "end": end,
        "set_choices": scope.sets_for_level("commune", unit.era, province_code_of(unit)),
        "title": _("Rà soát thu hồi công nhận"),
    }
    return render(request, "web/revocations.html", context)
