"""A unit's programme resources: OCOP products (with expiry alerts), funds, outputs, awards and
reported figures of the unit and the units under it, and forms to record them for the unit."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ntm.accounts.access import (
    access_unit_for_user,
    can_edit_reported_figures,
    can_edit_resources,
    can_view_unit,
)
from ntm.investment.catalogue import output_kinds
from ntm.investment.models import EmulationAward, FundsMobilised, PhysicalOutput, ReportedFigures
from ntm.investment.reported import source_label
from ntm.investment.services import do_save_award, do_save_funds, do_save_output, do_save_reported
from ntm.ocop.selectors import EXPIRY_WARNING_DAYS, expiring_ratings, ratings_under
from ntm.ocop.services import do_save_rating
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q
from ntm.web.resource_forms import AwardForm, FundsForm, OcopForm, OutputForm, ReportedForm
from ntm.web.scope import period_date
from ntm.web.templatetags.ntm_web import unit_ref

LIST_LIMIT = 300
FORMS = {
    "ocop": (OcopForm, do_save_rating),
    "funds": (FundsForm, do_save_funds),
    "outputs": (OutputForm, do_save_output),
    "awards": (AwardForm, do_save_award),
    "reported": (ReportedForm, do_save_reported),
}
MSG_SAVED = {
    "created": gettext_lazy("Đã lưu bản ghi mới."),
    "updated": gettext_lazy("Đã cập nhật bản ghi."),
    "unchanged": gettext_lazy("Không có gì thay đổi."),
}
WEB_REASON = "Nhập trên web"


def _ancestors(request: HttpRequest, unit: AdminUnit) -> list[tuple[AdminUnit, bool]]:
    chain, parent = [], unit.parent
    while parent is not None:
        chain.append((parent, can_view_unit(request.user, parent)))
        parent = parent.parent
    return list(reversed(chain))


def _under(model, unit: AdminUnit):
    return model.objects.filter(subtree_q(unit, "unit__")).select_related("unit")


def _may_edit(user, unit: AdminUnit, kind: str) -> bool:
    return (
        can_edit_reported_figures(user, unit)
        if kind == "reported"
        else can_edit_resources(user, unit)
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def resources_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    bound, status = None, 200
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in FORMS or not _may_edit(request.user, unit, kind):
            return HttpResponse(
                _("Bạn không được ghi loại số liệu này cho đơn vị này."), status=403
            )
        form_class, save = FORMS[kind]
        form = form_class(request.POST, prefix=kind)
        if form.is_valid():
            _record, outcome = save(
                data=form.record(unit.pk), author=request.user, origin="web", reason=WEB_REASON
            )
            messages.success(request, MSG_SAVED[outcome])
            return redirect(f"{reverse('web:resources', args=[unit_ref(unit)])}#{kind}")
        bound, status = (kind, form), 400
    forms = {
        kind: form_class(prefix=kind)
        for kind, (form_class, _save) in FORMS.items()
        if _may_edit(request.user, unit, kind)
    }
    if bound:
        forms[bound[0]] = bound[1]
    today = date.today()
    kinds = {k.code: k for k in output_kinds()}
    context = {
        "unit": unit,
        "ancestors": _ancestors(request, unit),
        "forms": forms,
        "open_form": bound[0] if bound else "",
        "ratings": ratings_under(unit)
        .select_related("unit", "producer")
        .order_by("-year", "name")[:LIST_LIMIT],
        "expiring": expiring_ratings(unit, today),
        "expiry_days": EXPIRY_WARNING_DAYS,
        "today": today,
        "funds": _under(FundsMobilised, unit).order_by(
            "-period_index", "unit__path", "fund_source"
        )[:LIST_LIMIT],
        "outputs": [
            (o, kinds.get(o.kind), float(o.quantity))
            for o in _under(PhysicalOutput, unit).order_by("-period_index", "unit__path")[
                :LIST_LIMIT
            ]
        ],
        "awards": _under(EmulationAward, unit)[:LIST_LIMIT],
        "reported": [
            (r, source_label(r), None if r.average_criteria is None else float(r.average_criteria))
            for r in _under(ReportedFigures, unit).order_by("-period_index", "unit__path")[
                :LIST_LIMIT
            ]
        ],
    }
    return render(request, "web/resources.html", context, status=status)
