"""``/public/``: the published figures of provinces, districts (before 2025) and communes.

No login. Only figures of standing publications are read (``ntm.portal.selectors``); a unit
without any is "not found", like a page that does not exist.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ntm.portal import hooks, selectors
from ntm.portal.caching import public_cacheable
from ntm.portal.models import PublishedFigure
from ntm.portal.words import LEVEL_NAMES, LEVEL_ORDER, NO_DATA, STATUS_NAMES, UNIT_LEVEL_NAMES
from ntm.units.models import AdminUnit

MSG_NOT_PUBLISHED = "Chưa có số liệu được công bố cho đơn vị này."


def level_counts(figures: list[PublishedFigure]) -> list[tuple[str, str, int]]:
    """(level, its name, communes) from the highest level down, then those without data; every
    commune counted once, at the highest level its data reach."""
    counts = Counter(f.level_by_data if f.has_data else NO_DATA for f in figures)
    return [(level, LEVEL_NAMES[level], counts.get(level, 0)) for level in LEVEL_ORDER]


def _map_point(unit: AdminUnit, figure: PublishedFigure | None) -> dict | None:
    if unit.latitude is None or unit.longitude is None:
        return None
    level = figure.level_by_data if figure is not None and figure.has_data else NO_DATA
    return {
        "code": unit.code,
        "name": unit.name,
        "lat": unit.latitude,
        "lon": unit.longitude,
        "level": level,
        "label": str(LEVEL_NAMES[level]) if figure is not None else "",
        "criteria": f"{figure.criteria_met}/{figure.criteria_total}"
        if figure is not None and figure.has_data
        else "",
        "url": f"/public/units/{unit.code}/?era={unit.era}",
    }


@require_safe
@public_cacheable
def index(request: HttpRequest) -> HttpResponse:
    rows = []
    for province in selectors.public_units("province").order_by("era", "name"):
        periods = selectors.published_periods(province)
        latest = periods[0] if periods else None
        communes = selectors.communes_figures(province, latest) if latest else []
        rows.append(
            {
                "unit": province,
                "period": latest,
                "levels": level_counts(communes),
                "communes": len(communes),
                "point": _map_point(
                    province, selectors.figure_for(province, latest) if latest else None
                ),
            }
        )
    points = [r["point"] for r in rows if r["point"]]
    return render(request, "portal/index.html", {"rows": rows, "points": points})


def _unit(code: str, era: str | None) -> AdminUnit:
    units = selectors.public_units().filter(code=code)
    if era in ("2008", "2025"):
        units = units.filter(era=era)
    unit = units.order_by("era").first()
    if unit is None:
        raise Http404(MSG_NOT_PUBLISHED)
    return unit


def _ancestors(unit: AdminUnit) -> list[tuple[AdminUnit, bool]]:
    """The chain above the unit, top first, each with whether it has a public page."""
    chain, parent = [], unit.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    public = set(
        selectors.public_units().filter(pk__in=[u.pk for u in chain]).values_list("pk", flat=True)
    )
    return [(u, u.pk in public) for u in reversed(chain)]


def _progress(unit: AdminUnit) -> dict:
    """Criteria met over the published periods (a commune), or communes by level (above)."""
    if unit.level == "commune":
        series = [f for f in selectors.series_for(unit) if f.has_data]
        return {
            "kind": "criteria",
            "label": str(_("Tiêu chí đạt")),
            "labels": [f.period for f in series],
            "criteria_met": [f.criteria_met for f in series],
            "criteria_total": [f.criteria_total for f in series],
            "rows": [[f.period, f"{f.criteria_met}/{f.criteria_total}"] for f in series],
        }
    periods = selectors.commune_series(unit)
    counts = [
        {level: n for level, _name, n in level_counts(figures)} for _period, figures in periods
    ]
    return {
        "kind": "levels",
        "labels": [period for period, _figures in periods],
        "levels": [
            {"level": level, "name": str(LEVEL_NAMES[level]), "counts": [c[level] for c in counts]}
            for level in LEVEL_ORDER
        ],
        "rows": [
            [period, *(c[level] for level in LEVEL_ORDER)]
            for (period, _f), c in zip(periods, counts, strict=True)
        ],
    }


@require_safe
@public_cacheable
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(code, request.GET.get("era"))
    periods = selectors.published_periods(unit)
    period = request.GET.get("period") if request.GET.get("period") in periods else periods[0]
    figure = selectors.figure_for(unit, period)
    children = selectors.children_figures(unit, period) if unit.level != "commune" else []
    communes = selectors.communes_figures(unit, period) if unit.level != "commune" else []
    lang = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    sections = [
        {
            "key": key,
            "lines": section.get("lines", {}).get(lang) or section.get("lines", {}).get("vi", []),
        }
        for key, section in (figure.sections or {}).items()
    ]
    context = {
        "unit": unit,
        "unit_level": UNIT_LEVEL_NAMES.get(unit.level, unit.level),
        "ancestors": _ancestors(unit),
        "periods": periods,
        "period": period,
        "figure": figure,
        "level_name": LEVEL_NAMES[figure.level_by_data if figure.has_data else ""],
        "recognised_name": LEVEL_NAMES.get(figure.recognised["level"], figure.recognised["level"])
        if figure.recognised
        else None,
        "recognitions_known": hooks.recognitions_known(),
        "criteria": [
            {**c, "status_name": STATUS_NAMES.get(c["status"], c["status"])}
            for c in figure.criteria
        ],
        "children": [
            (child, f, LEVEL_NAMES[f.level_by_data if f.has_data else ""]) for child, f in children
        ],
        "levels": level_counts(communes),
        "communes": len(communes),
        "points": [p for p in (_map_point(child, f) for child, f in children) if p],
        "progress": _progress(unit),
        "sections": sections,
    }
    return render(request, "portal/unit.html", context)


@require_safe
def choose_language(request: HttpRequest, language: str) -> HttpResponse:
    """A GET link (public pages carry no form and no CSRF cookie): remember the language,
    go back."""
    target = request.GET.get("next", "/public/")
    if urlsplit(target).netloc or not target.startswith("/public/"):
        target = "/public/"
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
        )
    response["Cache-Control"] = "no-store"
    return response
