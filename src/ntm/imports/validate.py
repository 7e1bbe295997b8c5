"""Checking rows read from a file: every problem of every row, before anything is written.

Lookups are cached (a national file repeats the same few units, periods, sets and raw values
thousands of times), so checking 750,000 rows is mostly dictionary hits.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from datetime import date
from functools import partial
from typing import Any, NamedTuple, Protocol

from ntm.assessments.catalog import (
    MSG_COMPUTED_INDICATOR,
    MSG_UNKNOWN_INDICATOR,
    MSG_UNKNOWN_SET,
    indicators_by_code,
)
from ntm.assessments.parsing import (
    MSG_NOTE_TOO_LONG,
    NOTE_MAX_LENGTH,
    ValueParseError,
    parse_value,
    raw_text,
    to_stored,
)
from ntm.assessments.services import parse_period
from ntm.assessments.writes import ValueRow
from ntm.criteria.inputs import Period
from ntm.criteria.model import Indicator
from ntm.criteria.registry import Registry
from ntm.criteria.validity import PeriodOutsideSet, check_period_in_set
from ntm.imports.csv_source import CSV_COLUMNS as _CSV_COLUMNS
from ntm.imports.rows import RowError, SourceRow
from ntm.units.models import LEVEL_CHOICES

LEVEL_NAMES = dict(LEVEL_CHOICES)

MSG_MISSING_UNIT = "Thiếu đơn vị (mã hoặc tên Tỉnh/Huyện/Xã)"
MSG_MISSING_PERIOD = "Thiếu kỳ báo cáo (YYYY hoặc YYYY-MM)"
MSG_MISSING_SET = "Thiếu mã bộ tiêu chí"
MSG_MISSING_INDICATOR = "Thiếu mã chỉ tiêu"
MSG_DUPLICATE_ROW = "Trùng với dòng {first}: cùng đơn vị, kỳ, bộ tiêu chí và chỉ tiêu"
MSG_DUPLICATE_CELL = "Trùng với {where}: cùng đơn vị, kỳ, bộ tiêu chí và chỉ tiêu"
MSG_WHERE_SHEET = "trang {sheet}, dòng {row}, cột {column}"
MSG_WHERE_COLUMN = "dòng {row}, cột {column}"
MSG_PERIOD_DIGITS = 'Kỳ báo cáo "{period}" phải viết bằng chữ số 0-9 (YYYY hoặc YYYY-MM)'
MSG_UNIT_NOT_YET = "Đơn vị {label} chỉ có từ ngày {start:%d/%m/%Y}, sau kỳ {period}"
MSG_UNIT_CEASED = "Đơn vị {label} đã thôi tồn tại từ sau ngày {end:%d/%m/%Y}, trước kỳ {period}"
MSG_WRONG_LEVEL = 'Bộ tiêu chí "{set_code}" dành cho cấp {wanted}, đơn vị này thuộc cấp {found}'
# Distinct raw values remembered; a national file of random numbers would otherwise keep them all.
VALUE_CACHE_LIMIT = 100_000


class UnitResolver(Protocol):
    """Finds a unit id for what a file wrote in its unit column."""

    def resolve(self, ref: str, period: Period) -> tuple[int | None, str]:
        """(unit id, "") when found; (None, a Vietnamese reason) otherwise."""

    def level(self, unit_id: int) -> str:
        """The level ("commune", "district", ...) of a unit ``resolve`` returned: a value for a
        set of another level (a commune set on a district) is an error of its row."""


@dataclass(slots=True)
class Checked:
    """The outcome of checking: good rows (the writer's own ``ValueRow``: what is checked is
    what is written, one type), problems, and how many rows had no value."""

    rows: list[ValueRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    empty: int = 0
    read: int = 0


class _Problem(NamedTuple):
    """A cached verdict that a field is bad: which column and why."""

    field: str
    reason: str


# Built without NamedTuple.__new__'s argument handling: one call per row of a national file.
_new_value_row = partial(tuple.__new__, ValueRow)


class RowChecker:
    """Checks ``SourceRow``s against the registry and the units.

    Each lookup's verdict (good value or ``_Problem``) is cached by the text that produced it:
    the indicator by (set, code), the unit and period by (unit, period, set), the parsed value
    by (kind, cell). The usual row costs three dictionary hits and the duplicate check.
    """

    def __init__(self, registry: Registry, units: UnitResolver) -> None:
        self.registry = registry
        self.units = units
        self._indicators: dict[tuple[str, str], Indicator | _Problem] = {}
        self._places: dict[tuple[str, str, str], tuple] = {}
        self._periods: dict[str, tuple[int, str] | _Problem] = {}
        self._unit_refs: dict[tuple[str, int], int | _Problem] = {}
        # raw text and the stored columns (StoredValue as a tuple, None when empty)
        self._values: dict[tuple[str, type, Any], tuple[str, tuple | None] | _Problem] = {}
        self._seen: dict[tuple[int, str, str, str], tuple[str, int, str]] = {}

    def check_all(self, rows: Iterable[SourceRow], into: Checked | None = None) -> Checked:
        checked = into or Checked()
        for row in rows:
            checked.read += 1
            self._check(row, checked)
        return checked

    def _check(self, row: SourceRow, out: Checked) -> None:
        number, unit_ref, period_ref, set_code, indicator_ref, cell, note, columns, sheet = row
        indicator = self._indicators.get((set_code, indicator_ref))
        if indicator is None:
            indicator = self._indicators[(set_code, indicator_ref)] = self._find_indicator(row)
        place = self._places.get((unit_ref, period_ref, set_code))
        if place is None:
            place = self._places[(unit_ref, period_ref, set_code)] = self._place(
                unit_ref, period_ref, set_code
            )
        period, unit_id = place
        value = None
        if type(indicator) is not _Problem:
            # The type is part of the key: True == 1.0 in a dict, yet a cell holding True is
            # not a number.
            value = self._values.get((indicator.kind, type(cell), cell))
            if value is None:
                value = self._parse_value(indicator, cell)
        if note is not None:
            note = note.strip()
        if (
            type(indicator) is _Problem
            or type(period) is _Problem
            or type(unit_id) is _Problem
            or type(value) is _Problem
            or (note is not None and len(note) > NOTE_MAX_LENGTH)
        ):
            self._report(row, (indicator, period, unit_id, value), note, out.errors)
            return
        raw, stored = value
        if stored is None:
            out.empty += 1
            return
        period_index, period_text = period
        key = (unit_id, set_code, indicator.code, period_text)
        # Where the value was: its row number alone in a CSV (the usual case: a smaller key
        # kept per value), else (sheet, row, column).
        here = (
            number
            if not sheet and columns is _CSV_COLUMNS
            else (sheet, number, columns.get("value", "value"))
        )
        first = self._seen.setdefault(key, here)
        if first is not here and first != here:
            # Two sheets, or two columns of one row, for the same value: the later one would
            # silently win (or fail as a "concurrent write"), so both places are named.
            out.errors.append(_error(row, "unit", _duplicate_message(first, here)))
            return
        out.rows.append(
            _new_value_row(
                (unit_id, set_code, indicator.code, period_text, period_index, raw, *stored, note)
            )
        )

    def _place(self, unit_ref: str, period_ref: str, set_code: str) -> tuple:
        """(period index and text, or a problem; unit id, or a problem) for a row's unit and
        period."""
        period = self._periods.get(period_ref)
        if period is None:
            period = self._periods[period_ref] = self._parse_period(period_ref)
        if type(period) is _Problem:
            return period, None
        if set_code in self.registry:
            outside = self._outside_set(period_ref, set_code)
            if outside is not None:
                return outside, None
        unit_id = self._unit_refs.get((unit_ref, period[0]))
        if unit_id is None:
            unit_id = self._unit_refs[(unit_ref, period[0])] = self._resolve_unit(
                unit_ref, Period.parse(period_ref)
            )
        if type(unit_id) is int and set_code in self.registry:
            fit = self._level_fit(unit_id, set_code)
            if fit is not True:
                return period, fit
        return period, unit_id

    def _outside_set(self, period_ref: str, set_code: str) -> _Problem | None:
        """A problem when the set takes no values for the period: before its first year or
        after its end with the grace year (``ntm.criteria.validity``, the writers' one rule)."""
        try:
            check_period_in_set(self.registry.get(set_code), Period.parse(period_ref))
        except PeriodOutsideSet as exc:
            return _Problem("period", exc.message)
        return None

    @staticmethod
    def _report(row: SourceRow, verdicts: tuple, note: str | None, errors: list[RowError]) -> None:
        errors.extend(_error(row, v.field, v.reason) for v in verdicts if type(v) is _Problem)
        if note is not None and len(note) > NOTE_MAX_LENGTH:
            errors.append(_error(row, "note", MSG_NOTE_TOO_LONG.format(limit=NOTE_MAX_LENGTH)))

    def _find_indicator(self, row: SourceRow) -> Indicator | _Problem:
        if not row.set_code:
            return _Problem("set", MSG_MISSING_SET)
        if row.set_code not in self.registry:
            return _Problem("set", MSG_UNKNOWN_SET.format(code=row.set_code))
        if not row.indicator:
            return _Problem("indicator", MSG_MISSING_INDICATOR)
        indicator = indicators_by_code(row.set_code, self.registry).get(row.indicator)
        if indicator is None:
            return _Problem(
                "indicator", MSG_UNKNOWN_INDICATOR.format(set_code=row.set_code, code=row.indicator)
            )
        if indicator.aggregate is not None:
            return _Problem("indicator", MSG_COMPUTED_INDICATOR.format(code=row.indicator))
        return indicator

    def _level_fit(self, unit_id: int, set_code: str) -> bool | _Problem:
        wanted, found = self.registry.get(set_code).level, self.units.level(unit_id)
        if wanted == found:
            return True
        return _Problem(
            "unit",
            MSG_WRONG_LEVEL.format(
                set_code=set_code,
                wanted=LEVEL_NAMES.get(wanted, wanted),
                found=LEVEL_NAMES.get(found, found),
            ),
        )

    @staticmethod
    def _parse_period(text: str) -> tuple[int, str] | _Problem:
        if not text:
            return _Problem("period", MSG_MISSING_PERIOD)
        if not text.isascii():
            return _Problem("period", MSG_PERIOD_DIGITS.format(period=text))
        try:
            period = parse_period(text)
        except ValueParseError as exc:
            return _Problem("period", exc.message)
        return period.index, str(period)

    def _resolve_unit(self, ref: str, period: Period) -> int | _Problem:
        if not ref:
            return _Problem("unit", MSG_MISSING_UNIT)
        unit_id, reason = self.units.resolve(ref, period)
        if unit_id is None:
            return _Problem("unit", reason)
        return self._unit_lifetime(unit_id, period) or unit_id

    def _unit_lifetime(self, unit_id: int, period: Period) -> _Problem | None:
        """A problem when the unit did not exist during the period (created later, or ceased
        before it: a merged commune's values belong to its successor)."""
        index = getattr(self.units, "index", None)
        record = index.by_id.get(unit_id) if index is not None else None
        if record is None:
            return None
        first, last = period_bounds(period)
        label = index.label(record)
        if record.valid_from and last < record.valid_from:
            return _Problem(
                "unit", MSG_UNIT_NOT_YET.format(label=label, start=record.valid_from, period=period)
            )
        if record.valid_to and first > record.valid_to:
            return _Problem(
                "unit", MSG_UNIT_CEASED.format(label=label, end=record.valid_to, period=period)
            )
        return None

    def _parse_value(self, indicator: Indicator, value: Any) -> tuple[str, tuple | None] | _Problem:
        try:
            parsed = parse_value(indicator, value)
            raw = value.strip() if isinstance(value, str) else raw_text(value)
            verdict = (raw, None if parsed is None else astuple(to_stored(parsed)))
        except ValueParseError as exc:
            verdict = _Problem("value", exc.message)
        if len(self._values) >= VALUE_CACHE_LIMIT:
            self._values.clear()
        self._values[(indicator.kind, type(value), value)] = verdict
        return verdict


def period_bounds(period: Period) -> tuple[date, date]:
    """The first and last day a period covers (a year, or a month)."""
    if period.month is None:
        return date(period.year, 1, 1), date(period.year, 12, 31)
    return (
        date(period.year, period.month, 1),
        date(period.year, period.month, calendar.monthrange(period.year, period.month)[1]),
    )


def _duplicate_message(first: int | tuple[str, int, str], here: int | tuple[str, int, str]) -> str:
    if type(first) is int:
        first = ("", first, "value")
    if type(here) is int:
        here = ("", here, "value")
    sheet, row, column = first
    if not sheet and column in ("", "value"):
        return MSG_DUPLICATE_ROW.format(first=row)
    where = (MSG_WHERE_SHEET if sheet and sheet != here[0] else MSG_WHERE_COLUMN).format(
        sheet=sheet, row=row, column=column
    )
    return MSG_DUPLICATE_CELL.format(where=where)


def _error(row: SourceRow, field_name: str, reason: str) -> RowError:
    return RowError(row.row, row.columns.get(field_name, field_name), reason, row.sheet)
