"""Reading the XLSX wide template back (design.md §6): pure, no database.

One sheet per set; a row per unit (code in column A preferred, name in column B); a column per
indicator, its code in the row labelled "Mã đơn vị"; the period in the cell next to "Kỳ báo
cáo". Each non-empty indicator cell becomes one ``SourceRow`` with the cell's column letter,
so errors point at the cell.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ntm.imports.rows import FileFormatError, ReadProblems, RowError, SourceRow
from ntm.imports.xlsx_cells import FORMULA_WITHOUT_VALUE, CellError
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
MSG_NO_HEADER = (
    'Trang "{sheet}" không có dòng tiêu đề "Mã đơn vị" (hãy dùng tệp mẫu do ntm template tạo)'
)
MSG_NO_SHEETS = "Tệp XLSX không có trang nào theo mẫu nhập số liệu"
MSG_SHEET_SKIPPED = 'Bỏ qua trang "{sheet}": không có dòng tiêu đề "Mã đơn vị" của mẫu nhập số liệu'
MSG_BROKEN_CELL = "Trang {sheet}, ô {cell}: không đọc được ô ({reason}); tệp XLSX bị hỏng"
MSG_BROKEN_SHEET = "Trang {sheet}, sau dòng {row}: tệp XLSX bị hỏng, không đọc tiếp được ({reason})"
MSG_BROKEN_SHEET_HEAD = "Trang {sheet}: tệp XLSX bị hỏng, không đọc được ({reason})"
MSG_BROKEN_WORKBOOK = "Không đọc được tệp XLSX (tệp bị hỏng: {reason})"
MSG_FORMULA_WITHOUT_VALUE = (
    "Ô có công thức nhưng chưa có kết quả tính sẵn (mở tệp bằng Excel, tính lại và lưu, hoặc "
    "thay công thức bằng giá trị)"
)
MSG_DUPLICATE_INDICATOR_COLUMN = 'Chỉ tiêu "{code}" có hai cột: {first} và {second}'
# Exceptions a damaged XLSX raises while its rows stream (zlib.error is an Exception too).
BROKEN_FILE_ERRORS = (Exception,)


def reading_failure(exc: BaseException, sheet: str, last_row: int) -> FileFormatError:
    """The import report's words for a workbook that fails while its rows stream."""
    if isinstance(exc, FileFormatError):
        return exc
    if isinstance(exc, CellError):
        return FileFormatError(
            MSG_BROKEN_CELL.format(sheet=sheet, cell=exc.coordinate, reason=exc.reason)
        )
    reason = f"{type(exc).__name__}: {exc}"[:300]
    if not last_row:
        return FileFormatError(MSG_BROKEN_SHEET_HEAD.format(sheet=sheet, reason=reason))
    return FileFormatError(MSG_BROKEN_SHEET.format(sheet=sheet, row=last_row, reason=reason))


def read_xlsx_file(path: str | Path) -> tuple[Iterator[SourceRow], list[RowError]]:
    """The values of every template sheet in the workbook, and problems found while reading."""
    workbook = open_workbook(path)
    errors = ReadProblems()
    sheets = []
    try:
        for ws in workbook.worksheets:
            # Only the head of each sheet is read now; the rest streams, so a national workbook
            # is never held in memory.
            rows = ws.iter_rows()
            try:
                head = list(islice(rows, SEARCH_ROWS))
            except BROKEN_FILE_ERRORS as exc:
                raise reading_failure(exc, ws.title, 0) from None
            header = _find_header(head)
            if header is not None:
                sheets.append((ws.title, head, rows, header))
            else:
                errors.warnings.append(
                    RowError(0, "", MSG_SHEET_SKIPPED.format(sheet=ws.title), ws.title)
                )
    except BaseException:
        workbook.close()
        raise
    if not sheets:
        workbook.close()
        raise FileFormatError(MSG_NO_SHEETS)
    return TemplateRows(workbook, sheets, errors), errors


def open_workbook(path: str | Path):
    """openpyxl's read-only workbook, or a ``FileFormatError`` saying why not."""
    try:
        return load_workbook(Path(path), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise FileFormatError(MSG_NOT_XLSX.format(reason=exc)) from None
    except BROKEN_FILE_ERRORS as exc:  # zip version, compression method, XML, zlib…
        raise FileFormatError(
            MSG_BROKEN_WORKBOOK.format(reason=f"{type(exc).__name__}: {exc}"[:300])
        ) from None


class TemplateRows(Iterator[SourceRow]):
    """The non-empty cells as rows, counting the empty indicator cells of unit rows on the way
    (``empty_cells``): the preview reports them as skipped, as it does a CSV row without value.
    Problems found while reading (formulas without values) go to ``errors``."""

    def __init__(self, workbook, sheets, errors: ReadProblems) -> None:
        self.empty_cells = 0
        self.errors = errors
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


def _sheet_rows(
    title: str, head: list, rest: Iterator, header: dict[str, Any], tally: TemplateRows
) -> Iterator[SourceRow]:
    set_code, set_cell = header.get("set", ("", "B1"))
    period, period_cell = header.get("period", ("", "B2"))
    codes_row = header["codes_row"]
    columns = []
    letters: dict[str, str] = {}
    for i, cell in enumerate(head[codes_row]):
        code = _text(cell.value)
        if i >= FIRST_INDICATOR_COLUMN - 1 and code:
            letter = get_column_letter(i + 1)
            if code in letters:
                # Two columns for one indicator: the later one would silently win.
                raise FileFormatError(
                    f"Trang {title}, dòng {codes_row + 1}: "
                    + MSG_DUPLICATE_INDICATOR_COLUMN.format(
                        code=code, first=letters[code], second=letter
                    )
                )
            letters[code] = letter
            where = {
                "unit": "A",
                "period": period_cell,
                "set": set_cell,
                "indicator": f"{letter}{codes_row + 1}",
                "value": letter,
                "note": letter,
            }
            columns.append((i, code, where))
    first_data = codes_row + 1 + ROWS_AFTER_CODES
    number = first_data
    rows = chain(head[first_data:], rest)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except BROKEN_FILE_ERRORS as exc:
            raise reading_failure(exc, title, number) from None
        number += 1
        unit = _unit_ref(row)
        for i, code, where in columns:
            value = _cell_value(row[i]) if i < len(row) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                if unit:
                    tally.empty_cells += 1
                continue
            if value is FORMULA_WITHOUT_VALUE:
                tally.errors.append(
                    RowError(number, where["value"], MSG_FORMULA_WITHOUT_VALUE, title)
                )
                continue
            yield SourceRow(number, unit, period, set_code, code, value, None, where, title)


def _unit_ref(row) -> str:
    code = _text(row[0].value) if row else ""
    if code:
        return code
    return _text(row[1].value) if len(row) > 1 else ""


def _cell_value(cell) -> Any:
    value = cell.value
    if isinstance(value, float) and not math.isfinite(value):
        return str(
            value
        )  # "inf"/"nan": refused as a number by the value check, row and column named
    if isinstance(value, int | float) and not isinstance(value, bool):
        fmt = getattr(cell, "number_format", "") or ""
        if "%" in fmt:
            return round(value * 100, 10)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    if value is None or value is FORMULA_WITHOUT_VALUE:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _period_text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return f"{value.year}-{value.month:02d}"
    return _text(value)
