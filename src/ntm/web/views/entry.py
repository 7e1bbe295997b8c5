"""Data entry for one unit, criteria set and period, laid out like the official table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ntm.accounts.access import access_unit_for_user, editable_criteria
from ntm.assessments.evaluation import evaluator_for, province_code_of, set_for_unit
from ntm.assessments.evidence import ACCEPT_ATTRIBUTE
from ntm.assessments.parsing import ValueParseError, parse_value
from ntm.assessments.selectors import observations_for_set
from ntm.criteria.inputs import Observation, Period
from ntm.criteria.model import CriteriaSet
from ntm.units.models import AdminUnit
from ntm.units.selectors import profile_for
from ntm.web import entry_form, scope


def _get_set_for_unit(unit: AdminUnit, set_code: str) -> CriteriaSet:
    """The set, if it judges units of this level; 404 otherwise."""
    criteria_set = scope.get_set_or_404(set_code)
    if criteria_set.level != unit.level:
        raise Http404(scope.MSG_UNKNOWN_SET)
    return criteria_set


def _editable_for_user(request: HttpRequest, unit: AdminUnit, set_code: str) -> set[int] | None:
    """Criterion numbers the user may edit (None: all); 403 for a user who may edit none."""
    allowed = editable_criteria(request.user, unit, set_code)
    if allowed is not None and not allowed:
        raise PermissionDenied(_("Bạn chỉ được xem, không được nhập số liệu cho đơn vị này."))
    return allowed


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def entry_page(request: HttpRequest, code: str, set_code: str, period: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=scope.period_date({}, period))
    criteria_set = _get_set_for_unit(unit, set_code)
    as_of = scope.parse_period_or_400(period)
    allowed = _editable_for_user(request, unit, set_code)
    form = entry_form.build_form(unit, criteria_set, as_of, allowed)
    status = 200
    if request.method == "POST":
        uploads = entry_form.bind(form, request.POST, request.FILES)
        errors = [row for row in form.rows if row.error]
        if errors:
            messages.error(request, _(entry_form.MSG_FIX_ERRORS).format(n=len(errors)))
            status = 400
        else:
            try:
                changes = entry_form.save(form, uploads, request.user)
            except entry_form.EntryConflict:
                conflicts = sum(1 for row in form.rows if row.conflict is not None)
                messages.error(request, _(entry_form.MSG_CONFLICT).format(n=conflicts))
                status = 409
            except ValueParseError as refused:
                # a value-hook listener refused the write (values under appraisal are locked)
                messages.error(request, refused.message)
                status = 409
            else:
                done = (
                    _(entry_form.MSG_SAVED).format(n=changes)
                    if changes
                    else _(entry_form.MSG_NOTHING_CHANGED)
                )
                messages.success(request, done)
                return redirect(request.path)
    context = {
        "unit": unit,
        "form": form,
        "period": as_of,
        "accept": ACCEPT_ATTRIBUTE,
        "sets": scope.sets_for_level(unit.level, unit.era, province_code_of(unit)),
        "outside_validity": scope.outside_validity(criteria_set, as_of),
    }
    return render(request, "web/entry.html", context, status=status)


@require_POST
@login_required
def live_verdict(request: HttpRequest, code: str, set_code: str, period: str) -> HttpResponse:
    """The verdict an indicator would get with the value being typed (htmx, nothing saved)."""
    unit = access_unit_for_user(request.user, code, on=scope.period_date({}, period))
    criteria_set = _get_set_for_unit(unit, set_code)
    as_of = scope.parse_period_or_400(period)
    _editable_for_user(request, unit, set_code)
    indicator_code = request.POST.get("indicator", "")
    try:
        indicator = criteria_set.indicator(indicator_code)
    except KeyError:
        raise Http404(scope.MSG_UNKNOWN_SET) from None
    key = entry_form.field_key(indicator.code)
    raw = request.POST.get(f"v-{key}", "")
    context = {"key": key, "error": "", "result": None}
    try:
        parsed = parse_value(indicator, raw)
    except ValueParseError as error:
        context["error"] = entry_form.parse_error_text(error)
        return render(request, "web/partials/live_verdict.html", context)
    # The set that judges the unit: its province's own in place of the national one, so the
    # verdict while typing is the one the saved value will get.
    judged = set_for_unit(unit, criteria_set.code, as_of)
    values = dict(observations_for_set([unit.pk], judged, as_of).get(unit.pk, {}))
    typed = _typed_values(request.POST, criteria_set)
    typed[indicator.code] = parsed
    for code, value in typed.items():
        earlier = [o for o in values.get(code, []) if o.period != as_of]
        values[code] = earlier + (
            [Observation(Period.parse(as_of), value)] if value is not None else []
        )
    result = evaluator_for(judged.code).evaluate(profile_for(unit), values, as_of)
    context["result"] = next(r for r in result.indicators if r.code == indicator.code)
    # The page's summary and criterion verdicts, swapped in out of band: they follow every
    # value being typed, not only the saved ones.
    context["summary"] = result
    return render(request, "web/partials/live_verdict.html", context)


def _typed_values(post, criteria_set: CriteriaSet) -> dict:
    """The other values on the form that parse (``v-<key>`` fields); one that does not parse
    yet keeps the stored value (its own row shows the error when typed)."""
    typed = {}
    for item in criteria_set.indicators:
        name = f"v-{entry_form.field_key(item.code)}"
        if name not in post:
            continue
        try:
            typed[item.code] = parse_value(item, post[name])
        except ValueParseError:
            continue
    return typed
