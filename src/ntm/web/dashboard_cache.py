"""The dashboard page's figures and tables, cached (``ntm.web.fragments``).

Why: a district's or province's dashboard drew its commune table (a row per commune, each a
dozen template lookups) and asked the recognitions and the resource tables again on every
visit: about four minimal pages. Kept here:

- the counts and the district and commune tables, under the scope's units (the units version:
  every change to the units table moves it), their stored results for the set at the period
  (by id and time: ``fragments.stored_rows``), the set's rules, the period and the language;
  read again after drawing, so a drawing that computed missing stored results is not kept;
- the communes recognised by decision, under the units version (the recognitions are a watched
  table: ``levels_version.watch``);
- "no resource recorded" (no OCOP product, fund or output under the unit), under the same
  version; cards with figures are drawn on each visit (their expiry warnings depend on the day).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from ntm.assessments import levels_version
from ntm.assessments.models import StoredResult
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.units.models import AdminUnit
from ntm.units.selectors import communes_under
from ntm.web import fragments, overview
from ntm.web.recognitions import recognised_communes
from ntm.web.resource_cards import resource_cards
from ntm.web.scope import Selection


def tables(unit: AdminUnit, selection: Selection) -> dict[str, Any]:
    """The level counts and the tables' HTML (``web/partials/dashboard_tables.html``)."""
    criteria_set, period = selection.criteria_set, selection.period

    def inputs() -> list[Any]:
        stored = StoredResult.objects.filter(
            set_code=criteria_set.code,
            period=str(period),
            unit__in=communes_under(unit).values("pk"),
        )
        return [
            unit.pk,
            criteria_set.code,
            set_digest(criteria_set),
            str(period),
            fragments.units_version(),
            fragments.stored_rows(stored),
        ]

    def draw() -> dict[str, Any]:
        everyone = list(communes_under(unit))
        rows, _standings = overview.current_rows(everyone, criteria_set, period)
        districts = overview.district_rows(unit, everyone, rows) if unit.level == "province" else []
        without_values = len(everyone) - len(rows)
        html = render_to_string(
            "web/partials/dashboard_tables.html",
            {
                "selection": selection,
                "rows": rows,
                "districts": districts,
                "without_values": without_values,
                "unverified": sum(1 for i in criteria_set.indicators if not i.verified),
            },
        )
        return {
            "with_data": len(rows),
            "everyone": len(everyone),
            "without_values": without_values,
            "levels": overview.level_counts(rows),
            "reached_ntm": sum(1 for r in rows if r["level"] != "none"),
            "tables": html,
        }

    return fragments.cached("dashboard-tables", inputs, draw)


def recognised(unit: AdminUnit, period: Period) -> dict[str, Any]:
    """``recognitions.recognised_communes``, kept under the units version."""
    if not levels_version.watching():
        return recognised_communes(unit, period)
    return fragments.cached(
        "dashboard-recognised",
        [unit.pk, str(period), fragments.units_version()],
        lambda: recognised_communes(unit, period),
    )


def resources(unit: AdminUnit, period: Period) -> dict[str, Any] | None:
    """``resource_cards``; "none recorded" kept under the units version."""
    if not levels_version.watching():
        return resource_cards(unit, period)
    return fragments.cached(
        "dashboard-resources",
        [unit.pk, str(period), fragments.units_version()],
        lambda: (resource_cards(unit, period),),  # a tuple: None is kept too
        keep=lambda drawn: drawn[0] is None,
    )[0]
