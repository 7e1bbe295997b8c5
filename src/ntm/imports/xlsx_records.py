"""Reading a record file saved from Excel: the first sheet, its first non-empty row the header.

Pure (openpyxl only). Cells keep their types (a date cell stays a date) so the kind's checker
reads them as the CSV's text would be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

from ntm.imports.rows import ReadProblems, RowError
from ntm.imports.xlsx_cells import FORMULA_WITHOUT_VALUE
from ntm.imports.xlsx_source import (
    BROKEN_FILE_ERRORS,
    MSG_FORMULA_WITHOUT_VALUE,
    open_workbook,
    reading_failure,
)

HEADER_SEARCH_ROWS = 10


def _open(path: Path):
    return open_workbook(path)


def _head(workbook, sheet) -> list:
    try:
        return list(islice(sheet.iter_rows(values_only=True), HEADER_SEARCH_ROWS))
    except BROKEN_FILE_ERRORS as exc:
        workbook.close()
        raise reading_failure(exc, sheet.title, 0) from None


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
        found = _header_of(_head(workbook, workbook.worksheets[0]))
        return found[1] if found else []
    finally:
        workbook.close()


def read_xlsx_records(path: Path):
    """(header, rows, errors) of the first sheet, as ``record_files.read_csv_records`` gives
    them."""
    from ntm.imports.records import RecordRow

    workbook = _open(path)
    if not workbook.worksheets:
        workbook.close()
        return [], iter(()), ReadProblems()
    sheet = workbook.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    try:
        head = list(islice(rows_iter, HEADER_SEARCH_ROWS))
    except BROKEN_FILE_ERRORS as exc:
        workbook.close()
        raise reading_failure(exc, sheet.title, 0) from None
    found = _header_of(head)
    errors = ReadProblems()
    if found is None:
        workbook.close()
        return [], iter(()), errors
    header_index, header = found

    def rows() -> Iterator[RecordRow]:
        number = header_index + 1
        source = chain(head[header_index + 1 :], rows_iter)
        try:
            while True:
                try:
                    values = next(source)
                except StopIteration:
                    break
                except BROKEN_FILE_ERRORS as exc:
                    raise reading_failure(exc, sheet.title, number) from None
                number += 1
                cells: dict[str, Any] = {}
                for name, value in zip(header, values, strict=False):
                    if name:
                        if value is FORMULA_WITHOUT_VALUE:
                            errors.append(
                                RowError(number, name, MSG_FORMULA_WITHOUT_VALUE, sheet.title)
                            )
                            value = None
                        cells[name] = value
                if not any(v is not None and str(v).strip() for v in cells.values()):
                    errors.skip_blank(number, sheet.title)
                    continue
                yield RecordRow(number, cells, sheet.title)
            errors.warnings.extend(errors.blank_row_warnings())
        finally:
            workbook.close()

    return header, rows(), errors
