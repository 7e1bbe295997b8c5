"""Public reads: only figures of publications that stand (not withdrawn), the latest per unit
and period. Every public page and download reads through here, so "nothing unpublished is
public" holds in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max, QuerySet

from ntm.portal.models import Publication, PublishedFigure
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q


def standing_figures() -> QuerySet[PublishedFigure]:
    return PublishedFigure.objects.filter(publication__withdrawn_at__isnull=True)


def latest_per_unit(figures: Iterable[PublishedFigure]) -> dict[tuple[int, str], PublishedFigure]:
    """One figure per (unit, period): the one of the latest publication."""
    chosen: dict[tuple[int, str], PublishedFigure] = {}
    for figure in figures:
        key = (figure.unit_id, figure.period)
        current = chosen.get(key)
        if current is None or figure.publication_id > current.publication_id:
            chosen[key] = figure
    return chosen


def published_periods(unit: AdminUnit | None = None) -> list[str]:
    """Periods with standing figures (for ``unit``, or any), newest first."""
    figures = standing_figures()
    if unit is not None:
        figures = figures.filter(unit=unit)
    rows = figures.values("period", "period_index").distinct().order_by("-period_index")
    return list(dict.fromkeys(r["period"] for r in rows))


def figure_for(unit: AdminUnit, period: str) -> PublishedFigure | None:
    figures = standing_figures().filter(unit=unit, period=period).select_related("publication")
    return figures.order_by("-publication_id").first()


def series_for(unit: AdminUnit) -> list[PublishedFigure]:
    """The unit's standing figures over time, oldest first (progress)."""
    chosen = latest_per_unit(standing_figures().filter(unit=unit))
    return sorted(chosen.values(), key=lambda f: f.period_index)


def children_figures(unit: AdminUnit, period: str) -> list[tuple[AdminUnit, PublishedFigure]]:
    """The unit's children with a standing figure for ``period``, by name."""
    figures = standing_figures().filter(unit__parent=unit, period=period).select_related("unit")
    chosen = latest_per_unit(figures)
    return sorted(((f.unit, f) for f in chosen.values()), key=lambda pair: pair[0].name)


def communes_figures(unit: AdminUnit, period: str) -> list[PublishedFigure]:
    """Standing figures of the communes under ``unit`` for ``period`` (level counts)."""
    figures = standing_figures().filter(
        subtree_q(unit, "unit__"), unit__level="commune", period=period
    )
    return list(latest_per_unit(figures).values())


def commune_series(unit: AdminUnit) -> list[tuple[str, list[PublishedFigure]]]:
    """Per published period of ``unit``, the standing figures of its communes
    (progress by level)."""
    figures = standing_figures().filter(subtree_q(unit, "unit__"), unit__level="commune")
    by_period: dict[str, list[PublishedFigure]] = {}
    order: dict[str, int] = {}
    for figure in latest_per_unit(figures).values():
        by_period.setdefault(figure.period, []).append(figure)
        order[figure.period] = figure.period_index
    return [(p, by_period[p]) for p in sorted(by_period, key=order.__getitem__)]


def public_units(level: str | None = None) -> QuerySet[AdminUnit]:
    """Units with at least one standing figure."""
    units = AdminUnit.objects.filter(pk__in=standing_figures().values("unit_id"))
    return units.filter(level=level) if level else units


def figures_of_period(period: str) -> list[PublishedFigure]:
    """Every standing figure of ``period`` (open data), by unit path."""
    figures = (
        standing_figures()
        .filter(period=period)
        .select_related("unit", "unit__parent", "publication", "publication__unit")
    )
    return sorted(latest_per_unit(figures).values(), key=lambda f: f.unit.path)


def portal_stamp() -> str:
    """Changes whenever something is published or withdrawn: the ETag base of public pages."""
    latest = Publication.history.aggregate(last=Max("history_id"))["last"]
    return str(latest or 0)
