"""Reading the XLSX wide template back (design.md §6): pure, no database.

One sheet per set; a row per unit (code in column A preferred, name in column B); a column per
indicator, its code in the row labelled "Mã đơn vị"; the period in the cell next to "Kỳ báo
cáo". Each non-empty indicator cell becomes one ``SourceRow`` with the cell's column letter,
so errors point at the cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ntm.imports.rows import FileFormatError, RowError, SourceRow
from ntm.imports.xlsx_layout import (
    FIRST_INDICATOR_COLUMN,
    LABEL_CODE,
    LABEL_PERIOD,
    LABEL_SET,
    ROWS_AFTER_CODES,
    SEARCH_ROWS,
    label_key,
)

MSG_NOT_XLSX = "Không đọc được tệp XLSX: {reason}"
MSG_NO_HEADER = 'Trang "{sheet}" không có dòng tiêu đề "Mã đơn vị" (hãy dùng tệp mẫu do ntm template tạo)'
MSG_NO_SHEETS = "Tệp XLSX không có trang nào theo mẫu nhập số liệu"


def read_xlsx_file(path: str | Path) -> tuple[Iterator[SourceRow], list[RowError]]:
    """The values of every template sheet in the workbook, and problems found while reading."""
    try:
        workbook = load_workbook(Path(path), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise FileFormatError(MSG_NOT_XLSX.format(reason=exc)) from None
    sheets = []
    for ws in workbook.worksheets:
        # Only the head of each sheet is read now; the rest streams, so a national workbook
        # is never held in memory.
        rows = ws.iter_rows()
        head = list(islice(rows, SEARCH_ROWS))
        header = _find_header(head)
        if header is not None:
            sheets.append((ws.title, head, rows, header))
    if not sheets:
        workbook.close()
        raise FileFormatError(MSG_NO_SHEETS)
    errors: list[RowError] = []
    return TemplateRows(workbook, sheets), errors


class TemplateRows(Iterator[SourceRow]):
    """The non-empty cells as rows, counting the empty indicator cells of unit rows on the way
    (``empty_cells``): the preview reports them as skipped, as it does a CSV row without value."""

    def __init__(self, workbook, sheets) -> None:
        self.empty_cells = 0
        self._rows = self._all_rows(workbook, sheets)

    def __next__(self) -> SourceRow:
        return next(self._rows)

    def _all_rows(self, workbook, sheets) -> Iterator[SourceRow]:
        try:
            for title, head, rest, header in sheets:
                yield from _sheet_rows(title, head, rest, header, self)
        finally:
            workbook.close()


def _find_header(rows) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    for index, row in enumerate(rows):
        first = label_key(row[0].value) if row else ""
        if first == label_key(LABEL_SET) and len(row) > 1:
            found["set"] = (_text(row[1].value), f"B{index + 1}")
        elif first == label_key(LABEL_PERIOD) and len(row) > 1:
            found["period"] = (_period_text(row[1].value), f"B{index + 1}")
        elif first == label_key(LABEL_CODE):
            found["codes_row"] = index
            return found
    return None


def _sheet_rows(title: str, head: list, rest: Iterator, header: dict[str, Any], tally: TemplateRows) -> Iterator[SourceRow]:
    set_code, set_cell = header.get("set", ("", "B1"))
    period, period_cell = header.get("period", ("", "B2"))
    codes_row = header["codes_row"]
    columns = []
    for i, cell in enumerate(head[codes_row]):
        code = _text(cell.value)
        if i >= FIRST_INDICATOR_COLUMN - 1 and code:
            letter = get_column_letter(i + 1)
            where = {"unit": "A", "period": period_cell, "set": set_cell,
                     "indicator": f"{letter}{codes_row + 1}", "value": letter, "note": letter}
            columns.append((i, code, where))
    first_data = codes_row + 1 + ROWS_AFTER_CODES
    for number, row in enumerate(chain(head[first_data:], rest), start=first_data + 1):
        unit = _unit_ref(row)
        for i, code, where in columns:
            value = _cell_value(row[i]) if i < len(row) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                if unit:
                    tally.empty_cells += 1
                continue
            yield SourceRow(number, unit, period, set_code, code, value, None, where, title)


def _unit_ref(row) -> str:
    code = _text(row[0].value) if row else ""
    if code:
        return code
    return _text(row[1].value) if len(row) > 1 else ""


def _cell_value(cell) -> Any:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        fmt = getattr(cell, "number_format", "") or ""
        if "%" in fmt:
            return round(value * 100, 10)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _period_text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return f"{value.year}-{value.month:02d}"
    return _text(value)
