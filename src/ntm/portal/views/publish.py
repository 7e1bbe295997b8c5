"""``/publish/``: a district or province office publishes its figures for a period, or withdraws
a publication. Who may: ``ntm.accounts.access.can_publish`` (404 for a unit outside one's scope,
403 for a unit one may see but not publish).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ntm.accounts.access import access_unit_for_user, can_publish, publishable_roots, subtree_q
from ntm.assessments.parsing import ValueParseError
from ntm.portal.background import complete_after_response
from ntm.portal.models import Publication
from ntm.portal.services import PublishError, do_request_publication, do_withdraw
from ntm.units.models import AdminUnit

MSG_MAY_NOT_PUBLISH = gettext_lazy("Tài khoản của bạn không được công bố số liệu của đơn vị này.")


class PublishForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Đơn vị"))
    period = forms.CharField(label=gettext_lazy("Kỳ (YYYY hoặc YYYY-MM)"), max_length=7)

    def __init__(self, *args, units: list[AdminUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            (f"{u.era}:{u.code}", f"{u.name} ({u.code}, {u.era})") for u in units
        ]


def _publishable_units(user) -> list[AdminUnit]:
    """The user's publishing roots and the districts under them
    (a province office may publish one district)."""
    roots = publishable_roots(user)
    if not roots:
        return []
    condition = subtree_q(roots[0])
    for root in roots[1:]:
        condition |= subtree_q(root)
    units = AdminUnit.objects.filter(condition, level__in=("province", "district")).order_by(
        "era", "path"
    )
    return list(units)


def _publications(units: list[AdminUnit]):
    if not units:
        return Publication.objects.none()
    condition = subtree_q(units[0], prefix="unit__")
    for unit in units[1:]:
        condition |= subtree_q(unit, prefix="unit__")
    return Publication.objects.filter(condition).select_related(
        "unit", "published_by", "withdrawn_by"
    )[:100]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish_page(request: HttpRequest) -> HttpResponse:
    units = _publishable_units(request.user)
    if not units:
        raise PermissionDenied(MSG_MAY_NOT_PUBLISH)
    form = PublishForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        era, code = form.cleaned_data["unit"].split(":", 1)
        unit = access_unit_for_user(request.user, code, era=era)
        if not can_publish(request.user, unit):
            raise PermissionDenied(MSG_MAY_NOT_PUBLISH)
        try:
            publication = do_request_publication(
                unit=unit, period=form.cleaned_data["period"], by=request.user
            )
        except (PublishError, ValueParseError) as exc:
            form.add_error("period", exc.message)
        else:
            complete_after_response()
            messages.success(
                request,
                _(
                    "Đã công bố số liệu của %(unit)s kỳ %(period)s (%(n)s đơn vị); trang công "
                    "khai hiện số liệu khi tính xong (thường trong vài giây)."
                )
                % {"unit": unit.name, "period": publication.period, "n": publication.figures_count},
            )
            return redirect("portal-publish")
    return render(
        request, "portal/publish.html", {"form": form, "publications": _publications(units)}
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = Publication.objects.select_related("unit").filter(pk=publication_id).first()
    if publication is None or not can_publish(request.user, publication.unit):
        raise Http404
    try:
        do_withdraw(publication=publication, by=request.user)
    except PublishError as exc:
        messages.warning(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã rút lại công bố kỳ %(period)s của %(unit)s.")
            % {"period": publication.period, "unit": publication.unit.name},
        )
    return redirect("portal-publish")
