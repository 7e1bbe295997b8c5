"""Reads of funds, outputs, awards and reported figures, summed over a unit's subtree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from ntm.criteria.inputs import Period
from ntm.investment.models import EmulationAward, FundsMobilised, PhysicalOutput, ReportedFigures
from ntm.reports.resources_text import window_bounds
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree, subtree_q


def under(model, unit: AdminUnit) -> QuerySet:
    """The model's rows for ``unit`` and every unit below it."""
    return model.objects.filter(subtree_q(unit, "unit__"))


def funds_by_source(unit: AdminUnit, low: int | None, high: int) -> dict[str, int]:
    """Amounts by source for the periods with ``low < period_index <= high``
    (no low: from the start)."""
    rows = under(FundsMobilised, unit).filter(period_index__lte=high)
    if low is not None:
        rows = rows.filter(period_index__gt=low)
    return {
        src: int(total)
        for src, total in rows.values_list("fund_source").annotate(total=Sum("amount_vnd"))
    }


def planned_total(unit: AdminUnit, high: int) -> int | None:
    total = (
        under(FundsMobilised, unit)
        .filter(period_index__lte=high)
        .aggregate(s=Sum("planned_vnd"))["s"]
    )
    return None if total is None else int(total)


def outputs_by_kind(unit: AdminUnit, low: int | None, high: int) -> dict[str, Decimal]:
    rows = under(PhysicalOutput, unit).filter(period_index__lte=high)
    if low is not None:
        rows = rows.filter(period_index__gt=low)
    return {kind: total for kind, total in rows.values_list("kind").annotate(total=Sum("quantity"))}


@dataclass(frozen=True, slots=True)
class AwardCount:
    kind: str
    recipient_type: str
    count: int


def awards_in_window(unit: AdminUnit, period: Period, since: Period | None) -> list[AwardCount]:
    start, end = window_bounds(period, since)
    rows = under(EmulationAward, unit).filter(awarded_on__lte=end)
    if start is not None:
        rows = rows.filter(awarded_on__gt=start)
    counted = Counter(rows.values_list("kind", "recipient_type"))
    return [AwardCount(kind, rtype, n) for (kind, rtype), n in sorted(counted.items())]


def village_word(unit: AdminUnit) -> str:
    """ "bản" in the mountains, "ấp" in the south: the most common word for the villages
    under ``unit``."""
    kinds = Counter(subtree(unit, "village").values_list("unit_type", flat=True))
    return kinds.most_common(1)[0][0] if kinds else "thôn"


def latest_reported(units: Iterable[AdminUnit], period: Period) -> dict[int, ReportedFigures]:
    """Each unit's latest reported figures at or before ``period``
    (by unit id; units without any are left out)."""
    ids = [u.pk for u in units]
    found: dict[int, ReportedFigures] = {}
    for row in (
        ReportedFigures.objects.filter(unit_id__in=ids, period_index__lte=period.index)
        .select_related("unit")
        .order_by("period_index")
    ):
        found[row.unit_id] = row
    return found
