"""What a page is about: which criteria set and which period, chosen from the request.

Why a module: every page (dashboard, commune, entry, reports) takes ``?set=`` and ``?period=``
and must fall back the same way (the set that fits the unit's era and level, the latest period
that has data), and must reject junk rather than crash: an unknown set is a 404 (nothing there),
a malformed period a 400 with the one period message (``ntm.criteria.inputs.MSG_BAD_PERIOD``).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import BadRequest
from django.db.models import Max
from django.http import Http404
from django.utils.translation import get_language

from ntm.assessments.evaluation import province_code_of
from ntm.assessments.selectors import values_under
from ntm.criteria.inputs import Period, PeriodError
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import load_registry
from ntm.units.models import AdminUnit

MSG_UNKNOWN_SET = "Không có bộ tiêu chí này."
# The set a unit is judged against by default, by era (three tiers until July 2025, two after).
DEFAULT_COMMUNE_SET = {"2008": "xa-ntm-2021-2025", "2025": "xa-ntm-2026-2030"}


@dataclass(frozen=True, slots=True)
class Selection:
    criteria_set: CriteriaSet
    period: Period

    @property
    def set_code(self) -> str:
        return self.criteria_set.code


def _set_years(criteria_set: CriteriaSet) -> tuple[int, int]:
    start = int(criteria_set.valid_from[:4]) if criteria_set.valid_from[:4].isdigit() else 0
    end = int(criteria_set.valid_to[:4]) if criteria_set.valid_to[:4].isdigit() else 9999
    return start, end


def _fits_era(criteria_set: CriteriaSet, era: str) -> bool:
    start, end = _set_years(criteria_set)
    return end <= 2025 if era == "2008" else start >= 2025 or end > 2025


def sets_for_level(
    level: str, era: str | None = None, province: str | None = None
) -> list[CriteriaSet]:
    """The criteria sets that judge units of ``level`` (and of ``era`` when given; and, with
    ``province``, the national sets and that province's own, not other provinces')."""
    sets = [
        s
        for s in load_registry().sets()
        if s.level == level and (province is None or not s.province or s.province == province)
    ]
    if era:
        fitting = [s for s in sets if _fits_era(s, era)]
        sets = fitting or sets
    return sets


def default_set_code(unit: AdminUnit) -> str:
    """The set a unit is judged against by default: a village set for a village, else the
    commune set of the unit's era (a district's or province's pages are about its communes)."""
    if unit.level == "village":
        # Each province issues its own village set: another province's never judges it.
        village_sets = sets_for_level("village", province=province_code_of(unit))
        if village_sets:
            return village_sets[0].code
    return DEFAULT_COMMUNE_SET.get(unit.era, DEFAULT_COMMUNE_SET["2008"])


def get_set_or_404(code: str) -> CriteriaSet:
    registry = load_registry()
    if code not in registry:
        raise Http404(MSG_UNKNOWN_SET)
    return registry.get(code)


def parse_period_or_400(text: str) -> Period:
    """The period a page was asked for; a malformed one is the user's typo, not a missing
    page: 400 with the message naming it (``ntm.web.views.errors.bad_request`` shows it)."""
    try:
        return Period.read(text)
    except PeriodError as exc:
        raise BadRequest(period_message(exc)) from None


def period_message(exc: PeriodError) -> str:
    """The one period message (``ntm.criteria.inputs.MSG_BAD_PERIOD``) in the page's language."""
    return exc.message_en if (get_language() or "vi").startswith("en") else exc.message


parse_period_or_404 = parse_period_or_400  # the old name, for code written before periods gave 400


def _subtree_values(unit: AdminUnit, set_code: str):
    return values_under(unit, [set_code])


def periods_with_data(unit: AdminUnit, set_code: str) -> list[Period]:
    """Periods for which some unit in ``unit``'s subtree has a value of ``set_code``,
    oldest first."""
    texts = _subtree_values(unit, set_code).values_list("period", flat=True).distinct()
    return sorted({Period.parse(p) for p in texts})


def latest_period(unit: AdminUnit, set_code: str) -> Period | None:
    subtree = _subtree_values(unit, set_code)
    top = subtree.aggregate(top=Max("period_index"))["top"]
    if top is None:
        return None
    period = subtree.filter(period_index=top).values_list("period", flat=True).first()
    return Period.parse(period)


def period_date(params: Mapping[str, str], text: str | None = None) -> date | None:
    """The last day of the period a request names (``text``, else ``?period=``), which decides
    a bare unit code shared by both eras; None when no valid period is named."""
    raw = text or params.get("period")
    if not raw:
        return None
    try:
        period = Period.read(raw)
    except PeriodError:
        return None
    month = period.month or 12
    return date(period.year, month, calendar.monthrange(period.year, month)[1])


def current_period() -> Period:
    from django.utils import timezone

    today = timezone.localdate()
    return Period.of(today.year, today.month)


def select(unit: AdminUnit, params: Mapping[str, str], *, set_code: str | None = None) -> Selection:
    """The set and period a request asks about, defaulting to what fits ``unit``."""
    code = set_code or params.get("set") or default_set_code(unit)
    criteria_set = get_set_or_404(code)
    text = params.get("period")
    if text:
        period = parse_period_or_400(text)
    else:
        period = latest_period(unit, criteria_set.code) or current_period()
    return Selection(criteria_set, period)


def _month(text: str) -> tuple[int, int] | None:
    """``"2022-03-08"`` -> (2022, 3); None when the set does not say."""
    parts = text.split("-")
    if not parts[0].isdigit():
        return None
    return int(parts[0]), int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1


def outside_validity(criteria_set: CriteriaSet, period: Period) -> bool:
    """Whether ``period`` lies wholly outside the months the set is in force.

    Why only a warning: historical values (before 2021) are entered against the 2021-2025
    sets on purpose, but a 2023 value typed into the 2026-2030 set is almost always a slip.
    A year counts as in force if any of its months is.
    """
    first = (period.year, period.month or 1)
    last = (period.year, period.month or 12)
    start, end = _month(criteria_set.valid_from), _month(criteria_set.valid_to)
    return (start is not None and last < start) or (end is not None and first > end)
