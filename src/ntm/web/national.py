"""The national view: every province with its communes' figures, for one set and period.

Why apart from the views: the page, its JSON (the map) and the tests read the same numbers, and
they come from the evaluation service's standings (``current_standings``), one call for the
whole country, grouped here by province, never recomputed. Since 1 July 2025 the country has
34 provinces with their communes directly under them; the view lists the provinces of one era
(the post-2025 ones by default), those valid at the period.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils.http import urlencode

from ntm.assessments.models import IndicatorValue
from ntm.assessments.standings import Standing, current_standings
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.reportsdata.gather import valid_at
from ntm.units.models import AdminUnit
from ntm.web import scope
from ntm.web.names import unit_label, vietnamese_key
from ntm.web.overview import LEVEL_ORDER

ERAS = ("2025", "2008")
DEFAULT_ERA = "2025"


@dataclass(frozen=True, slots=True)
class NationalSelection:
    era: str
    criteria_set: CriteriaSet
    period: Period

    @property
    def set_code(self) -> str:
        return self.criteria_set.code


def _latest_period(set_code: str) -> Period | None:
    values = IndicatorValue.objects.filter(set_code=set_code)
    top = values.aggregate(top=Max("period_index"))["top"]
    if top is None:
        return None
    text = values.filter(period_index=top).values_list("period", flat=True).first()
    return Period.parse(text) if text else None


def select(params: Mapping[str, str]) -> NationalSelection:
    """Era, set and period a request asks about: the post-2025 provinces and Decision 51's set
    by default, at the latest period with data for the set anywhere in the country."""
    era = params.get("era") if params.get("era") in ERAS else DEFAULT_ERA
    code = params.get("set") or scope.DEFAULT_COMMUNE_SET[era]
    criteria_set = scope.get_set_or_404(code)
    text = params.get("period")
    if text:
        period = scope.parse_period_or_400(text)
    else:
        period = _latest_period(criteria_set.code) or scope.current_period()
    return NationalSelection(era, criteria_set, period)


def provinces_of(era: str, period: Period) -> list[AdminUnit]:
    """The provinces of ``era`` in force at ``period``, in Vietnamese order."""
    units = valid_at(AdminUnit.objects.filter(level="province", era=era), period)
    return sorted(units, key=lambda u: vietnamese_key(u.name))


def communes_of(era: str, period: Period) -> list[AdminUnit]:
    """Every commune (xã, phường, đặc khu…) of ``era`` in force at ``period``."""
    return list(valid_at(AdminUnit.objects.filter(level="commune", era=era), period))


def root_id(unit: AdminUnit) -> int:
    """The id of the province above ``unit`` (the first id of its path), without a query."""
    head = (unit.path or "").strip("/").split("/")[0]
    return int(head) if head.isdigit() else unit.pk


def dashboard_url(province: AdminUnit, selection: NationalSelection) -> str:
    """The province's own dashboard (the drill-down), for the same set and period."""
    ref = province.code if province.era == "2008" else f"{province.code}@{province.era}"
    query = {"unit": ref, "set": selection.set_code, "period": str(selection.period)}
    return f"{reverse('web:dashboard')}?{urlencode(query)}"


def _centre(province: AdminUnit, communes: list[AdminUnit]) -> tuple[float | None, float | None]:
    """Where the province's mark goes: its own coordinates, else the mean of its communes'."""
    if province.latitude is not None and province.longitude is not None:
        return province.latitude, province.longitude
    placed = [c for c in communes if c.latitude is not None and c.longitude is not None]
    if not placed:
        return None, None
    lat = sum(c.latitude for c in placed) / len(placed)  # type: ignore[misc]
    lon = sum(c.longitude for c in placed) / len(placed)  # type: ignore[misc]
    return round(lat, 5), round(lon, 5)


def province_rows(
    provinces: Iterable[AdminUnit],
    communes: list[AdminUnit],
    standings: list[Standing],
    selection: NationalSelection,
) -> list[dict[str, Any]]:
    """One row per province: its communes, those with current values for the set, how many
    reached each level by data, the average criteria met, and the link to its dashboard."""
    by_province: dict[int, list[AdminUnit]] = defaultdict(list)
    for commune in communes:
        by_province[root_id(commune)].append(commune)
    results: dict[int, list[Standing]] = defaultdict(list)
    for standing in standings:
        results[root_id(standing.unit)].append(standing)
    rows = []
    for province in provinces:
        mine = results.get(province.pk, [])
        levels = Counter(s.level or "none" for s in mine)
        met = [s.result.criteria_met for s in mine]
        reached = sum(1 for s in mine if s.level)
        lat, lon = _centre(province, by_province.get(province.pk, []))
        rows.append(
            {
                "code": province.code,
                "name": province.name,
                "label": unit_label(province.unit_type, province.name),
                "communes": len(by_province.get(province.pk, [])),
                "with_data": len(mine),
                "reached": reached,
                "reached_share": round(100 * reached / len(mine), 1) if mine else None,
                "levels": {level: levels.get(level, 0) for level in LEVEL_ORDER},
                "average": round(sum(met) / len(met), 2) if met else None,
                "unverified": sum(1 for s in mine if s.result.rests_on_unverified),
                "lat": lat,
                "lon": lon,
                "url": dashboard_url(province, selection),
            }
        )
    return rows


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The country's figures: the sum of the provinces' rows."""
    with_data = sum(r["with_data"] for r in rows)
    reached = sum(r["reached"] for r in rows)
    return {
        "provinces": len(rows),
        "communes": sum(r["communes"] for r in rows),
        "with_data": with_data,
        "reached": reached,
        "levels": {level: sum(r["levels"][level] for r in rows) for level in LEVEL_ORDER},
    }


def national_data(selection: NationalSelection) -> dict[str, Any]:
    """Everything the national page and its map show, JSON-ready."""
    provinces = provinces_of(selection.era, selection.period)
    communes = communes_of(selection.era, selection.period)
    standings = current_standings(communes, selection.set_code, selection.period)
    rows = province_rows(provinces, communes, standings, selection)
    criteria_set = selection.criteria_set
    return {
        "era": selection.era,
        "set": {
            "code": criteria_set.code,
            "name": criteria_set.name,
            "criteria": len(criteria_set.counted_criteria),
            "unverified": sum(1 for i in criteria_set.indicators if not i.verified),
        },
        "period": str(selection.period),
        "level_basis": "data",
        "totals": totals(rows),
        "provinces": rows,
    }
