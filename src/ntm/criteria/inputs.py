"""What the engine is given: a unit's profile, its observed values, and the period asked about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_PERIOD_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?\s*$")
# The one message for a period that is not one (CLI, web, API and imports all say this).
MSG_BAD_PERIOD = (
    'Kỳ báo cáo "{period}" không hợp lệ (dùng YYYY hoặc YYYY-MM, ví dụ 2023 hoặc 2023-05)'
)
MSG_BAD_PERIOD_EN = 'Invalid period "{period}": use YYYY or YYYY-MM, e.g. 2023 or 2023-05.'
# Periods a person may type: the programme's records start in 2010; wider, to be safe.
FIRST_YEAR, LAST_YEAR = 1900, 2100


class PeriodError(ValueError):
    """Not a period: ``message`` (Vietnamese) and ``message_en`` say why, naming the text."""

    def __init__(self, text: object) -> None:
        self.message = MSG_BAD_PERIOD.format(period=text)
        self.message_en = MSG_BAD_PERIOD_EN.format(period=text)
        super().__init__(self.message)


class _NotApplicable:
    """Sentinel for a value entered as "không áp dụng": kept apart from missing and unmet."""

    _instance = None

    def __new__(cls) -> _NotApplicable:  # noqa: D102
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_APPLICABLE"

    def __reduce__(self) -> tuple[type[_NotApplicable], tuple[()]]:
        return (_NotApplicable, ())


NOT_APPLICABLE = _NotApplicable()


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A reporting period: a year (``2023``) or a month (``2023-05``).

    ``index`` orders periods on one month scale; a year sorts as its December, so a yearly
    value counts as known at the end of that year.
    """

    index: int
    year: int = field(compare=False)
    month: int | None = field(compare=False, default=None)

    @classmethod
    def of(cls, year: int, month: int | None = None) -> Period:
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range: {month}")
        return cls(year * 12 + (month or 12) - 1, year, month)

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """A period from ``YYYY`` or ``YYYY-MM`` (a ``Period`` passes through); ``PeriodError``."""
        if isinstance(text, Period):
            return text
        m = _PERIOD_RE.match(str(text))
        if not m:
            raise PeriodError(text)
        try:
            return cls.of(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
        except ValueError:
            raise PeriodError(text) from None

    @classmethod
    def read(cls, text: str | Period) -> Period:
        """A period a person typed (CLI, web, API, a file), read once at that edge: ``parse``
        plus a plausible year (``FIRST_YEAR``..``LAST_YEAR``); ``PeriodError`` otherwise."""
        period = cls.parse(text)
        if not FIRST_YEAR <= period.year <= LAST_YEAR:
            raise PeriodError(text)
        return period

    def months_since(self, other: Period) -> int:
        return self.index - other.index

    def __str__(self) -> str:
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Observation:
    period: Period
    value: Any


class InPeriodOrder(dict[str, list[Observation]]):
    """A unit's observations by indicator code, each list oldest first (ascending
    ``Period.index``; equal indexes in any order), as ``ntm.assessments.selectors`` reads them.

    Why a type of its own: the engine then takes an indicator's latest value from the end of its
    list instead of scanning every observation (a country's evaluation reads one value per
    indicator, not its whole history). Any other mapping is scanned: correct in any order, only
    slower. Whoever builds or changes one keeps its lists in that order.
    """

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class UnitProfile:
    """The facts about a unit that choose thresholds (design.md §3).

    ``region``: Decision 318 region code (2021-2025). ``group``: Decision 51/2025 commune group
    ("1", "2", "3"). The three flags send a commune to the northern-mountain (TDMNPB) thresholds
    wherever it is. ``flags`` holds anything an indicator's ``applies_if`` may test.
    """

    code: str
    name: str = ""
    level: str = "commune"
    region: str | None = None
    group: str | None = None
    province: str | None = None
    extremely_difficult: bool = False
    safety_zone: bool = False
    poverty_exit_district: bool = False
    poor_district: bool = False
    flags: frozenset[str] = frozenset()
    dimensions: tuple[tuple[str, str], ...] = ()  # a province's own dimensions: (("zone", "1"),)
