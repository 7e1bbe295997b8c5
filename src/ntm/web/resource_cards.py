"""The dashboard's resource cards: OCOP products by stars (and the rank among siblings), funds by
source, physical outputs, and OCOP certificates expiring. Figures come from the same section
providers as the summary, so the dashboard and the report never disagree."""

from __future__ import annotations

from datetime import date
from typing import Any

from ntm.criteria.inputs import Period
from ntm.investment.catalogue import output_kinds
from ntm.investment.models import SOURCE_CHOICES
from ntm.investment.summary import funds_section, outputs_section
from ntm.ocop.selectors import expiring_ratings
from ntm.ocop.summary import ocop_section
from ntm.reports.resources_text import quantity_vi, vnd_vi
from ntm.reportsdata.gather import default_since
from ntm.units.models import AdminUnit

EXPIRY_SHOWN = 5


def resource_cards(
    unit: AdminUnit, period: Period, today: date | None = None
) -> dict[str, Any] | None:
    """What the cards show, or None when nothing is recorded under the unit (no empty cards)."""
    since = default_since(period)
    ocop = ocop_section(unit, period, since)
    funds = funds_section(unit, period, since)
    outputs = outputs_section(unit, period, since)
    if ocop is None and funds is None and outputs is None:
        return None
    sources = dict(SOURCE_CHOICES)
    names = {k.code: k for k in output_kinds()}
    expiring = expiring_ratings(unit, today or date.today())
    return {
        "ocop": ocop.to_json() if ocop else None,
        "ocop_rank": ocop.rank if ocop else None,
        "funds_total": vnd_vi(funds.total) if funds else None,
        "funds": [(sources[s], vnd_vi(n, headline=False)) for s, n in funds.by_source.items() if n]
        if funds
        else [],
        "outputs": [
            (names[o["kind"]].name, quantity_vi(o["quantity"]), o["unit"])
            for o in outputs.to_json()
        ]
        if outputs
        else [],
        "expiring": expiring[:EXPIRY_SHOWN],
        "expiring_count": len(expiring),
    }
