"""The dashboard's figures for one scope unit, set and period, as plain JSON-ready data.

Why apart from the view: the page, its JSON endpoint and the tests read the same numbers, and
they must come from the evaluation service (never recomputed here), one query per set.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any
from urllib.parse import quote

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from ntm.assessments import levels_version
from ntm.assessments.models import StoredResult
from ntm.assessments.standings import Standing, current_standings
from ntm.assessments.stored import stored_results
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.recognition.models import Recognition
from ntm.reports.review import unmet_by_criterion as review_unmet_by_criterion
from ntm.units.models import AdminUnit, UnitBoundary
from ntm.units.selectors import communes_under, subtree_q
from ntm.web import fragments
from ntm.web.names import search_key, unit_label, vietnamese_key
from ntm.web.recognitions import with_recognised_tiers
from ntm.web.templatetags.ntm_web import unit_ref

LEVEL_ORDER = ("model", "advanced", "ntm", "none")
TREND_MAX_PERIODS = 12


def _unit_url_prefix() -> str:
    """``reverse("web:unit")`` up to the code: resolved once per table, not once per row (a
    province's table has hundreds of rows, the country's thousands)."""
    return reverse("web:unit", args=["0"])[:-2]


def _commune_row(standing: Standing, url_prefix: str) -> dict[str, Any]:
    unit, result = standing.unit, standing.result
    return {
        "code": unit.code,
        "name": unit.name,
        "type": unit.unit_type,
        "label": unit_label(unit.unit_type, unit.name),
        "search": search_key(unit.unit_type, unit.name),
        "lat": unit.latitude,
        "lon": unit.longitude,
        "level": standing.level or "none",
        "criteria_met": result.criteria_met,
        "criteria_total": result.criteria_total,
        "indicators_met": result.indicators_met,
        "indicators_total": result.indicators_total,
        "missing": result.indicators_missing,
        "unmet_criteria": list(result.unmet_criteria),
        "unverified": result.rests_on_unverified,
        # A post-2025 unit carries its era (its code may also name a pre-2025 unit); a pre-2025
        # one stays bare, and the link's ?period= decides if its code is shared (no query here).
        "url": f"{url_prefix}{quote(unit.code if unit.era == '2008' else unit_ref(unit))}/",
    }


def with_values(communes: list[AdminUnit], set_code: str, period: Period) -> list[AdminUnit]:
    """The communes reporting against the set at ``period`` (``current_standings``: values no
    older than 12 months), as the review lists them.

    Why: wards and towns (phường, thị trấn) and communes not yet surveyed have no values; they
    are not "unmet", they are not under review, as in the district's own review (seed 002).
    """
    return [s.unit for s in current_standings(communes, set_code, period)]


def commune_rows(
    communes: list[AdminUnit], criteria_set: CriteriaSet, period: Period
) -> list[dict[str, Any]]:
    """One row per commune reporting against the set (the others are left out, as in the
    review): its counts and the level it reached, by name in Vietnamese order (as the table's
    own sort script orders it)."""
    return rows_of(current_standings(communes, criteria_set.code, period))


def rows_of(standings: list[Standing]) -> list[dict[str, Any]]:
    prefix = _unit_url_prefix()
    rows = [_commune_row(s, prefix) for s in standings]
    return sorted(rows, key=lambda r: vietnamese_key(r["name"]))


def current_rows(
    communes: list[AdminUnit], criteria_set: CriteriaSet, period: Period
) -> tuple[list[dict[str, Any]], list[Standing]]:
    """The dashboard's rows and the standings behind them, from one evaluation."""
    standings = current_standings(communes, criteria_set.code, period)
    return rows_of(standings), standings


def district_rows(
    unit: AdminUnit, everyone: list[AdminUnit], rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A province's districts (pre-2025 provinces): communes with data of all, how many reached
    NTM, average criteria met, in Vietnamese order; each commune row gains its ``district``.
    Empty for a post-2025 province, whose communes sit directly under it and are listed as they
    are.

    The counts come from ``rows`` (the evaluation service's results), never recomputed."""
    districts = {d.pk: d for d in unit.children.filter(level="district")}
    if not districts:
        return []
    of_district = {c.code: c.parent_id for c in everyone}
    totals = Counter(c.parent_id for c in everyone)
    grouped: dict[int, list[dict[str, Any]]] = {pk: [] for pk in districts}
    for row in rows:
        grouped.setdefault(of_district.get(row["code"]), []).append(row)
    out = []
    for pk, district in districts.items():
        members = grouped.get(pk, [])
        for row in members:  # the commune table shows (and sorts by) the district
            row["district"] = unit_label(district.unit_type, district.name)
        met = [r["criteria_met"] for r in members]
        out.append(
            {
                "code": district.code,
                "label": unit_label(district.unit_type, district.name),
                "name": district.name,
                "communes": totals.get(pk, 0),
                "with_data": len(members),
                "reached": sum(1 for r in members if r["level"] != "none"),
                "average": round(sum(met) / len(met), 2) if met else None,
            }
        )
    return sorted(out, key=lambda d: vietnamese_key(d["name"]))


def level_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(r["level"] for r in rows)
    return {level: counts.get(level, 0) for level in LEVEL_ORDER}


def criteria_distribution(rows: list[dict[str, Any]], criteria_set: CriteriaSet) -> list[int]:
    """How many communes meet exactly 0, 1, ... N criteria (N: the criteria the law counts)."""
    counts = [0] * (len(criteria_set.counted_criteria) + 1)
    for row in rows:
        counts[min(row["criteria_met"], len(counts) - 1)] += 1
    return counts


def unmet_by_criterion(
    standings: list[Standing], criteria_set: CriteriaSet
) -> list[dict[str, Any]]:
    """For every criterion, the communes that do not meet it (unmet or missing values): the
    review's own table (``ntm.reports.review.unmet_by_criterion``), shaped for the chart."""
    table = {
        u.number: u
        for u in review_unmet_by_criterion(
            [(s.unit.code, s.result) for s in standings],
            {c.number: c.name for c in criteria_set.counted_criteria},
        )
    }
    out = []
    for criterion in criteria_set.counted_criteria:
        item = table.get(criterion.number)
        codes = [*item.unmet, *item.missing] if item else []
        out.append(
            {
                "number": criterion.number,
                "name": criterion.name,
                "count": len(codes),
                "communes": codes,
            }
        )
    return out


def trend(
    communes: list[AdminUnit],
    criteria_set: CriteriaSet,
    periods: list[Period],
    known: dict[Period, list[Standing]] | None = None,
) -> dict[str, list]:
    """Average criteria met and communes meeting the whole set, for each period with data
    (``known``: the stored results the caller already read for some periods)."""
    shown = periods[-TREND_MAX_PERIODS:] if communes else []
    average, meeting = [], []
    known = known or {}
    for period in shown:
        results = (
            [s.result for s in known[period]]
            if period in known
            else [s.result for s in stored_results(communes, criteria_set.code, period).values()]
        )
        total = len(communes) or 1
        average.append(round(sum(r.criteria_met for r in results) / total, 2))
        meeting.append(sum(1 for r in results if r.met))
    return {
        "periods": [str(p) for p in shown],
        "average_criteria_met": average,
        "communes_meeting_set": meeting,
    }


def dashboard_data(
    scope: AdminUnit, criteria_set: CriteriaSet, period: Period, periods: list[Period]
) -> dict[str, Any]:
    """Everything the dashboard draws, JSON-ready (without the recognitions by decision, which
    ``dashboard_json`` adds).

    The figures are cached (``ntm.web.fragments``) under the digest of what they are computed
    from: the scope's communes as stored (names, places, profiles) and their stored results
    for the set at the periods shown; the boundaries are read on each request."""
    data = fragments.cached(
        "dashboard-data",
        lambda: figures_inputs(scope, criteria_set, period, periods),
        lambda: _dashboard_figures(scope, criteria_set, period, _shown(period, periods)),
    )
    geometry = boundaries_under(scope)
    for row in data["communes"]:
        row["geometry"] = geometry.get(row["code"])
    return data


def dashboard_json(
    scope: AdminUnit, criteria_set: CriteriaSet, period: Period, periods: list[Period]
) -> bytes:
    """``dashboard_data`` with each commune's tier recognised by decision, as the JSON bytes
    the endpoint answers: cached whole, under the figures' inputs and the boundaries and
    decisions under the scope as stored."""

    def build() -> bytes:
        data = dashboard_data(scope, criteria_set, period, periods)
        with_recognised_tiers(scope, data["communes"], period)
        return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).encode()

    return fragments.cached(
        "dashboard-json",
        lambda: [
            *figures_inputs(scope, criteria_set, period, periods),
            *boundaries_and_decisions(scope),
        ],
        build,
    )


def boundaries_and_decisions(scope: AdminUnit) -> list[Any]:
    """The boundaries and recognition decisions under the scope as key parts: both tables are
    watched (``levels_version``), so the units version in the key answers for them where their
    triggers are in; else their rows as stored."""
    if levels_version.watching():
        return ["watched"]
    under = subtree_q(scope, "unit__")
    return [
        fragments.content(UnitBoundary.objects.filter(under).order_by("pk"), BOUNDARY_COLUMNS),
        fragments.content(Recognition.objects.filter(under).order_by("pk"), DECISION_COLUMNS),
    ]


def _shown(period: Period, periods: list[Period]) -> list[Period]:
    return [p for p in periods if p <= period] or [period]


def figures_inputs(
    scope: AdminUnit, criteria_set: CriteriaSet, period: Period, periods: list[Period]
) -> list[Any]:
    """What the dashboard's figures are computed from, as stored: the scope's communes (by the
    units version: any change to the units table moves it) and their stored results for the
    set at the periods shown (by id and time, ``fragments.stored_rows``)."""
    shown = _shown(period, periods)
    everyone = communes_under(scope)
    stored = StoredResult.objects.filter(
        set_code=criteria_set.code,
        period__in=sorted({str(p) for p in [period, *shown[-TREND_MAX_PERIODS:]]}),
        unit__in=everyone.values("pk"),
    )
    return [
        scope.pk,
        criteria_set.code,
        set_digest(criteria_set),
        str(period),
        [str(p) for p in shown],
        fragments.units_version(),
        fragments.stored_rows(stored),
    ]


BOUNDARY_COLUMNS = tuple(f.name for f in UnitBoundary._meta.concrete_fields)
DECISION_COLUMNS = tuple(f.name for f in Recognition._meta.concrete_fields)


def boundaries_under(scope: AdminUnit) -> dict[str, Any]:
    """Boundary geometries by code of the scope's communes that have one imported."""
    rows = UnitBoundary.objects.filter(subtree_q(scope, "unit__"), unit__level="commune")
    return dict(rows.values_list("unit__code", "geometry"))


def _dashboard_figures(
    scope: AdminUnit, criteria_set: CriteriaSet, period: Period, shown: list[Period]
) -> dict[str, Any]:
    everyone = list(communes_under(scope))
    rows, standings = current_rows(everyone, criteria_set, period)
    communes = [s.unit for s in standings]
    return {
        "unit": {"code": scope.code, "name": unit_label(scope.unit_type, scope.name)},
        "set": {
            "code": criteria_set.code,
            "name": criteria_set.name,
            "criteria": len(criteria_set.counted_criteria),
            "indicators": criteria_set.encoded_indicators,
            "declared_indicators": criteria_set.declared_indicators,
            "complete": criteria_set.complete,
        },
        "period": str(period),
        "communes_without_values": len(everyone) - len(communes),
        "levels": level_counts(rows),
        "communes": rows,
        "criteria_distribution": criteria_distribution(rows, criteria_set),
        "unmet_by_criterion": unmet_by_criterion(standings, criteria_set),
        "trend": trend(communes, criteria_set, shown, {period: standings}),
    }
