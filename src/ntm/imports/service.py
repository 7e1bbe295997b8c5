"""One import, start to end: read, check every row, then write all or nothing.

Used by ``ntm import`` and by the web import page. Checking happens before the transaction,
so a bad file never holds a write lock; writing is one transaction (``writer.write_rows``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ntm.criteria.registry import Registry, load_registry
from ntm.imports.csv_source import read_csv_file
from ntm.imports.rows import FileFormatError, ImportOutcome, RowError
from ntm.imports.unit_refs import IndexedUnits
from ntm.imports.validate import RowChecker, UnitResolver
from ntm.imports.writer import write_rows
from ntm.imports.xlsx_source import read_xlsx_file

MSG_UNSUPPORTED_FILE = 'Không nhận loại tệp "{suffix}": chỉ nhận .csv hoặc .xlsx'
MSG_CHANGE_REASON = "Nhập từ tệp {name}"


def read_source(path: Path):
    """The rows of a CSV or XLSX file and the reading errors (filled as rows are read)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv_file(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx_file(path)
    raise FileFormatError(MSG_UNSUPPORTED_FILE.format(suffix=suffix or path.name))


def run_import(
    path: str | Path,
    *,
    author: Any = None,
    dry_run: bool = False,
    progress: bool = False,
    name: str = "",
    registry: Registry | None = None,
    units: UnitResolver | None = None,
    within: Sequence[str] | None = None,
) -> ImportOutcome:
    """Import ``path``; the outcome lists every problem (then nothing was written) or the counts.

    ``name`` is the file name recorded in the history (an uploaded file lives under a temporary
    name). ``units`` defaults to an index of every unit in the database; ``within`` limits the
    rows to the subtrees of units with these ``path``s (the web page passes the user's scope).
    """
    started = time.perf_counter()
    path = Path(path)
    outcome = ImportOutcome(dry_run=dry_run)
    try:
        rows, read_errors = read_source(path)
        checker = RowChecker(registry or load_registry(), units or IndexedUnits.from_db(within))
        checked = checker.check_all(tqdm(rows, disable=not progress, unit=" dòng", desc="Kiểm tra", leave=False))
    except FileFormatError as exc:
        outcome.errors = [RowError(0, "", exc.reason)]
        outcome.seconds = time.perf_counter() - started
        return outcome
    outcome.rows = checked.read
    outcome.empty = checked.empty
    outcome.errors = sorted(read_errors + checked.errors, key=lambda e: (e.sheet, e.row))
    if outcome.errors:
        outcome.seconds = time.perf_counter() - started
        return outcome
    counts = write_rows(
        checked.rows,
        author=author,
        source="import",
        reason=MSG_CHANGE_REASON.format(name=name or path.name),
        dry_run=dry_run,
        progress=progress,
    )
    outcome.created, outcome.updated, outcome.unchanged = counts.created, counts.updated, counts.unchanged
    outcome.seconds = time.perf_counter() - started
    return outcome
