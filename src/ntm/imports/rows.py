"""The records that flow through an import: rows read from a file, problems, and the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

MSG_ROW_ERROR = "Dòng {row}, cột {column}: {reason}"
MSG_SHEET_ROW_ERROR = "Trang {sheet}, dòng {row}, cột {column}: {reason}"
MSG_ROW_ONLY_ERROR = "Dòng {row}: {reason}"
MSG_SHEET_ROW_ONLY_ERROR = "Trang {sheet}, dòng {row}: {reason}"
MSG_FILE_ERROR = "{reason}"


class SourceRow(NamedTuple):
    """One value as a file holds it, before any checking.

    ``value`` is text from a CSV, or whatever a spreadsheet cell held (text, number, bool).
    ``note`` None means the file has no note column (keep the stored note). ``columns`` maps
    the logical field (``unit``, ``period``, ``set``, ``indicator``, ``value``, ``note``) to the
    column label shown in error messages ("value" in a CSV, "F" in a sheet). A named tuple:
    a national file has 750,000 of them.
    """

    row: int
    unit: str
    period: str
    set_code: str
    indicator: str
    value: Any
    note: str | None
    columns: dict[str, str]
    sheet: str = ""


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: where (sheet, row, column) and why, in Vietnamese."""

    row: int
    column: str
    reason: str
    sheet: str = ""

    def __str__(self) -> str:
        if not self.row:
            return MSG_FILE_ERROR.format(reason=self.reason)
        if not self.column:
            if self.sheet:
                return MSG_SHEET_ROW_ONLY_ERROR.format(sheet=self.sheet, row=self.row, reason=self.reason)
            return MSG_ROW_ONLY_ERROR.format(row=self.row, reason=self.reason)
        if self.sheet:
            return MSG_SHEET_ROW_ERROR.format(sheet=self.sheet, row=self.row, column=self.column, reason=self.reason)
        return MSG_ROW_ERROR.format(row=self.row, column=self.column, reason=self.reason)

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


class FileFormatError(Exception):
    """The file as a whole cannot be read (wrong header, not a CSV/XLSX): nothing to import."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class ImportOutcome:
    """What an import did (or, on a dry run or a rejected file, would have done)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    empty: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    seconds: float = 0.0
    kind: str = "values"  # "values", or the name of a record kind ("recognition", "ocop"…)
    # Values created or changed, for the preview (the first writer.CHANGES_LISTED of them):
    # (unit code, unit name, set, indicator, period, old raw or None, new raw, old note, new note).
    changes: list[tuple] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "empty": self.empty,
            "errors": [e.as_dict() for e in self.errors],
        }
