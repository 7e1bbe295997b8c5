"""Unit pages: the list of units in the user's scope and one unit's page (commune page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ntm.accounts.access import (
    access_unit_for_user,
    can_edit_any_value,
    scope_root_units,
    units_visible_to,
)
from ntm.criteria.inputs import Period
from ntm.textnorm import normalize_name
from ntm.units.models import AdminUnit
from ntm.web import commune, scope

SEARCH_LIMIT = 100
PAGE_LEVELS = ("commune", "village")


def _get_unit_for_user(request: HttpRequest, code: str) -> AdminUnit:
    """The unit with ``code`` in the user's scope, else 404 (never a hint that it exists)."""
    return access_unit_for_user(request.user, code)


def _period(request: HttpRequest, unit: AdminUnit) -> Period:
    text = request.GET.get("period")
    return scope.parse_period_or_404(text) if text else commune.default_period(unit)


def _ancestors(unit: AdminUnit) -> list[AdminUnit]:
    chain = []
    parent = unit.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return list(reversed(chain))


@require_GET
@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    if query:
        units = (
            units_visible_to(request.user)
            .filter(match_name__contains=normalize_name(query))
            .select_related("parent")
            .order_by("level", "name")[:SEARCH_LIMIT]
        )
        groups = [(None, list(units))]
    else:
        groups = [(root, list(root.children.order_by("name"))) for root in scope_root_units(request.user)]
    return render(request, "web/unit_list.html", {"query": query, "groups": groups})


@require_GET
@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = _get_unit_for_user(request, code)
    period = _period(request, unit)
    context = {"unit": unit, "period": period, "ancestors": _ancestors(unit)}
    if unit.level not in PAGE_LEVELS:
        context["children"] = list(unit.children.order_by("name"))
        return render(request, "web/unit_area.html", context)
    sets = commune.sets_for_unit(unit, period)
    views = commune.set_views(unit, period, sets)
    context.update(
        views=views,
        level=commune.reached_level(views),
        next_level=commune.next_level(views),
        trend=commune.trend(unit, sets, period),
        can_edit=can_edit_any_value(request.user, unit),
        periods=sorted({p for s in sets for p in scope.periods_with_data(unit, s.code)}),
    )
    return render(request, "web/unit_page.html", context)
