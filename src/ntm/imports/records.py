"""Record files: every ``ntm import`` kind other than indicator values (design.md §10).

The header says what a file holds (``unit,level,decision,date,issuer`` is a recognition file,
``unit,period,source,amount_vnd`` a funds file…). Each app that owns a kind registers a
``RecordKind`` in its ``AppConfig.ready``; this module reads the file (CSV or the first sheet
of an XLSX whose first row is such a header), checks every row through the kind, and writes
all rows in one transaction, or nothing. Why one mechanism: every kind then has the value
files' rules (UTF-8 with or without BOM, comma or semicolon, Vietnamese numbers, name paths,
every bad row named, all or nothing) without writing them again.

This module is what a kind is written against (``RecordRow``, ``RecordContext``, ``RecordKind``,
the registry); ``record_files`` reads a file and runs the import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from ntm.assessments.writes import WriteCounts as WriteCounts  # what a kind's write returns
from ntm.imports.rows import FileFormatError, RowError
from ntm.imports.unit_refs import IndexedUnits
from ntm.textnorm import normalize_text, parse_date, parse_number

T = TypeVar("T")

MSG_REQUIRED = "Thiếu giá trị"
MSG_NOT_ONE_OF = "Giá trị {value!r} không hợp lệ; dùng một trong: {choices}"
MSG_NOT_INTEGER = "Cần số nguyên, nhận {value!r}"
MSG_BELOW = "Cần số từ {minimum} trở lên, nhận {value!r}"
MSG_ABOVE = "Cần số không quá {maximum}, nhận {value!r}"
MSG_UNKNOWN_HEADER = (
    "Không nhận ra loại tệp từ dòng tiêu đề ({columns}). Các loại tệp được nhận: {kinds}"
)
VALUE_COLUMNS = ("unit", "period", "set", "indicator", "value")
# Every text cell of a record, from a file or the API, is bounded (names, notes, decisions).
MSG_CELL_TOO_LONG = "Ô dài quá {limit} ký tự"
CELL_MAX_LENGTH = 2000


@dataclass(slots=True)
class RecordRow:
    """One data row of a record file: its cells by column name, and the problems found in it.

    Checkers read fields through the typed getters below; a getter that fails records the
    problem (row, column, Vietnamese reason) and returns None, so one pass names every bad
    field of the row.
    """

    row: int
    cells: dict[str, Any]
    sheet: str = ""
    problems: list[RowError] = field(default_factory=list)

    def text(self, column: str) -> str:
        value = self.cells.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime | date):
            return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
        return str(value).strip()

    def has(self, column: str) -> bool:
        return bool(self.text(column))

    def fail(self, column: str, reason: str) -> None:
        self.problems.append(RowError(self.row, column, reason, self.sheet))

    def required(self, column: str) -> str | None:
        text = self.text(column)
        if not text:
            self.fail(column, MSG_REQUIRED)
            return None
        return text

    def optional(self, column: str) -> str:
        return self.text(column)

    def date(self, column: str, *, required: bool = True) -> date | None:
        value = self.cells.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(column, MSG_REQUIRED)
            return None
        try:
            return parse_date(value if isinstance(value, date) else str(value))
        except ValueError as exc:
            self.fail(column, str(exc))
            return None

    def number(
        self,
        column: str,
        *,
        required: bool = True,
        integer: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        """A number written the Vietnamese way or plainly ("1.250.000.000", "3,25")."""
        value = self.cells.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(column, MSG_REQUIRED)
            return None
        try:
            number = parse_number(value)
        except ValueError as exc:
            self.fail(column, str(exc))
            return None
        if integer and not float(number).is_integer():
            self.fail(column, MSG_NOT_INTEGER.format(value=self.text(column)))
            return None
        if minimum is not None and number < minimum:
            self.fail(column, MSG_BELOW.format(minimum=_plain(minimum), value=self.text(column)))
            return None
        if maximum is not None and number > maximum:
            self.fail(column, MSG_ABOVE.format(maximum=_plain(maximum), value=self.text(column)))
            return None
        return int(number) if integer else number

    def choice(self, column: str, choices: Mapping[str, T], *, required: bool = True) -> T | None:
        """The value ``choices`` maps the cell to, its keys compared after ``normalize_text``
        (case, Unicode form and tone placement do not matter)."""
        text = self.text(column)
        if not text:
            if required:
                self.fail(column, MSG_REQUIRED)
            return None
        keyed = {normalize_text(k): v for k, v in choices.items()}
        found = keyed.get(normalize_text(text))
        if found is None:
            self.fail(column, MSG_NOT_ONE_OF.format(value=text, choices=", ".join(choices)))
        return found


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


class RecordContext:
    """What a kind's checker and writer need besides the row: units, author, dry run."""

    def __init__(
        self,
        units: IndexedUnits,
        *,
        author: Any = None,
        dry_run: bool = False,
        source_name: str = "",
    ) -> None:
        self.units = units
        self.author = author
        self.dry_run = dry_run
        self.source_name = source_name

    def unit(self, row: RecordRow, column: str = "unit", *, on: date | None = None) -> int | None:
        """The id of the unit the cell names (code or name path, valid on ``on``), or None
        with the problem recorded on the row (unknown, ambiguous, outside the user's scope)."""
        ref = row.required(column)
        if ref is None:
            return None
        unit_id, reason = self.units.resolve_on(ref, on)
        if unit_id is None:
            row.fail(column, reason)
        return unit_id


RowChecker = Callable[[RecordRow, RecordContext], Any]
FileChecker = Callable[[list[tuple[RecordRow, Any]], RecordContext], list[RowError]]
Writer = Callable[[list[Any], RecordContext], WriteCounts]


@dataclass(frozen=True)
class RecordKind:
    """One kind of record file.

    ``check_row`` returns the checked record (anything the writer understands) or records
    problems on the row; ``check_file`` finds problems between rows (the same key twice);
    ``write`` runs inside the import's transaction and returns the counts.
    """

    name: str
    label: str  # what the file holds, in Vietnamese: "quyết định công nhận"
    required: tuple[str, ...]
    optional: tuple[str, ...]
    check_row: RowChecker
    write: Writer
    check_file: FileChecker | None = None

    def matches(self, columns: set[str]) -> bool:
        return set(self.required) <= columns

    @property
    def header(self) -> str:
        return ",".join(self.required) + "".join(f"[,{c}]" for c in self.optional)


_KINDS: dict[str, RecordKind] = {}


def register_kind(kind: RecordKind) -> None:
    """Called from an app's ``ready()``; registering the same name again replaces it."""
    _KINDS[kind.name] = kind


def registered_kinds() -> list[RecordKind]:
    return list(_KINDS.values())


def kind_for_header(columns: Sequence[str]) -> RecordKind | None:
    """The kind whose required columns the header has; the one with the most required
    columns wins, so a header is never read as a poorer kind it happens to contain."""
    names = set(columns)
    found = [k for k in _KINDS.values() if k.matches(names)]
    return max(found, key=lambda k: len(k.required)) if found else None


def is_value_header(columns: Sequence[str]) -> bool:
    return set(VALUE_COLUMNS) <= set(columns)


def unknown_header_error(columns: Sequence[str]) -> FileFormatError:
    kinds = "; ".join(
        ["unit,period,set,indicator,value[,note]"] + [k.header for k in _KINDS.values()]
    )
    return FileFormatError(MSG_UNKNOWN_HEADER.format(columns=",".join(columns), kinds=kinds))
