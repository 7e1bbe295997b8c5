"""Unit pages: the list of units in the user's scope and one unit's page (commune page)."""

from __future__ import annotations

from functools import partial
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from ntm.accounts.access import (
    access_unit_for_user,
    can_edit_any_value,
    can_view_unit,
    scope_root_units,
    units_visible_to,
)
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.textnorm import normalize_name
from ntm.units.models import AdminUnit
from ntm.web import commune, fragments, scope, unit_cache
from ntm.web.criterion_html import Words, criterion_html
from ntm.web.names import fold, sort_units
from ntm.web.recognitions import unit_recognitions
from ntm.web.scope import period_date
from ntm.web.templatetags.ntm_web import unit_ref

SEARCH_LIMIT = 100
PAGE_LEVELS = ("commune", "village")


def _period(request: HttpRequest, unit: AdminUnit) -> Period:
    text = request.GET.get("period")
    return scope.parse_period_or_400(text) if text else commune.default_period(unit)


def _search(units: QuerySet[AdminUnit], query: str) -> list[int]:
    """Ids of units whose name holds the query, with or without its diacritics (at most
    ``SEARCH_LIMIT``). One pass in Python over (id, name): a province is a few thousand rows."""
    exact, folded = normalize_name(query), fold(normalize_name(query))
    found = []
    for pk, name in units.values_list("pk", "match_name").iterator():
        if exact in name or folded in fold(name):
            found.append(pk)
            if len(found) >= SEARCH_LIMIT:
                break
    return found


def _ancestors(request: HttpRequest, unit: AdminUnit) -> list[tuple[AdminUnit, bool]]:
    """The units above ``unit``, top first, each with whether the user may open it: a commune
    officer sees their district and province named but not linked (their pages are 404 to them).
    Read in one query by the ids of the unit's path (its ancestors', top first)."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    if ids[-1:] != [unit.pk]:  # no path (not expected): walk the parents
        chain, parent = [], unit.parent
        while parent is not None:
            chain.append(parent)
            parent = parent.parent
        return [(a, can_view_unit(request.user, a)) for a in reversed(chain)]
    found = AdminUnit.objects.in_bulk(ids[:-1])
    return [(found[pk], can_view_unit(request.user, found[pk])) for pk in ids[:-1] if pk in found]


@require_safe
@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    if query:
        ids = _search(units_visible_to(request.user), query)
        units = AdminUnit.objects.filter(pk__in=ids).select_related("parent")
        levels = {
            level: n for n, level in enumerate(("province", "district", "commune", "village"))
        }
        groups = [(None, sorted(sort_units(units), key=lambda u: levels.get(u.level, len(levels))))]
    else:
        groups = [
            (root, sort_units(root.children.all()))
            for root in sort_units(scope_root_units(request.user))
        ]
    return render(request, "web/unit_list.html", {"query": query, "groups": groups})


@require_safe
@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    period = _period(request, unit)
    context = {"unit": unit, "period": period, "ancestors": _ancestors(request, unit)}
    if unit.level not in PAGE_LEVELS:
        context["children"] = sort_units(unit.children.all())
        return render(request, "web/unit_area.html", context)
    sets = commune.sets_for_unit(unit, period)
    can_edit = can_edit_any_value(request.user, unit)
    predecessors = unit_cache.predecessors(unit)
    context.update(can_edit=can_edit, predecessors=predecessors)

    def draw() -> tuple[str, str, bool]:
        return _draw_content(unit, period, sets, dict(context))

    inputs = unit_cache.page_inputs(unit, period, sets, predecessors, can_edit)
    head, body, _kept = (
        draw()
        if inputs is None
        else fragments.cached("unit-page", inputs, draw, keep=lambda drawn: drawn[2])
    )
    context.update(unit_head=mark_safe(head), unit_body=mark_safe(body))  # rendered templates
    return render(request, "web/unit_page.html", context)


def _draw_content(
    unit: AdminUnit, period: Period, sets: list[CriteriaSet], context: dict
) -> tuple[str, str, bool]:
    """The page above and below its follow-up links, and whether they may be kept (every set's
    result is computed from the unit's own values: ``unit_cache``)."""
    views = commune.set_views(unit, period, sets)
    periods = commune.periods_with_data(unit, sets)
    context.update(
        views=views,
        level=commune.reached_level(views),
        next_level=commune.next_level(views),
        trend=commune.trend(unit, sets, period, periods),
        villages=sort_units(unit.children.filter(level="village")),
        periods=sorted({p for found in periods.values() for p in found}),
        **unit_recognitions(unit, period),
    )
    context["set_details"] = _set_details(unit, period, views)
    return (
        render_to_string("web/partials/unit_head.html", context),
        render_to_string("web/partials/unit_body.html", context),
        all(view.inputs is not None for view in views),
    )


def _set_details(unit: AdminUnit, period: Period, views: list[commune.SetView]) -> str:
    """The sets criterion by criterion (most of the page): the same for every user who may
    see the unit. Each set is cached apart under the digest of its own inputs
    (``SetView.inputs``): a save redraws only the set it was made to, and its criteria are
    drawn by ``criterion_html`` (a few milliseconds a set)."""
    ref = unit_ref(unit)
    parts = []
    for counter, view in enumerate(views, start=1):
        context = {"unit": unit, "period": period, "view": view, "counter": counter}
        draw = partial(_draw_set, context, _history_urls(ref, view))
        if view.inputs is None:
            parts.append(draw())
            continue
        parts.append(
            fragments.cached("set-details", [unit.pk, ref, str(period), counter, view.inputs], draw)
        )
    return mark_safe("".join(parts))  # each part is a rendered (autoescaped) template


def _draw_set(context: dict, history_urls: dict[str, str]) -> str:
    view, period = context["view"], str(context["period"])
    set_code, words = view.criteria_set.code, Words()
    criteria_html = [
        criterion_html(criterion, set_code, period, history_urls, words)
        for criterion in view.result.criteria
    ]
    return render_to_string(
        "web/partials/set_details.html", {**context, "criteria_html": criteria_html}
    )


_INDICATOR_SLOT = "__indicator__"


def _history_urls(ref: str, view: commune.SetView) -> dict[str, str]:
    """The value-history link of each indicator with a stored value: one ``reverse`` per set,
    not one per row (the rows are most of the page's drawing time)."""
    base = reverse("web:value_history", args=[ref, view.criteria_set.code, _INDICATOR_SLOT])
    return {code: base.replace(_INDICATOR_SLOT, quote(code)) for code in view.value_ids}
