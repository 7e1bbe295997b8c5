"""One import, start to end: read, check every row, then write all or nothing.

Used by ``ntm import`` and by the web import page. Checking happens before the transaction,
so a bad file never holds a write lock; writing is one transaction (``writer.write_rows``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import IntegrityError
from tqdm import tqdm

from ntm.assessments.bulk import paused_gc
from ntm.criteria.registry import Registry, load_registry
from ntm.imports.csv_source import read_csv_file
from ntm.imports.rows import FileFormatError, ImportOutcome, RowError
from ntm.imports.unit_refs import IndexedUnits
from ntm.imports.validate import RowChecker, UnitResolver
from ntm.imports.writer import write_rows
from ntm.imports.xlsx_source import read_xlsx_file

MSG_UNSUPPORTED_FILE = 'Không nhận loại tệp "{suffix}": chỉ nhận .csv hoặc .xlsx'
MSG_CHANGE_REASON = "Nhập từ tệp {name}"
MSG_CONCURRENT_WRITE = "Có người vừa ghi cùng số liệu trong lúc nhập; không ghi gì. Hãy nhập lại tệp."


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
    outcome = ImportOutcome(dry_run=dry_run)
    try:
        with paused_gc():
            _import_into(outcome, Path(path), author, name, progress, registry, units or IndexedUnits.from_db(within))
    finally:
        outcome.seconds = time.perf_counter() - started
    return outcome


def _import_into(outcome: ImportOutcome, path: Path, author: Any, name: str, progress: bool,
                 registry: Registry | None, units: UnitResolver) -> None:
    try:
        rows, read_errors = read_source(path)
        checker = RowChecker(registry or load_registry(), units)
        checked = checker.check_all(tqdm(rows, disable=not progress, unit=" dòng", desc="Kiểm tra", leave=False))
    except FileFormatError as exc:
        outcome.errors = [RowError(0, "", exc.reason)]
        return
    outcome.rows, outcome.empty = checked.read, checked.empty
    outcome.errors = sorted(read_errors + checked.errors, key=lambda e: (e.sheet, e.row))
    if outcome.errors:
        return
    try:
        counts = write_rows(
            checked.rows,
            author=author,
            source="import",
            reason=MSG_CHANGE_REASON.format(name=name or path.name),
            dry_run=outcome.dry_run,
            progress=progress,
        )
    except IntegrityError:
        # Another import or form wrote one of these values between our check and our write;
        # the transaction is rolled back whole, so trying again is safe.
        outcome.errors = [RowError(0, "", MSG_CONCURRENT_WRITE)]
        return
    outcome.created, outcome.updated, outcome.unchanged = counts.created, counts.updated, counts.unchanged
