"""The current values of a template's units (``ntm template --prefill``, the web download):
for each set and commune, the latest stored value per indicator at or before the period.

Why in one query per set: a province template covers hundreds of communes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from ntm.assessments.models import IndicatorValue
from ntm.criteria.inputs import Period
from ntm.imports.template import PrefillValue
from ntm.units.models import AdminUnit


def current_values(
    units: Sequence[AdminUnit], set_codes: Iterable[str], period: Period
) -> dict[str, dict[str, dict[str, PrefillValue]]]:
    """``{unit code: {set code: {indicator code: PrefillValue}}}``."""
    by_id = {u.pk: u.code for u in units}
    found: dict[str, dict[str, dict[str, PrefillValue]]] = defaultdict(lambda: defaultdict(dict))
    for set_code in set_codes:
        rows = (
            IndicatorValue.objects.filter(
                unit_id__in=list(by_id), set_code=set_code, period_index__lte=period.index
            )
            .order_by("period_index")
            .values_list("unit_id", "indicator_code", "raw", "value_number", "note", "period")
        )
        for unit_id, code, raw, number, note, stored_period in rows.iterator(chunk_size=5000):
            found[by_id[unit_id]][set_code][code] = PrefillValue(raw, number, note, stored_period)
    return found


def latest_period_with_values(
    units: Sequence[AdminUnit], set_codes: Iterable[str]
) -> Period | None:
    """The newest period any of the units has a value for in the sets (the template's default
    when pre-filling: what the office last reported)."""
    latest = (
        IndicatorValue.objects.filter(
            unit_id__in=[u.pk for u in units], set_code__in=list(set_codes)
        )
        .order_by("-period_index")
        .values_list("period", flat=True)
        .first()
    )
    return Period.parse(latest) if latest else None
