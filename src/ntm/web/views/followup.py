"""Follow-up pages: the gap list (from counts to communes to failing indicators) and what-if.

Thin: the data comes from ``ntm.planning.selectors`` (the review's own selection and the
engine's results) and ``ntm.planning.whatif``; permissions from ``ntm.accounts.access``.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ntm.accounts.access import access_unit_for_user, can_manage_tasks
from ntm.assessments.evaluation import province_code_of
from ntm.assessments.parsing import ValueParseError
from ntm.planning.selectors import follow_up_for
from ntm.planning.whatif import WhatIfError, what_if
from ntm.web import scope
from ntm.web.scope import period_date

WHAT_IF_PREFIX = "v_"
MSG_NOT_A_COMMUNE = "Giả định chỉ làm cho một xã."
MSG_BAD_FILTER = "Tham số không hợp lệ."


def _int_or_404(text: str | None) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise Http404(MSG_BAD_FILTER)
    return int(text)


def _margin_or_404(text: str | None) -> float | None:
    """``?margin=5`` (percent) -> 0.05; None when not given."""
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise Http404(MSG_BAD_FILTER) from None
    if not 0 <= value < 100:
        raise Http404(MSG_BAD_FILTER)
    return value / 100


@require_safe
@login_required
def gaps_page(request: HttpRequest, code: str) -> HttpResponse:
    """Counts per criterion -> the communes failing it -> their unmet indicators."""
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    selection = scope.select(unit, request.GET)
    criterion = _int_or_404(request.GET.get("criterion"))
    by_effort = request.GET.get("order") == "effort"
    follow = follow_up_for(
        unit,
        selection.set_code,
        selection.period,
        by_effort=by_effort,
        durable_margin=_margin_or_404(request.GET.get("margin")),
    )
    by_criterion = follow.gaps.by_criterion()
    communes = (
        by_criterion.get(criterion, []) if criterion is not None else list(follow.gaps.communes)
    )
    if request.GET.get("format") == "json":
        data = {**follow.gaps.to_json(), "communes": [c.to_json() for c in communes]}
        return HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    names = {c.number: c.name for c in follow.criteria_set.criteria}
    departments = {c.number: c.department for c in follow.criteria_set.criteria}
    context = {
        "unit": unit,
        "criteria_set": follow.criteria_set,
        "period": selection.period,
        "sets": scope.sets_for_level("commune", unit.era, province_code_of(unit)),
        "counts": [(n, names.get(n, ""), len(items)) for n, items in by_criterion.items()],
        "criterion": criterion,
        "criterion_name": names.get(criterion, ""),
        "communes": communes,
        "fragile": follow.fragile,
        "effort": follow.effort,
        "margin_percent": round(
            100 * (_margin_or_404(request.GET.get("margin")) or follow.effort.durable_margin), 2
        ),
        "by_effort": by_effort,
        "departments": departments,
        "may_assign": can_manage_tasks(request.user, unit, follow.criteria_set.code, criterion or 0)
        if criterion
        else any(can_manage_tasks(request.user, unit, follow.criteria_set.code, n) for n in names),
    }
    return render(request, "web/followup/gaps.html", context)


def _assumed(request: HttpRequest) -> dict[str, str]:
    return {
        key[len(WHAT_IF_PREFIX) :]: value.strip()
        for key, value in request.GET.items()
        if key.startswith(WHAT_IF_PREFIX) and value.strip()
    }


@require_safe
@login_required
def what_if_page(request: HttpRequest, code: str) -> HttpResponse:
    """ "If these indicators reach these values": the commune's new result and its district's
    figures, computed and thrown away (nothing is saved)."""
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    if unit.level != "commune":
        raise Http404(MSG_NOT_A_COMMUNE)
    selection = scope.select(unit, request.GET)
    assumed = _assumed(request)
    outcome, errors = None, {}
    if assumed:
        try:
            outcome = what_if(unit, selection.set_code, selection.period, assumed)
        except WhatIfError as exc:
            errors = exc.errors
        except ValueParseError as exc:
            errors = {"": exc.message}
    follow = follow_up_for(unit, selection.set_code, selection.period)
    gap = follow.gaps.communes[0] if follow.gaps.communes else None
    context = {
        "unit": unit,
        "criteria_set": selection.criteria_set,
        "period": selection.period,
        "gap": gap,
        "assumed": assumed,
        "outcome": outcome,
        "errors": errors,
        "prefix": WHAT_IF_PREFIX,
    }
    return render(request, "web/followup/what_if.html", context)
