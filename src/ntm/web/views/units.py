"""Unit pages: the list of units in the user's scope and one unit's page (commune page)."""

from __future__ import annotations

import unicodedata

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
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


def _fold(text: str) -> str:
    """Without tone marks and with đ as d: people often type "xuan hoa" for "Xuân Hòa"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _search(units: QuerySet[AdminUnit], query: str) -> list[int]:
    """Ids of units whose name holds the query, with or without its diacritics (at most
    ``SEARCH_LIMIT``). One pass in Python over (id, name): a province is a few thousand rows."""
    exact, folded = normalize_name(query), _fold(normalize_name(query))
    found = []
    for pk, name in units.values_list("pk", "match_name").iterator():
        if exact in name or folded in _fold(name):
            found.append(pk)
            if len(found) >= SEARCH_LIMIT:
                break
    return found


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
        ids = _search(units_visible_to(request.user), query)
        units = AdminUnit.objects.filter(pk__in=ids).select_related("parent").order_by("level", "name")
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
        villages=list(unit.children.filter(level="village").order_by("name")),
        periods=sorted({p for s in sets for p in scope.periods_with_data(unit, s.code)}),
    )
    return render(request, "web/unit_page.html", context)
