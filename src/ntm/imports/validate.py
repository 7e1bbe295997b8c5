"""Checking rows read from a file: every problem of every row, before anything is written.

Lookups are cached (a national file repeats the same few units, periods, sets and raw values
thousands of times), so checking 750,000 rows is mostly dictionary hits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from ntm.assessments.catalog import MSG_COMPUTED_INDICATOR, MSG_UNKNOWN_INDICATOR, MSG_UNKNOWN_SET
from ntm.assessments.parsing import ValueParseError, parse_value, raw_text, to_stored
from ntm.assessments.services import parse_period
from ntm.criteria.inputs import Period
from ntm.criteria.model import Indicator
from ntm.criteria.registry import Registry
from ntm.imports.rows import RowError, SourceRow

MSG_MISSING_UNIT = "Thiếu đơn vị (mã hoặc tên Tỉnh/Huyện/Xã)"
MSG_MISSING_PERIOD = "Thiếu kỳ báo cáo (YYYY hoặc YYYY-MM)"
MSG_MISSING_SET = "Thiếu mã bộ tiêu chí"
MSG_MISSING_INDICATOR = "Thiếu mã chỉ tiêu"
MSG_DUPLICATE_ROW = "Trùng với dòng {first}: cùng đơn vị, kỳ, bộ tiêu chí và chỉ tiêu"
MSG_NOTE_TOO_LONG = "Ghi chú dài quá {limit} ký tự"
NOTE_MAX_LENGTH = 2000
# Distinct raw values remembered; a national file of random numbers would otherwise keep them all.
VALUE_CACHE_LIMIT = 100_000


class UnitResolver(Protocol):
    """Finds a unit id for what a file wrote in its unit column."""

    def resolve(self, ref: str, period: Period) -> tuple[int | None, str]:
        """(unit id, "") when found; (None, a Vietnamese reason) otherwise."""


class ValidRow(NamedTuple):
    """A checked row, ready to write: the key, the raw text, the parsed columns, the note."""

    unit_id: int
    set_code: str
    indicator_code: str
    period: str
    period_index: int
    raw: str
    value_number: float | None
    value_bool: bool | None
    value_text: str
    not_applicable: bool
    note: str | None
    row: int


@dataclass(slots=True)
class Checked:
    """The outcome of checking: good rows, problems, and how many rows had no value."""

    rows: list[ValidRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    empty: int = 0
    read: int = 0


class RowChecker:
    """Checks ``SourceRow``s against the registry and the units; keeps its caches between rows."""

    def __init__(self, registry: Registry, units: UnitResolver) -> None:
        self.registry = registry
        self.units = units
        self._sets: dict[str, dict[str, Indicator] | None] = {}
        self._periods: dict[str, Period | str] = {}
        self._unit_refs: dict[tuple[str, int], tuple[int | None, str]] = {}
        self._values: dict[tuple[str, Any], tuple[Any, str] | str] = {}
        self._seen: dict[tuple[int, str, str, str], int] = {}

    def check_all(self, rows: Iterable[SourceRow], into: Checked | None = None) -> Checked:
        checked = into or Checked()
        for row in rows:
            checked.read += 1
            self._check(row, checked)
        return checked

    def _check(self, row: SourceRow, out: Checked) -> None:
        errors = out.errors
        before = len(errors)
        indicator = self._indicator(row, errors)
        period = self._period(row, errors)
        unit_id = self._unit(row, period, errors) if isinstance(period, Period) else None
        if indicator is None or not isinstance(period, Period) or unit_id is None:
            self._value(row, indicator, errors)
            return
        parsed = self._value(row, indicator, errors)
        note = self._note(row, errors)
        if len(errors) > before or parsed is None:
            return
        raw, stored = parsed
        if stored is None:
            out.empty += 1
            return
        period_text = str(period)
        key = (unit_id, row.set_code, indicator.code, period_text)
        first = self._seen.setdefault(key, row.row)
        if first != row.row:
            errors.append(_error(row, "unit", MSG_DUPLICATE_ROW.format(first=first)))
            return
        out.rows.append(
            ValidRow(
                unit_id, row.set_code, indicator.code, period_text, period.index, raw,
                stored.value_number, stored.value_bool, stored.value_text, stored.not_applicable,
                note, row.row,
            )
        )

    def _indicator(self, row: SourceRow, errors: list[RowError]) -> Indicator | None:
        if not row.set_code:
            errors.append(_error(row, "set", MSG_MISSING_SET))
            return None
        indicators = self._sets.get(row.set_code, False)
        if indicators is False:
            indicators = (
                {i.code: i for i in self.registry.get(row.set_code).indicators}
                if row.set_code in self.registry
                else None
            )
            self._sets[row.set_code] = indicators
        if indicators is None:
            errors.append(_error(row, "set", MSG_UNKNOWN_SET.format(code=row.set_code)))
            return None
        if not row.indicator:
            errors.append(_error(row, "indicator", MSG_MISSING_INDICATOR))
            return None
        indicator = indicators.get(row.indicator)
        if indicator is None:
            errors.append(
                _error(row, "indicator", MSG_UNKNOWN_INDICATOR.format(set_code=row.set_code, code=row.indicator))
            )
            return None
        if indicator.aggregate is not None:
            errors.append(_error(row, "indicator", MSG_COMPUTED_INDICATOR.format(code=row.indicator)))
            return None
        return indicator

    def _period(self, row: SourceRow, errors: list[RowError]) -> Period | None:
        if not row.period:
            errors.append(_error(row, "period", MSG_MISSING_PERIOD))
            return None
        cached = self._periods.get(row.period)
        if cached is None:
            try:
                cached = parse_period(row.period)
            except ValueParseError as exc:
                cached = exc.message
            self._periods[row.period] = cached
        if isinstance(cached, str):
            errors.append(_error(row, "period", cached))
            return None
        return cached

    def _unit(self, row: SourceRow, period: Period, errors: list[RowError]) -> int | None:
        if not row.unit:
            errors.append(_error(row, "unit", MSG_MISSING_UNIT))
            return None
        key = (row.unit, period.index)
        found = self._unit_refs.get(key)
        if found is None:
            found = self._unit_refs[key] = self.units.resolve(row.unit, period)
        unit_id, reason = found
        if unit_id is None:
            errors.append(_error(row, "unit", reason))
        return unit_id

    def _value(self, row: SourceRow, indicator: Indicator | None, errors: list[RowError]):
        """(raw text, stored columns or None for empty); None after reporting a problem."""
        if indicator is None:
            return None
        key = (indicator.kind, row.value)
        cached = self._values.get(key)
        if cached is None:
            try:
                parsed = parse_value(indicator, row.value)
                raw = row.value.strip() if isinstance(row.value, str) else raw_text(row.value)
                cached = (raw, None if parsed is None else to_stored(parsed))
            except ValueParseError as exc:
                cached = exc.message
            if len(self._values) >= VALUE_CACHE_LIMIT:
                self._values.clear()
            self._values[key] = cached
        if isinstance(cached, str):
            errors.append(_error(row, "value", cached))
            return None
        return cached

    def _note(self, row: SourceRow, errors: list[RowError]) -> str | None:
        if row.note is None:
            return None
        note = row.note.strip()
        if len(note) > NOTE_MAX_LENGTH:
            errors.append(_error(row, "note", MSG_NOTE_TOO_LONG.format(limit=NOTE_MAX_LENGTH)))
        return note


def _error(row: SourceRow, field_name: str, reason: str) -> RowError:
    return RowError(row.row, row.columns.get(field_name, field_name), reason, row.sheet)
