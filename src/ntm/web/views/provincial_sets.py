"""A province's own criteria sets in the web: upload (checked, errors naming file, line and
path), side by side with the national set, impact preview, and activation (audited, dated).

Only the province office acts for its province (``access.provincial_set_provinces``): any other
logged-in user gets 403 on the list and 404 on a set, as for anything outside their scope.
"""

from __future__ import annotations

import csv
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ntm.accounts.access import UNIT_NOT_FOUND, provincial_set_provinces
from ntm.criteria.candidate import CandidateError
from ntm.criteria.unverified import UNVERIFIED_COLUMNS, unverified_rows
from ntm.provincialsets.models import ProvincialSet
from ntm.provincialsets.selectors import impact, sets_in_use, sets_of, side_by_side
from ntm.provincialsets.services import (
    check_for_province,
    do_activate_provincial_set,
    do_upload_provincial_set,
    do_withdraw_provincial_set,
)
from ntm.textnorm import parse_date
from ntm.web import scope
from ntm.web.templatetags.ntm_web import unit_ref

MSG_NO_FILE = "Chưa chọn tệp bộ tiêu chí (.yaml)."
MSG_NO_PROVINCE = "Chưa chọn tỉnh."


def _provinces_or_403(request: HttpRequest) -> list:
    provinces = provincial_set_provinces(request.user)
    if not provinces:
        raise PermissionDenied(_("Chỉ văn phòng điều phối cấp tỉnh được quản lý bộ tiêu chí."))
    return provinces


def _get_set_for_user(request: HttpRequest, pk: int) -> ProvincialSet:
    provinces = {p.pk for p in provincial_set_provinces(request.user)}
    item = ProvincialSet.objects.select_related("province").filter(pk=pk).first()
    if item is None or item.province_id not in provinces:
        raise Http404(UNIT_NOT_FOUND)
    return item


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def provincial_sets(request: HttpRequest) -> HttpResponse:
    provinces = _provinces_or_403(request)
    errors: list[str] = []
    if request.method == "POST":
        chosen = request.POST.get("province", "")
        province = next((p for p in provinces if unit_ref(p) == chosen), None)
        if len(provinces) == 1 and not chosen:
            province = provinces[0]
        upload = request.FILES.get("file")
        if province is None:
            errors.append(_(MSG_NO_PROVINCE))
        elif upload is None:
            errors.append(_(MSG_NO_FILE))
        else:
            try:
                item = do_upload_provincial_set(
                    province=province,
                    file_name=upload.name,
                    content=upload.read(),
                    user=request.user,
                )
            except CandidateError as exc:
                errors.append(exc.problem.message())
            else:
                return redirect(reverse("web:provincial_set", args=[item.pk]))
    context = {"provinces": provinces, "sets": sets_of(provinces), "errors": errors}
    return render(request, "web/provincial_sets.html", context, status=400 if errors else 200)


@require_safe
@login_required
def provincial_set(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_set_for_user(request, pk)
    return _render_set(request, item, [])


def _render_set(
    request: HttpRequest, item: ProvincialSet, errors: list[str], status: int = 200
) -> HttpResponse:
    period_text = request.GET.get("period")
    period = scope.parse_period_or_400(period_text) if period_text else scope.current_period()
    context: dict = {"item": item, "errors": errors, "period": period}
    try:
        candidate = check_for_province(item.province, item.file_name, item.content)
    except CandidateError as exc:  # the sets in use changed since the upload
        context["problem"] = exc.problem.message()
    else:
        context["criteria_set"] = candidate.criteria_set
        context["changes"] = side_by_side(candidate)
        context["impact"] = impact(item, candidate, period)
    return render(request, "web/provincial_set.html", context, status=status)


@require_POST
@login_required
def provincial_set_activate(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_set_for_user(request, pk)
    try:
        effective: date = parse_date(request.POST.get("effective_from", ""))
    except ValueError as exc:
        return _render_set(request, item, [str(exc)], status=400)
    try:
        do_activate_provincial_set(provincial_set=item, user=request.user, effective_from=effective)
    except CandidateError as exc:
        return _render_set(request, item, [exc.problem.message()], status=400)
    return redirect(reverse("web:provincial_set", args=[item.pk]))


@require_POST
@login_required
def provincial_set_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop applying an active set: the province's units go back to the national set."""
    item = _get_set_for_user(request, pk)
    try:
        do_withdraw_provincial_set(provincial_set=item, user=request.user)
    except CandidateError as exc:
        return _render_set(request, item, [exc.problem.message()], status=400)
    return redirect(reverse("web:provincial_set", args=[item.pk]))


@require_safe
@login_required
def provincial_sets_unverified(request: HttpRequest) -> HttpResponse:
    """Every unverified threshold of the sets the province's units are measured against (its own
    set in place of the national one where active), as a CSV to check against the official
    copies and return as an override file with sources."""
    provinces = _provinces_or_403(request)
    chosen = request.GET.get("province", "")
    province = next((p for p in provinces if unit_ref(p) == chosen), provinces[0])
    period = scope.current_period()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"chua-xac-minh-{province.code}-{period}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=UNVERIFIED_COLUMNS)
    writer.writeheader()
    writer.writerows(unverified_rows(sets_in_use(province, period)))
    return response
