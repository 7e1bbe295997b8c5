"""The records that flow through an import: rows read from a file, problems, and the outcome."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

MSG_ROW_ERROR = "Dòng {row}, cột {column}: {reason}"
MSG_SHEET_ROW_ERROR = "Trang {sheet}, dòng {row}, cột {column}: {reason}"
MSG_ROW_ONLY_ERROR = "Dòng {row}: {reason}"
MSG_SHEET_ROW_ONLY_ERROR = "Trang {sheet}, dòng {row}: {reason}"
MSG_FILE_ERROR = "{reason}"
MSG_BLANK_ROWS = "Bỏ qua {count} dòng trống (dòng {rows})"
BLANK_ROWS_SHOWN = 10
MSG_MORE_OF_KIND = "… và {count} lỗi khác cùng loại: {example}"
# Errors kept per kind of problem; beyond that only counted (a million bad rows would
# otherwise print a report of 169 MB).
ERRORS_PER_KIND = 50
_KIND_RE = re.compile(r"\"[^\"]*\"|'[^']*'|\d+")


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
                return MSG_SHEET_ROW_ONLY_ERROR.format(
                    sheet=self.sheet, row=self.row, reason=self.reason
                )
            return MSG_ROW_ONLY_ERROR.format(row=self.row, reason=self.reason)
        if self.sheet:
            return MSG_SHEET_ROW_ERROR.format(
                sheet=self.sheet, row=self.row, column=self.column, reason=self.reason
            )
        return MSG_ROW_ERROR.format(row=self.row, column=self.column, reason=self.reason)

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


def error_kind(error: RowError) -> tuple[str, str]:
    """What makes two errors "of the same kind": their reason with the quoted values and
    numbers taken out, and their column."""
    return error.column, _KIND_RE.sub("…", error.reason)


class ErrorList(list):
    """A list of ``RowError`` that keeps the first ``ERRORS_PER_KIND`` of each kind and counts
    the rest, so memory and the report stay bounded whatever the file holds."""

    def __init__(self, *args: Any, per_kind: int = ERRORS_PER_KIND) -> None:
        super().__init__()
        self.per_kind = per_kind
        self.seen: dict[tuple[str, str], int] = {}
        self.examples: dict[tuple[str, str], RowError] = {}
        for errors in args:
            self.extend(errors)

    @property
    def total(self) -> int:
        return sum(self.seen.values())

    def omitted(self) -> list[tuple[int, RowError]]:
        """(how many were not kept, the first of them) for each kind over the cap."""
        return [
            (n - self.per_kind, self.examples[k]) for k, n in self.seen.items() if n > self.per_kind
        ]

    def append(self, error: RowError) -> None:  # type: ignore[override]
        kind = error_kind(error)
        count = self.seen[kind] = self.seen.get(kind, 0) + 1
        if count <= self.per_kind:
            super().append(error)
        elif count == self.per_kind + 1:
            self.examples[kind] = error

    def extend(self, errors) -> None:  # type: ignore[override]
        for error in errors:
            self.append(error)

    def __iadd__(self, errors):  # type: ignore[override]
        self.extend(errors)
        return self


class ReadProblems(list):
    """The errors a reader finds while rows stream (a list of ``RowError``), and its warnings:
    what it skipped on purpose (blank rows, sheets that are not the template), so nothing is
    dropped without a word in the import report."""

    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[RowError] = []
        self.skipped_rows: list[tuple[str, int]] = []

    def skip_blank(self, row: int, sheet: str = "") -> None:
        self.skipped_rows.append((sheet, row))

    def blank_row_warnings(self) -> list[RowError]:
        """One warning per sheet: how many blank rows were skipped, and the first few."""
        by_sheet: dict[str, list[int]] = {}
        for sheet, row in self.skipped_rows:
            by_sheet.setdefault(sheet, []).append(row)
        out = []
        for sheet, rows in by_sheet.items():
            shown = ", ".join(str(r) for r in rows[:BLANK_ROWS_SHOWN]) + (
                "…" if len(rows) > BLANK_ROWS_SHOWN else ""
            )
            out.append(RowError(0, "", MSG_BLANK_ROWS.format(count=len(rows), rows=shown), sheet))
        return out


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
    warnings: list[RowError] = field(default_factory=list)
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
            "error_count": self.error_count,
            "errors_omitted": [
                {"count": n, "example": e.as_dict()}
                for n, e in getattr(self.errors, "omitted", list)()
            ],
            "warnings": [e.as_dict() for e in self.warnings],
        }

    @property
    def error_count(self) -> int:
        """Every error found, including those past the per-kind cap that are not listed."""
        return getattr(self.errors, "total", len(self.errors))
