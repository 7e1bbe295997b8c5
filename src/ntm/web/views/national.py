"""The national view: the provinces (34 since 1 July 2025) with their communes' figures, a map,
and a link into each province's dashboard. Only for users whose scope is the whole country
(``may_see_national``); anyone else gets 404, as for any unit outside their scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ntm.accounts.access import UNIT_NOT_FOUND, may_see_national
from ntm.web import national, scope
from ntm.web.templatetags.ntm_web import level_label


def _check(request: HttpRequest) -> national.NationalSelection:
    if not may_see_national(request.user):
        raise Http404(UNIT_NOT_FOUND)
    return national.select(request.GET)


def map_labels() -> dict[str, str]:
    """Words the national map's script shows (the script has no gettext)."""
    return {
        "reached": _("Xã đạt chuẩn NTM theo số liệu"),
        "with_data": _("Xã có số liệu"),
        "communes": _("Tổng số xã"),
        "no_data": _("Chưa có số liệu"),
        "open": _("Xem tỉnh"),
        "legend": _("Tỷ lệ xã có số liệu đạt chuẩn NTM (theo số liệu)"),
        "no_location": _("Chưa có toạ độ của tỉnh nào: xem bảng."),
        "error": _("Không tải được số liệu cho bản đồ."),
        "level_none": level_label(None),
    }


@require_safe
@login_required
def national_page(request: HttpRequest) -> HttpResponse:
    selection = _check(request)
    data = national.national_data(selection)
    context = {
        "selection": selection,
        "data": data,
        "rows": data["provinces"],
        "totals": data["totals"],
        "set_choices": scope.sets_for_level("commune", selection.era),
        "eras": national.ERAS,
        "map_labels": map_labels(),
    }
    return render(request, "web/national.html", context)


@require_safe
@login_required
def national_data(request: HttpRequest) -> JsonResponse:
    selection = _check(request)
    return JsonResponse(
        national.national_data(selection), json_dumps_params={"ensure_ascii": False}
    )
