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
from ntm.units.selectors import subtree_q

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
    return OcopProduct.objects.filter(subtree_q(unit, "unit__"))


def product_standings(
    unit: AdminUnit, period: Period, since: Period | None
) -> list[ProductStanding]:
    """Every product under ``unit`` with a rating in force by the end of ``period``."""
    start, end = window_bounds(period, since)
    ratings: dict[tuple[int, str], list[OcopProduct]] = {}
    for rating in ratings_under(unit).order_by("year", "decided_on", "pk"):
        if rating.effective_on <= end:
            ratings.setdefault((rating.unit_id, rating.match_name), []).append(rating)
    out = []
    for history in ratings.values():
        first, latest = history[0], history[-1]
        out.append(
            ProductStanding(
                latest.unit_id,
                latest.name,
                latest.stars,
                latest.level,
                new=in_window(first.effective_on, start, end),
                expired=latest.expires_on <= end,
                expires_on=latest.expires_on,
                rating_id=latest.pk,
            )
        )
    return sorted(out, key=lambda s: (s.name, s.unit_id))


def expiring_ratings(
    unit: AdminUnit, today: date, within_days: int = EXPIRY_WARNING_DAYS
) -> list[OcopProduct]:
    """Latest ratings under ``unit`` whose certificate has expired or expires
    within ``within_days``."""
    latest: dict[tuple[int, str], OcopProduct] = {}
    for rating in ratings_under(unit).select_related("unit").order_by("year", "decided_on", "pk"):
        latest[(rating.unit_id, rating.match_name)] = rating
    return sorted(
        (r for r in latest.values() if (r.expires_on - today).days <= within_days),
        key=lambda r: r.expires_on,
    )


def product_counts(units: list[AdminUnit], period: Period) -> dict[int, int | None]:
    """Products rated by the end of ``period`` under each of ``units`` (by unit id); None for a
    unit with no OCOP record at all (no detailed data, as opposed to none rated yet)."""
    end = period_end(str(period))
    rows = OcopProduct.objects.filter(unit__path__startswith=_common_prefix(units)).values_list(
        "unit__path", "unit_id", "match_name", "decided_on", "year"
    )
    counted: dict[int, set[tuple[int, str]]] = {}
    for path, unit_id, name, decided_on, year in rows:
        owner = next((u for u in units if path.startswith(u.path)), None)
        if owner is None:
            continue
        products = counted.setdefault(owner.pk, set())
        if (decided_on or date(year, 1, 1)) <= end:
            products.add((unit_id, name))
    return {u.pk: len(counted[u.pk]) if u.pk in counted else None for u in units}


def _common_prefix(units: list[AdminUnit]) -> str:
    paths = [u.path for u in units]
    prefix = paths[0] if paths else ""
    for path in paths[1:]:
        while not path.startswith(prefix):
            prefix = prefix[: prefix.rstrip("/").rfind("/") + 1]
    return prefix
