"""Which units a report counts at a period, and how it names them: shared by the report
gatherers (``gather``), the sibling rank (``rank``) and the sections (OCOP, investment).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from ntm.criteria.inputs import Period
from ntm.reports.programme_text import period_end
from ntm.reports.review import UnitRef
from ntm.units.models import AdminUnit
from ntm.units.selectors import communes_under

SIBLING_LABELS = {
    "province": "tỉnh, thành phố",
    "district": "huyện, thị xã, thành phố",
    "commune": "xã, phường, thị trấn",
}
SIBLING_LABELS_EN = {"province": "provinces", "district": "districts", "commune": "communes"}
# The programme counts rural communes only: wards and towns (phường, thị trấn) are not measured
# by the commune sets, so "02/11 xã" in seed 004 leaves Quan Sơn's town out.
RURAL_COMMUNE_TYPES = ("xã",)


def unit_ref(unit: AdminUnit) -> UnitRef:
    return UnitRef(unit.code, unit.name, unit.unit_type)


def rural_communes(unit: AdminUnit):
    """The xã under ``unit``: the communes the programme's figures count."""
    return communes_under(unit).filter(unit_type__in=RURAL_COMMUNE_TYPES)


def valid_at(units: QuerySet[AdminUnit], period: Period) -> QuerySet[AdminUnit]:
    """The units whose validity (``valid_from``..``valid_to``, open ends unknown) overlaps the
    period."""
    start, end = date(period.year, period.month or 1, 1), period_end(str(period))
    return units.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
    )
