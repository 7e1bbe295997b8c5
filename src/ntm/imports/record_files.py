"""Reading a record file and importing it: the header checked against its kind, every row
checked, then all rows written in one transaction, or none (``ntm.imports.records`` holds what a
kind is written against).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction

from ntm.imports.csv_source import (
    MSG_DUPLICATE_COLUMN,
    MSG_FIELD_COUNT,
    csv_rows,
    first_line,
    open_text,
    sniff_delimiter,
)
from ntm.imports.records import (
    CELL_MAX_LENGTH,
    MSG_CELL_TOO_LONG,
    RecordContext,
    RecordKind,
    RecordRow,
)
from ntm.imports.rows import ErrorList, FileFormatError, ImportOutcome, ReadProblems, RowError
from ntm.imports.unit_refs import IndexedUnits

MSG_UNKNOWN_COLUMNS = "Cột không được hỗ trợ cho tệp {label}: {columns}"
MSG_CONCURRENT_WRITE = (
    "Có người vừa ghi cùng dữ liệu trong lúc nhập; không ghi gì. Hãy nhập lại tệp."
)
MSG_NO_ROWS = "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề"


# --- reading ----------------------------------------------------------------------------------


def csv_header(path: Path) -> list[str]:
    """The header of a CSV file, lower-cased and stripped (empty when the file is empty)."""
    with open_text(path) as handle:
        first = first_line(handle)
    if not first.strip():
        return []
    return [
        h.strip().lower() for h in next(csv_rows([first], sniff_delimiter(first), 1), (1, []))[1]
    ]


def xlsx_header(path: Path) -> list[str]:
    """The first non-empty row of the first sheet, lower-cased (a record file's header)."""
    from ntm.imports.xlsx_records import first_sheet_header

    return first_sheet_header(path)


def read_csv_records(path: Path) -> tuple[list[str], Iterator[RecordRow], list[RowError]]:
    handle = open_text(path)
    try:
        first = first_line(handle)
        delimiter = sniff_delimiter(first)
        header = (
            [h.strip().lower() for h in next(csv_rows([first], delimiter, 1), (1, []))[1]]
            if first
            else []
        )
    except BaseException:
        handle.close()
        raise
    errors = ReadProblems()

    def rows() -> Iterator[RecordRow]:
        try:
            for number, cells in csv_rows(handle, delimiter, 2):
                if not any(c.strip() for c in cells):
                    errors.skip_blank(number)  # blank lines, and Excel's ",,,," rows
                    continue
                if len(cells) != len(header):
                    errors.append(
                        RowError(
                            number,
                            "",
                            MSG_FIELD_COUNT.format(found=len(cells), expected=len(header)),
                        )
                    )
                    continue
                yield RecordRow(number, dict(zip(header, cells, strict=True)))
            errors.warnings.extend(errors.blank_row_warnings())
        finally:
            handle.close()

    return header, rows(), errors


def _check_header(kind: RecordKind, header: Sequence[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            raise FileFormatError(MSG_DUPLICATE_COLUMN.format(column=name))
        seen.add(name)
    unknown = [c for c in header if c and c not in kind.required + kind.optional]
    if unknown:
        raise FileFormatError(
            MSG_UNKNOWN_COLUMNS.format(label=kind.label, columns=", ".join(unknown))
        )


# --- the import -------------------------------------------------------------------------------


@contextmanager
def _read_only_on_sqlite(dry_run: bool):
    """A dry run's transaction starts DEFERRED on SQLite: it takes the write lock only if the
    kind writes (kinds that honour ``ctx.dry_run`` never do), so checking a file never waits
    for, nor blocks, another writer."""
    if not dry_run or connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    mode = connection.transaction_mode
    connection.transaction_mode = "DEFERRED"
    try:
        yield
    finally:
        connection.transaction_mode = mode


def _check_cell_lengths(row: RecordRow) -> None:
    """Every text cell of a record file is bounded (names, notes, decisions): a pasted document
    in a cell is refused with its row and column, never stored."""
    for column, value in row.cells.items():
        if isinstance(value, str) and len(value) > CELL_MAX_LENGTH:
            row.fail(column, MSG_CELL_TOO_LONG.format(limit=CELL_MAX_LENGTH))


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that everything written is rolled back."""


def import_records(
    path: Path,
    kind: RecordKind,
    header: list[str],
    rows: Iterator[RecordRow],
    read_errors: list[RowError],
    *,
    units: IndexedUnits,
    author: Any = None,
    dry_run: bool = False,
    name: str = "",
) -> ImportOutcome:
    """Check every row of a record file, then write all of them in one transaction, or none."""
    outcome = ImportOutcome(dry_run=dry_run)
    outcome.kind = kind.name
    try:
        _check_header(kind, header)
    except FileFormatError as exc:
        outcome.errors = [RowError(0, "", exc.reason)]
        return outcome
    context = RecordContext(units, author=author, dry_run=dry_run, source_name=name or path.name)
    checked: list[tuple[RecordRow, Any]] = []
    problems = ErrorList()
    for row in rows:
        outcome.rows += 1
        _check_cell_lengths(row)
        record = kind.check_row(row, context)
        if row.problems:
            problems += row.problems
        elif record is not None:
            checked.append((row, record))
    problems += read_errors
    outcome.warnings = list(getattr(read_errors, "warnings", []))
    if not problems and kind.check_file is not None:
        problems += kind.check_file(checked, context)
    if not problems and not outcome.rows:
        problems.append(RowError(0, "", MSG_NO_ROWS))
    problems.sort(key=lambda e: (e.sheet, e.row, e.column))
    outcome.errors = problems
    if outcome.errors:
        return outcome
    try:
        with _read_only_on_sqlite(dry_run), transaction.atomic():
            counts = kind.write([record for _, record in checked], context)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except IntegrityError:
        outcome.errors = [RowError(0, "", MSG_CONCURRENT_WRITE)]
        return outcome
    outcome.created, outcome.updated, outcome.unchanged = (
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    return outcome
