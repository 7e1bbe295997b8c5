"""What pages show of recognition decisions, next to (never mixed with) the levels by data."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ntm.criteria.inputs import Period
from ntm.recognition.models import Recognition
from ntm.recognition.selectors import highest_tier, in_force, recognised_counts
from ntm.reports.programme_text import period_end
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q


def unit_recognitions(unit: AdminUnit, period: Period) -> dict[str, Any]:
    """The unit's timeline of decisions and the tier recognised at the period's end.

    ``recognitions_shown``: decisions are recorded, so the page's note names both answers
    instead of "levels come from data, not decisions" (which stays where none are recorded)."""
    on = period_end(str(period))
    timeline = list(Recognition.objects.filter(unit=unit).order_by("date", "level"))
    return {
        "recognitions": timeline,
        "recognised_on": on,
        "recognised_tier": highest_tier(r.level for r in timeline if r.in_force_on(on)),
        "recognitions_shown": bool(timeline),
    }


def recognised_communes(unit: AdminUnit, period: Period) -> dict[str, Any]:
    """Communes (xã) under ``unit`` recognised NTM by decision at the period's end (inclusive)."""
    counts = recognised_counts(unit, period_end(str(period)))
    recorded = Recognition.objects.filter(subtree_q(unit, "unit__")).exists()
    return {"recognised_ntm_by_decision": counts.communes["ntm"], "recognitions_shown": recorded}


def with_recognised_tiers(scope: AdminUnit, rows: list[dict[str, Any]], period: Period) -> None:
    """Give each map row its ``recognised`` tier by decision at the period's end (None: not
    recognised), a key of its own beside ``level`` (by data), so the map can be coloured by
    either and the two are never mixed."""
    found: dict[str, list[str]] = {}
    decisions = Recognition.objects.filter(
        subtree_q(scope, "unit__") & Q(unit__level="commune") & in_force(period_end(str(period)))
    )
    for code, level in decisions.values_list("unit__code", "level"):
        found.setdefault(code, []).append(level)
    tiers = {code: highest_tier(levels) for code, levels in found.items()}
    for row in rows:
        row["recognised"] = tiers.get(row["code"])
