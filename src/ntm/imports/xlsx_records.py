"""Reading a record file saved from Excel: the first sheet, its first non-empty row the header.

Pure (openpyxl only). Cells keep their types (a date cell stays a date) so the kind's checker
reads them as the CSV's text would be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ntm.imports.rows import FileFormatError, RowError

MSG_NOT_XLSX = "Không đọc được tệp XLSX: {reason}"
HEADER_SEARCH_ROWS = 10


def _open(path: Path):
    try:
        return load_workbook(Path(path), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise FileFormatError(MSG_NOT_XLSX.format(reason=exc)) from None


def _header_of(rows) -> tuple[int, list[str]] | None:
    for index, row in enumerate(rows):
        cells = [("" if v is None else str(v).strip().lower()) for v in row]
        if any(cells):
            while cells and not cells[-1]:
                cells.pop()
            return index, cells
    return None


def first_sheet_header(path: Path) -> list[str]:
    """The header of the first sheet ([] when the sheet is empty)."""
    workbook = _open(path)
    try:
        if not workbook.worksheets:
            return []
        found = _header_of(islice(workbook.worksheets[0].iter_rows(values_only=True), HEADER_SEARCH_ROWS))
        return found[1] if found else []
    finally:
        workbook.close()


def read_xlsx_records(path: Path):
    """(header, rows, errors) of the first sheet, as ``records.read_csv_records`` gives them."""
    from ntm.imports.records import RecordRow

    workbook = _open(path)
    sheet = workbook.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    head = list(islice(rows_iter, HEADER_SEARCH_ROWS))
    found = _header_of(head)
    errors: list[RowError] = []
    if found is None:
        workbook.close()
        return [], iter(()), errors
    header_index, header = found

    def rows() -> Iterator[RecordRow]:
        try:
            from itertools import chain

            for number, values in enumerate(chain(head[header_index + 1:], rows_iter), start=header_index + 2):
                cells: dict[str, Any] = {}
                for name, value in zip(header, values, strict=False):
                    if name:
                        cells[name] = value
                if not any(v is not None and str(v).strip() for v in cells.values()):
                    continue
                yield RecordRow(number, cells, sheet.title)
        finally:
            workbook.close()

    return header, rows(), errors
