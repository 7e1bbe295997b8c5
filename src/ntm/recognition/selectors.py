"""Reads of recognitions: which are in force on a date, per unit and under a unit.

"In force on D": decided on or before D and not revoked on or before D. Counts are inclusive
(design.md §10): a model commune is also advanced and NTM, a model village also NTM.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from ntm.criteria.model import TIERS
from ntm.recognition.models import LEVEL_TIERS, Recognition
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q

IN_LIST_LIMIT = 500  # above this many units, ``recognised_tiers`` filters here, not in SQL

RURAL_COMMUNE_TYPES = ("xã",)


def in_force(on: date) -> Q:
    """The filter for recognitions in force on ``on``."""
    return Q(date__lte=on) & (Q(revoked_date__isnull=True) | Q(revoked_date__gt=on))


def recognitions_under(unit: AdminUnit, on: date) -> QuerySet[Recognition]:
    """The recognitions in force on ``on`` of ``unit`` and every unit under it."""
    within = subtree_q(unit, "unit__")
    return Recognition.objects.filter(within & in_force(on)).select_related("unit")


def recognitions_of(unit: AdminUnit, on: date) -> list[Recognition]:
    """The unit's own recognitions in force on ``on``, oldest first."""
    return list(Recognition.objects.filter(Q(unit=unit) & in_force(on)).order_by("date", "level"))


def highest_tier(levels: Iterable[str]) -> str | None:
    """The highest ladder tier among recognition levels ("village-model" is the model tier)."""
    tiers = [LEVEL_TIERS[level] for level in levels]
    return max(tiers, key=TIERS.index) if tiers else None


def recognised_tiers(unit_ids: Iterable[int], on: date) -> dict[int, str]:
    """unit id -> the highest tier it is recognised at on ``on`` (units with none left out).

    Many units (a national review: 10,000) are not named in the query: the recognitions in
    force are read and the others skipped here, cheaper than a list of 10,000 parameters."""
    ids = set(unit_ids)
    levels: dict[int, list[str]] = {}
    rows = Recognition.objects.filter(in_force(on))
    if len(ids) <= IN_LIST_LIMIT:
        rows = rows.filter(unit_id__in=list(ids))
    for unit_id, level in rows.values_list("unit_id", "level"):
        if unit_id in ids:
            levels.setdefault(unit_id, []).append(level)
    return {unit_id: highest_tier(found) for unit_id, found in levels.items()}


def recognised_decisions(units: Iterable[AdminUnit], on: date) -> dict[int, dict[str, object]]:
    """unit id -> the decision of its highest recognition in force on ``on``: ``{"level",
    "decision", "date"}`` (what the public portal shows beside the level by data)."""
    best: dict[int, Recognition] = {}
    rows = Recognition.objects.filter(Q(unit_id__in=[u.pk for u in units]) & in_force(on))
    for rec in rows.order_by("date"):
        held = best.get(rec.unit_id)
        if held is None or TIERS.index(LEVEL_TIERS[rec.level]) >= TIERS.index(
            LEVEL_TIERS[held.level]
        ):
            best[rec.unit_id] = rec
    return {
        pk: {"level": rec.level, "decision": rec.decision, "date": rec.date}
        for pk, rec in best.items()
    }


@dataclass(frozen=True, slots=True)
class RecognisedCounts:
    """Units under a unit recognised on a date, inclusive, and the unit's own recognitions."""

    communes: dict[str, int]  # ntm, advanced, model
    villages: dict[str, int]  # ntm, model
    own: tuple[Recognition, ...]
    communes_by_top: dict[str, int]  # each commune once, at its highest level (as reports write it)
    villages_by_top: dict[str, int]


def _inclusive(
    tops: Iterable[str], ladder: tuple[str, ...]
) -> tuple[dict[str, int], dict[str, int]]:
    counts = dict.fromkeys(ladder, 0)
    by_top = dict.fromkeys(ladder, 0)
    for top in tops:
        by_top[top] = by_top.get(top, 0) + 1
        for tier in ladder:
            if TIERS.index(tier) <= TIERS.index(top):
                counts[tier] += 1
    return counts, by_top


def recognised_counts(unit: AdminUnit, on: date) -> RecognisedCounts:
    """The rural communes (xã) and villages under ``unit`` recognised on ``on``, by level."""
    commune_levels: dict[int, list[str]] = {}
    village_levels: dict[int, list[str]] = {}
    own: list[Recognition] = []
    for rec in recognitions_under(unit, on).order_by("date", "level"):
        if rec.unit_id == unit.pk:
            own.append(rec)
        if rec.unit.level == "commune" and rec.unit.unit_type in RURAL_COMMUNE_TYPES:
            commune_levels.setdefault(rec.unit_id, []).append(rec.level)
        elif rec.unit.level == "village":
            village_levels.setdefault(rec.unit_id, []).append(rec.level)
    communes, communes_top = _inclusive(
        (highest_tier(v) for v in commune_levels.values()), ("ntm", "advanced", "model")
    )
    villages, villages_top = _inclusive(
        (highest_tier(v) for v in village_levels.values()), ("ntm", "model")
    )
    return RecognisedCounts(communes, villages, tuple(own), communes_top, villages_top)


def recognised_tiers_by_code(units: Iterable[AdminUnit], on: date) -> dict[str, str]:
    """unit code -> highest tier recognised on ``on`` (for ``ntm.reportsdata.sections``)."""
    units = list(units)
    tiers = recognised_tiers([u.pk for u in units], on)
    return {u.code: tiers[u.pk] for u in units if u.pk in tiers}


def revoked_communes_by_district(
    districts: Iterable[AdminUnit], on: date
) -> dict[str, tuple[int, int]]:
    """district code -> (rural communes once recognised NTM and no longer on ``on``,
    rural communes):
    the share Decision 18/2022 revokes a district at (30%)."""
    out = {}
    for district in districts:
        communes = AdminUnit.objects.filter(
            subtree_q(district), level="commune", unit_type__in=RURAL_COMMUNE_TYPES
        )
        ever = set(
            Recognition.objects.filter(unit__in=communes, level="ntm", date__lte=on).values_list(
                "unit_id", flat=True
            )
        )
        now = set(
            Recognition.objects.filter(
                Q(unit__in=communes, level="ntm") & in_force(on)
            ).values_list("unit_id", flat=True)
        )
        out[district.code] = (len(ever - now), communes.count())
    return out
