"""Reading XLSX cells safely: every failure of openpyxl's streaming parser names its cell.

openpyxl's read-only mode parses a sheet's XML while the rows are consumed, so a damaged
file fails long after ``load_workbook`` returned: a cell ``<v>inf</v>`` raises ValueError,
a shared-string index past the table IndexError, a truncated member ``zlib.error`` or an
XML ParseError. ``CheckedParser`` turns a failing cell into ``CellError`` with its coordinate,
and a formula cell without a cached value (data_only mode would silently give None) into the
``FORMULA_WITHOUT_VALUE`` marker, so the import report names it instead of dropping it.
It replaces the parser class openpyxl's read-only worksheet uses (it only adds checks).
"""

from __future__ import annotations

from openpyxl.worksheet import _read_only
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser


class CellError(ValueError):
    def __init__(self, coordinate: str, reason: str) -> None:
        super().__init__(f"{coordinate}: {reason}")
        self.coordinate = coordinate
        self.reason = reason


class _FormulaWithoutValue:
    """The value of a formula cell saved without its result (a file written by a program, not
    by Excel, or Excel's manual calculation mode)."""

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


FORMULA_WITHOUT_VALUE = _FormulaWithoutValue()


class CheckedParser(WorkSheetParser):
    def parse_cell(self, element):
        try:
            cell = super().parse_cell(element)
        except Exception as exc:  # any failure of a hostile cell, named by its coordinate
            raise CellError(element.get("r") or "?", f"{type(exc).__name__}: {exc}") from None
        if (
            self.data_only
            and cell["value"] is None
            and element.find(FORMULA_TAG) is not None
            and element.find(VALUE_TAG) is None
        ):
            cell["value"] = FORMULA_WITHOUT_VALUE
        return cell


_read_only.WorkSheetParser = CheckedParser
