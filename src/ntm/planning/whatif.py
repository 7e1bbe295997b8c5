"""What-if: "if these indicators reach these values", the commune's new result and its
district's figures, with nothing saved (issue 10, item 3).

Why values are written and rolled back rather than evaluated on the side: the commune's
ladder, the district's counts and averages and the district set's conditions (which read the
communes' outcomes) all come from the one evaluation service. Putting the values in a
savepoint and rolling it back gives exactly the figures the saved values would give, with no
second evaluation rule. The rows are written without signals (no history, no task closing),
and the savepoint is always rolled back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ntm.assessments.catalog import UnknownIndicator, check_set_level, enterable_indicator, get_set
from ntm.assessments.evaluation import evaluate_unit, ladder_sets, level_for
from ntm.assessments.hooks import values_changed
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError, parse_value, to_stored
from ntm.criteria.inputs import Period
from ntm.criteria.registry import Registry, load_registry
from ntm.criteria.results import UnitResult
from ntm.reports.gaps import CommuneGap, commune_gap
from ntm.reportsdata.gather import figures_for
from ntm.units.models import AdminUnit

MSG_NO_CHANGES = "Chưa nhập giá trị giả định nào"
MSG_NO_CHANGES_EN = "No assumed value given"


class WhatIfError(ValueError):
    """Bad assumed values: ``errors`` maps an indicator code (or "") to a Vietnamese reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" if k else v for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Standing:
    """One side of the comparison: the commune's result and level, the district's figures."""

    result: UnitResult
    level: str | None
    gap: CommuneGap
    district_figures: dict[str, Any] | None
    district_sets: dict[str, UnitResult]


@dataclass(frozen=True, slots=True)
class WhatIf:
    commune: AdminUnit
    set_code: str
    period: Period
    changes: dict[str, str]
    before: Standing
    after: Standing


def _parsed(set_code: str, changes: Mapping[str, str], registry: Registry) -> dict[str, Any]:
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    for code, raw in changes.items():
        try:
            parsed[code] = parse_value(enterable_indicator(set_code, code, registry), raw)
        except (UnknownIndicator, ValueParseError) as exc:
            errors[code] = exc.message
    if not parsed and not errors:
        errors[""] = MSG_NO_CHANGES
    if errors:
        raise WhatIfError(errors)
    return parsed


def _standing(commune: AdminUnit, set_code: str, period: Period, registry: Registry) -> Standing:
    result = evaluate_unit(commune, set_code, period, registry)
    district = commune.parent
    figures = None
    district_sets: dict[str, UnitResult] = {}
    if district is not None and district.level == "district":
        figures = figures_for(district, period, registry).to_json()
        for code in ladder_sets("district", period, registry):
            district_sets[code] = evaluate_unit(district, code, period, registry)
    return Standing(
        result,
        level_for(commune, period, registry),
        commune_gap(commune.code, commune.name, result),
        figures,
        district_sets,
    )


def _put(
    commune: AdminUnit,
    set_code: str,
    period: Period,
    parsed: Mapping[str, Any],
    changes: Mapping[str, str],
) -> None:
    for code, value in parsed.items():
        stored = to_stored(value)
        columns = {
            "raw": str(changes[code])[:255],
            "value_number": stored.value_number,
            "value_bool": stored.value_bool,
            "value_text": stored.value_text,
            "not_applicable": stored.not_applicable,
        }
        key = {"unit": commune, "set_code": set_code, "indicator_code": code, "period": str(period)}
        if not IndicatorValue.objects.filter(**key).update(**columns):
            IndicatorValue.objects.bulk_create(
                [IndicatorValue(**key, **columns, period_index=period.index)]
            )


class _Rollback(Exception):
    pass


def what_if(
    commune: AdminUnit,
    set_code: str,
    period: str | Period,
    changes: Mapping[str, str],
    registry: Registry | None = None,
) -> WhatIf:
    """The commune and its district now, and as they would be with ``changes`` ({code: raw});
    raises ``WhatIfError`` for an unknown indicator or a value that does not fit its kind."""
    registry = registry or load_registry()
    period = Period.parse(period)
    check_set_level(get_set(set_code, registry), commune)
    parsed = _parsed(set_code, changes, registry)
    before = _standing(commune, set_code, period, registry)
    after = None
    try:
        with transaction.atomic():
            _put(commune, set_code, period, parsed, changes)
            # The stored results follow the trial values too (rolled back with them).
            values_changed([(commune.pk, set_code, period)])
            after = _standing(commune, set_code, period, registry)
            raise _Rollback
    except _Rollback:
        pass
    return WhatIf(commune, set_code, period, dict(changes), before, after)
