"""The dashboard: the user's scope at a glance (levels, map, charts, commune table).

The page renders the counts and the table on the server (readable without JavaScript); the map
and the charts read the same figures from ``dashboard_data`` (JSON), computed by ``overview``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ntm.accounts.access import access_unit_for_user, scope_root_units
from ntm.assessments.evaluation import province_code_of
from ntm.assessments.models import IndicatorValue
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree
from ntm.web import dashboard_cache, overview, scope
from ntm.web.names import sort_units
from ntm.web.scope import Selection, period_date
from ntm.web.templatetags.ntm_web import level_label, unit_ref

COMMUNE_LEVELS = ("commune", "village")


def _commune_page_redirect(unit: AdminUnit, request: HttpRequest) -> HttpResponse:
    """A commune's "dashboard" would be one circle on a map: its own page says more."""
    query = {k: request.GET[k] for k in ("period",) if request.GET.get(k)}
    url = reverse("web:unit", args=[unit_ref(unit)])
    return redirect(f"{url}?{urlencode(query)}" if query else url)


def _get_scope_unit_for_user(request: HttpRequest) -> AdminUnit | None:
    """The unit the dashboard is about: ``?unit=`` if the user may see it (else 404), or the
    first unit of the user's scope; None for a user without any role."""
    code = request.GET.get("unit")
    if code:
        return access_unit_for_user(request.user, code, on=period_date(request.GET))
    roots = scope_root_units(request.user)
    if len(roots) > 1:
        return _root_with_latest_value(roots)
    return roots[0] if roots else None


def _root_with_latest_value(roots: list[AdminUnit]) -> AdminUnit:
    """Of several top units (a national user's provinces), the one where data was last saved,
    so the first screen shows figures rather than an empty province."""
    # The newest history row is the last value saved (created, changed or removed): read by
    # its primary key, where ordering the values by ``updated_at`` scans the whole table.
    unit_id = (
        IndicatorValue.history.order_by("-history_id").values_list("unit_id", flat=True).first()
    )
    latest = AdminUnit.objects.filter(pk=unit_id).first() if unit_id else None
    if latest is not None:
        for root in roots:
            if in_subtree(latest, root):
                return root
    return roots[0]


def _scope_choices(request: HttpRequest, current: AdminUnit) -> list[AdminUnit]:
    """Units to switch to: the user's top units, then the districts under the current one."""
    roots = sort_units(scope_root_units(request.user))
    children = (
        []
        if current.level in COMMUNE_LEVELS
        else sort_units(current.children.filter(level="district"))
    )
    seen: dict[int, AdminUnit] = {}
    for unit in [*roots, current, *children]:
        seen.setdefault(unit.pk, unit)
    return list(seen.values())


def _selection(request: HttpRequest, unit: AdminUnit) -> Selection:
    return scope.select(unit, request.GET)


def chart_labels() -> dict[str, str]:
    """Words the map and chart script shows, translated here (the script has no gettext)."""
    return {
        "communes": _("Số xã"),
        "criteria_met": _("Số tiêu chí đạt"),
        "unmet": _("Số xã chưa đạt"),
        "average": _("Số tiêu chí đạt bình quân"),
        "meeting": _("Số xã đạt đủ tiêu chí của bộ"),
        "criterion": _("Tiêu chí"),
        "level_model": level_label("model"),
        "level_advanced": level_label("advanced"),
        "level_ntm": level_label("ntm"),
        "level_none": level_label(None),
        "by_data": _("Tô màu: mức đạt theo số liệu"),
        "by_decision": _("Tô màu: mức được công nhận theo quyết định (không phải theo số liệu)"),
        "recognised": _("Được công nhận (theo quyết định)"),
        "not_recognised": _("Chưa được công nhận"),
        "no_location": _("Chưa có toạ độ hay ranh giới cho xã nào trong phạm vi này."),
        "circles": _("Mỗi xã là một vòng tròn tại tâm của xã (chưa nhập ranh giới)."),
        "legend_area": _("%s xã vẽ theo ranh giới"),
        "legend_circle": _("%s xã chưa có ranh giới: vòng tròn tại tâm xã"),
        "legend_missing": _("%s xã chưa có toạ độ: không vẽ được (xem bảng)"),
        "error": _("Không tải được số liệu cho bản đồ và biểu đồ."),
    }


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    unit = _get_scope_unit_for_user(request)
    if unit is None:
        return render(request, "web/no_scope.html", status=200)
    if unit.level in COMMUNE_LEVELS:
        return _commune_page_redirect(unit, request)
    selection = _selection(request, unit)
    figures = dashboard_cache.tables(unit, selection)
    context = {
        "unit": unit,
        "selection": selection,
        **figures,
        "tables": mark_safe(figures["tables"]),  # a rendered (autoescaped) template
        "scope_choices": _scope_choices(request, unit),
        "set_choices": scope.sets_for_level("commune", unit.era, province_code_of(unit)),
        "periods": scope.periods_with_data(unit, selection.set_code),
        "chart_labels": chart_labels(),
        **dashboard_cache.recognised(unit, selection.period),
        "resources": dashboard_cache.resources(unit, selection.period),
    }
    return render(request, "web/dashboard.html", context)


@require_safe
@login_required
def dashboard_data(request: HttpRequest) -> HttpResponse:
    unit = _get_scope_unit_for_user(request)
    if unit is None:
        return JsonResponse({"communes": []}, status=404)
    selection = _selection(request, unit)
    periods = scope.periods_with_data(unit, selection.set_code)
    body = overview.dashboard_json(unit, selection.criteria_set, selection.period, periods)
    return HttpResponse(body, content_type="application/json")
