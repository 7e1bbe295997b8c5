"""One import, start to end: read, check every row, then write all or nothing.

Used by ``ntm import`` and by the web import page. Checking happens before the transaction,
so a bad file never holds a write lock; writing is one transaction
(``ntm.assessments.services.do_set_values``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError
from tqdm import tqdm

from ntm.assessments.bulk import paused_gc
from ntm.assessments.copy_rows import refresh_statistics
from ntm.assessments.parsing import ValueParseError
from ntm.assessments.services import do_set_values
from ntm.criteria.registry import Registry, load_registry
from ntm.imports import unit_history  # noqa: F401  (registers the unit-history kind)
from ntm.imports.csv_source import read_csv_file, read_csv_text
from ntm.imports.record_files import csv_header, import_records, read_csv_records, xlsx_header
from ntm.imports.records import is_value_header, kind_for_header, unknown_header_error
from ntm.imports.rows import ErrorList, FileFormatError, ImportOutcome, RowError
from ntm.imports.unit_refs import IndexedUnits
from ntm.imports.validate import Checked, RowChecker, UnitResolver
from ntm.imports.xlsx_records import read_xlsx_records
from ntm.imports.xlsx_source import read_xlsx_file

MSG_UNSUPPORTED_FILE = 'Không nhận loại tệp "{suffix}": chỉ nhận .csv hoặc .xlsx'
MSG_CHANGE_REASON = "Nhập từ tệp {name}"
MSG_CONCURRENT_WRITE = (
    "Có người vừa ghi cùng số liệu trong lúc nhập; không ghi gì. Hãy nhập lại tệp."
)
MSG_TOO_LARGE = (
    "Tệp {name} nặng {size:.1f} MB, quá giới hạn {limit:.0f} MB cho một lần nhập (chia nhỏ tệp)"
)
MSG_TOO_SLOW = (
    "Dòng {row}: quá thời gian cho một lần nhập ({limit:.0f} giây); không ghi gì. "
    "Hãy chia nhỏ tệp hoặc sửa các lỗi đã báo rồi nhập lại"
)
MSG_DATABASE_BUSY = (
    "Cơ sở dữ liệu đang bận (một tiến trình khác đang ghi) sau {wait:.0f} giây chờ; không ghi gì. "
    "Hãy thử lại sau ít phút"
)
MSG_UNREADABLE = "Không đọc được tệp {name} ({reason}); không ghi gì"


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
        _check_size(path, name or path.name)
        kind = _record_kind(path)
        if kind is not None:
            outcome = _import_record_file(
                path, kind, author, name, dry_run, units or IndexedUnits.from_db(within)
            )
        else:
            with paused_gc():
                _import_into(
                    outcome,
                    path,
                    author,
                    name,
                    progress,
                    registry,
                    units or IndexedUnits.from_db(within),
                )
    except FileFormatError as exc:
        outcome.errors = [RowError(0, "", exc.reason)]
    except OperationalError as exc:
        if not is_busy(exc):
            raise
        outcome.errors = [RowError(0, "", MSG_DATABASE_BUSY.format(wait=busy_timeout()))]
    except (OSError, UnicodeError, ValueError, LookupError, RecursionError, MemoryError) as exc:
        # Last line of defence for a hostile file the readers above did not foresee: the
        # import report names the file, never a traceback; nothing was written (the write
        # happens only after every row is read and checked).
        outcome.errors = [
            RowError(
                0,
                "",
                MSG_UNREADABLE.format(
                    name=name or path.name, reason=f"{type(exc).__name__}: {exc}"[:300]
                ),
            )
        ]
    finally:
        outcome.seconds = time.perf_counter() - started
    return outcome


def is_busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked" after its busy timeout (another process writes)."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def busy_timeout() -> float:
    from django.db import connection

    return float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 0) or 0)


def _check_size(path: Path, name: str) -> None:
    limit = getattr(settings, "NTM_IMPORT_MAX_BYTES", 0)
    size = path.stat().st_size
    if limit and size > limit:
        raise FileFormatError(MSG_TOO_LARGE.format(name=name, size=size / 1e6, limit=limit / 1e6))


def time_limited(rows, started: float):
    """The rows, stopping the import with a clear message past ``NTM_IMPORT_MAX_SECONDS``."""
    limit = getattr(settings, "NTM_IMPORT_MAX_SECONDS", 0)
    if not limit:
        yield from rows
        return
    deadline = started + limit
    for count, row in enumerate(rows, start=1):
        if not count % 1000 and time.perf_counter() > deadline:
            raise FileFormatError(MSG_TOO_SLOW.format(row=getattr(row, "row", count), limit=limit))
        yield row


def _record_kind(path: Path):
    """The record kind the file's header names, or None for a value file (CSV long form or the
    XLSX template). Raises ``FileFormatError`` for a CSV header that is neither."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        header = csv_header(path)
        if not header or is_value_header(header):
            return None
        kind = kind_for_header(header)
        if kind is None:
            # Neither a value file nor a known kind: the value reader names the missing
            # columns, and the error lists every kind of file ``ntm import`` reads.
            raise FileFormatError(
                _missing_value_columns(header) + " " + unknown_header_error(header).reason
            )
        return kind
    if suffix in (".xlsx", ".xlsm"):
        header = xlsx_header(path)
        return kind_for_header(header) if header and not is_value_header(header) else None
    return None


def _missing_value_columns(header: list[str]) -> str:
    try:
        read_csv_text(",".join(header) + "\n")
    except FileFormatError as exc:
        return exc.reason
    return ""


def _import_record_file(
    path: Path, kind, author: Any, name: str, dry_run: bool, units: UnitResolver
) -> ImportOutcome:
    reader = read_csv_records if path.suffix.lower() == ".csv" else read_xlsx_records
    header, rows, errors = reader(path)
    return import_records(
        path, kind, header, rows, errors, units=units, author=author, dry_run=dry_run, name=name
    )


def _import_into(
    outcome: ImportOutcome,
    path: Path,
    author: Any,
    name: str,
    progress: bool,
    registry: Registry | None,
    units: UnitResolver,
) -> None:
    started = time.perf_counter()
    try:
        rows, read_errors = read_source(path)
        checker = RowChecker(registry or load_registry(), units)
        checked = checker.check_all(
            tqdm(
                time_limited(rows, started),
                disable=not progress,
                unit=" dòng",
                desc="Kiểm tra",
                leave=False,
            ),
            into=Checked(errors=ErrorList()),
        )
    except FileFormatError as exc:
        outcome.errors = [RowError(0, "", exc.reason)]
        return
    # Empty template cells never become rows; they count as read and skipped, like a CSV
    # row without a value, so that new + changed + unchanged + empty = read.
    empty_cells = getattr(rows, "empty_cells", 0)
    outcome.rows, outcome.empty = checked.read + empty_cells, checked.empty + empty_cells
    outcome.warnings = list(getattr(read_errors, "warnings", []))
    errors = checked.errors
    errors.extend(read_errors)
    errors.sort(key=lambda e: (e.sheet, e.row))
    outcome.errors = errors
    if outcome.errors:
        return
    try:
        counts = do_set_values(
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
    except ValueParseError as exc:
        # A listener of the value hook refused the write (values under appraisal are locked,
        # ``ntm.recognition.locks``); the transaction is rolled back whole.
        outcome.errors = [RowError(0, "", exc.message)]
        return
    outcome.created, outcome.updated, outcome.unchanged = (
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    if not outcome.dry_run:
        refresh_statistics(counts.created + counts.updated)
    outcome.changes = _named_changes(counts.changes)


def _named_changes(changes) -> list[tuple]:
    """Changes with the unit's code and name (one query for the listed ones), changed values
    before new ones, in file order within each."""
    from ntm.units.models import AdminUnit

    units = AdminUnit.objects.in_bulk({c.unit_id for c in changes})
    ordered = sorted(changes, key=lambda c: c.old is None)
    return [
        (
            units[c.unit_id].code if c.unit_id in units else "",
            str(units.get(c.unit_id, "")),
            c.set_code,
            c.indicator_code,
            c.period,
            c.old,
            c.new,
            c.old_note,
            c.new_note,
        )
        for c in ordered
    ]
