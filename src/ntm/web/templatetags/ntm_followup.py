"""Filters for the follow-up pages (gaps, what-if, tasks)."""

from __future__ import annotations

from typing import Any

from django import template

from ntm.web.templatetags.ntm_web import num

register = template.Library()


@register.filter
def percent_of(ratio: Any) -> str:
    """0.2 -> "20%": a relative distance as people read it."""
    if ratio is None or ratio == "":
        return ""
    return f"{num(100 * float(ratio), 1)}%"


@register.simple_tag
def monthly_reminder(unit: Any) -> dict | None:
    """This month's progress report of a commune when it is still to be filed (due or missing)."""
    from ntm.planning.monthly import own_status

    found = own_status(unit)
    if found is None or found[0] not in ("due", "missing"):
        return None
    status, period, due = found
    return {"status": status, "period": str(period), "due": due}


@register.simple_tag
def targets_of(unit: Any, period: Any) -> list:
    """The unit's own targets with their progress at ``period`` (the dashboard's at-risk flags)."""
    from ntm.criteria.registry import load_registry
    from ntm.planning.models import Target
    from ntm.planning.targets import progress_of

    registry = load_registry()
    return [
        progress_of(t, period, registry)
        for t in Target.objects.filter(unit=unit).select_related("unit")
    ]
