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
