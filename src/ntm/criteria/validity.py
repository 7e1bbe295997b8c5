"""Which periods a criteria set takes values for: from its first year (``periods_from`` in its
file, else the year it came into force) to one year after it ended.

Why per set: a period before 2009 (the programme's start) was the only lower bound, so a 2015
value typed into a 2026-2030 set passed. Each set now names its own first year; a set that the
evaluation applies to earlier years (the 2016-2020 sets stand in for Decision 491/2009, which is
not encoded) says so in its file. Why one year after the end: a commune is assessed in 2026 on
its 2025 results.
"""

from __future__ import annotations

from datetime import date

from ntm.criteria.inputs import Period, PeriodError
from ntm.criteria.model import CriteriaSet

GRACE_YEARS_AFTER = 1
MSG_PERIOD_BEFORE_SET = (
    'Kỳ {period} trước năm đầu tiên của bộ tiêu chí "{set_code}": bộ này nhận số liệu từ năm {year}'
)
MSG_PERIOD_BEFORE_SET_EN = (
    'Period {period} is before the first year of criteria set "{set_code}": it takes values '
    "from {year}"
)
MSG_PERIOD_AFTER_SET = (
    'Kỳ {period} nằm ngoài thời gian áp dụng của bộ tiêu chí "{set_code}" ({start} đến {end})'
)
MSG_PERIOD_AFTER_SET_EN = (
    'Period {period} is outside the validity of criteria set "{set_code}" ({start} to {end})'
)


class PeriodOutsideSet(PeriodError):
    """A well-formed period the set takes no values for; the messages name the set and bound."""

    def __init__(self, text: object, message: str, message_en: str) -> None:
        super().__init__(text)
        self.message, self.message_en = message, message_en
        self.args = (message,)


def first_year(criteria_set: CriteriaSet) -> int | None:
    """The first year the set takes values for (None: no lower bound known)."""
    if criteria_set.periods_from is not None:
        return criteria_set.periods_from
    return _year(criteria_set.valid_from)


def last_year(criteria_set: CriteriaSet) -> int | None:
    """The last year the set takes values for (None: still in force, no end)."""
    end = _year(criteria_set.valid_to)
    return None if end is None else end + GRACE_YEARS_AFTER


def check_period_in_set(criteria_set: CriteriaSet, period: Period) -> None:
    """Raise ``PeriodOutsideSet`` when the set takes no values for ``period``."""
    first, last = first_year(criteria_set), last_year(criteria_set)
    if first is not None and period.year < first:
        raise PeriodOutsideSet(
            period,
            MSG_PERIOD_BEFORE_SET.format(period=period, set_code=criteria_set.code, year=first),
            MSG_PERIOD_BEFORE_SET_EN.format(period=period, set_code=criteria_set.code, year=first),
        )
    if last is not None and period.year > last:
        bounds = {
            "period": period,
            "set_code": criteria_set.code,
            "start": criteria_set.valid_from or "…",
            "end": criteria_set.valid_to,
        }
        raise PeriodOutsideSet(
            period, MSG_PERIOD_AFTER_SET.format(**bounds), MSG_PERIOD_AFTER_SET_EN.format(**bounds)
        )


def _year(text: str) -> int | None:
    try:
        return date.fromisoformat(text).year if text else None
    except ValueError:
        return int(text[:4]) if text[:4].isdigit() else None
