"""Reported figures as the rank's ``ReportedShare``
(registered with ``ntm.reportsdata.reported``)."""

from __future__ import annotations

from collections.abc import Sequence

from ntm.criteria.inputs import Period
from ntm.investment.models import ReportedFigures
from ntm.investment.selectors import latest_reported
from ntm.reportsdata.reported import ReportedShare
from ntm.textnorm import format_date_vi
from ntm.units.models import AdminUnit

DEMO_LABEL = "số liệu mẫu, không chính thức"


def source_label(row: ReportedFigures) -> str:
    """ "Báo cáo của UBND huyện, 31/3/2023 (số liệu mẫu, không chính thức)" """
    parts = [row.reported_by]
    if row.reported_on:
        parts.append(format_date_vi(row.reported_on))
    label = ", ".join(p for p in parts if p) or f"kỳ {row.period}"
    return f"{label} ({DEMO_LABEL})" if row.demo else label


def reported_shares(units: Sequence[AdminUnit], period: Period) -> dict[int, ReportedShare]:
    return {
        pk: ReportedShare(row.communes, row.communes_ntm, source_label(row), row.ocop_products)
        for pk, row in latest_reported(units, period).items()
    }
