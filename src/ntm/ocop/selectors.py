"""Reads of OCOP records: products under a unit as of a period, expiring certificates, ranks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from ntm.criteria.inputs import Period
from ntm.ocop.models import OcopProduct
from ntm.reports.programme_text import period_end
from ntm.reports.resources_text import in_window, window_bounds
from ntm.units.models import AdminUnit

EXPIRY_WARNING_DAYS = 180


@dataclass(frozen=True, slots=True)
class ProductStanding:
    """One product as of a period: its latest rating's stars and level, whether its first
    rating falls in the window (``new``), and whether that latest certificate has expired."""

    unit_id: int
    name: str
    stars: int
    level: str
    new: bool
    expired: bool
    expires_on: date
    rating_id: int


def ratings_under(unit: AdminUnit) -> QuerySet[OcopProduct]:
    return OcopProduct.objects.filter(unit__path__startswith=unit.path)


def product_standings(unit: AdminUnit, period: Period, since: Period | None) -> list[ProductStanding]:
    """Every product under ``unit`` with a rating in force by the end of ``period``."""
    start, end = window_bounds(period, since)
    ratings: dict[tuple[int, str], list[OcopProduct]] = {}
    for rating in ratings_under(unit).order_by("year", "decided_on", "pk"):
        if rating.effective_on <= end:
            ratings.setdefault((rating.unit_id, rating.match_name), []).append(rating)
    out = []
    for history in ratings.values():
        first, latest = history[0], history[-1]
        out.append(ProductStanding(
            latest.unit_id, latest.name, latest.stars, latest.level,
            new=in_window(first.effective_on, start, end), expired=latest.expires_on <= end,
            expires_on=latest.expires_on, rating_id=latest.pk,
        ))
    return sorted(out, key=lambda s: (s.name, s.unit_id))


def expiring_ratings(unit: AdminUnit, today: date, within_days: int = EXPIRY_WARNING_DAYS) -> list[OcopProduct]:
    """Latest ratings under ``unit`` whose certificate has expired or expires within ``within_days``."""
    latest: dict[tuple[int, str], OcopProduct] = {}
    for rating in ratings_under(unit).select_related("unit").order_by("year", "decided_on", "pk"):
        latest[(rating.unit_id, rating.match_name)] = rating
    return sorted(
        (r for r in latest.values() if (r.expires_on - today).days <= within_days),
        key=lambda r: r.expires_on,
    )


def product_counts(units: list[AdminUnit], period: Period) -> dict[int, int]:
    """Products rated by the end of ``period`` under each of ``units`` (by unit id)."""
    end = period_end(str(period))
    counts = dict.fromkeys((u.pk for u in units), 0)
    seen: set[tuple[int, str]] = set()
    by_path = sorted(units, key=lambda u: len(u.path), reverse=True)
    paths = [u.path for u in units]
    rows = OcopProduct.objects.filter(year__lte=end.year).values_list("unit_id", "unit__path", "match_name", "decided_on", "year")
    for unit_id, path, name, decided_on, year in rows:
        if (decided_on or date(year, 1, 1)) > end or (unit_id, name) in seen:
            continue
        if not any(path.startswith(p) for p in paths):
            continue
        seen.add((unit_id, name))
        owner = next(u for u in by_path if path.startswith(u.path))
        counts[owner.pk] += 1
    return counts
