"""Reading the CSV long form (design.md §6, a contract): pure, no database.

Header ``unit,period,set,indicator,value[,note]`` (any order, any case), UTF-8 with or without a
BOM, comma or semicolon separated (sniffed from the header line, because Excel in a Vietnamese
locale saves with semicolons).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from ntm.imports.rows import FileFormatError, RowError, SourceRow

REQUIRED_COLUMNS = ("unit", "period", "set", "indicator", "value")
OPTIONAL_COLUMNS = ("note",)

# Building the named tuple without its keyword-handling __new__: a national file has 750,000 rows.
_new_source_row = partial(tuple.__new__, SourceRow)

MSG_NOT_UTF8 = "Tệp CSV không phải UTF-8 (hãy lưu lại với kiểu mã hóa UTF-8)"
MSG_EMPTY_FILE = "Tệp CSV rỗng: cần dòng tiêu đề unit,period,set,indicator,value[,note]"
MSG_MISSING_COLUMNS = "Thiếu cột {columns} ở dòng tiêu đề (cần: unit,period,set,indicator,value[,note])"
MSG_UNKNOWN_COLUMNS = "Cột không được hỗ trợ ở dòng tiêu đề: {columns}"
MSG_DUPLICATE_COLUMN = 'Cột "{column}" có hai lần ở dòng tiêu đề'
MSG_FIELD_COUNT = "Dòng có {found} ô, dòng tiêu đề có {expected}"


def sniff_delimiter(header_line: str) -> str:
    """";" when the header has more semicolons than commas, else ","."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(MSG_NOT_UTF8) from None


def read_csv_text(text: str) -> tuple[Iterator[SourceRow], list[RowError]]:
    """The rows of a CSV document and the rows too malformed to yield (wrong cell count).

    The iterator fills the error list as it goes; read it after exhausting the iterator.
    Raises ``FileFormatError`` for a header that is not the contract's.
    """
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    if not first_line.strip():
        raise FileFormatError(MSG_EMPTY_FILE)
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(first_line))
    header = [h.strip().lower() for h in next(reader)]
    positions = _header_positions(header)
    errors: list[RowError] = []
    return _rows(reader, positions, len(header), errors), errors


def read_csv_file(path: str | Path) -> tuple[Iterator[SourceRow], list[RowError]]:
    return read_csv_text(decode(Path(path).read_bytes()))


def _header_positions(header: list[str]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in seen:
            raise FileFormatError(MSG_DUPLICATE_COLUMN.format(column=name))
        seen[name] = i
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        raise FileFormatError(MSG_MISSING_COLUMNS.format(columns=", ".join(missing)))
    unknown = [c for c in seen if c and c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise FileFormatError(MSG_UNKNOWN_COLUMNS.format(columns=", ".join(unknown)))
    return seen


def _rows(reader, positions: dict[str, int], width: int, errors: list[RowError]) -> Iterator[SourceRow]:
    iu, ip, iset, iind, ival = (positions[c] for c in REQUIRED_COLUMNS)
    inote = positions.get("note")
    columns = {c: c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    for number, cells in enumerate(reader, start=2):
        if len(cells) != width:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) < width:
                errors.append(RowError(number, "", MSG_FIELD_COUNT.format(found=len(cells), expected=width)))
                continue
            if any(c.strip() for c in cells[width:]):
                errors.append(RowError(number, "", MSG_FIELD_COUNT.format(found=len(cells), expected=width)))
                continue
        yield _new_source_row((
            number,
            cells[iu].strip(),
            cells[ip].strip(),
            cells[iset].strip(),
            cells[iind].strip(),
            cells[ival],
            cells[inote] if inote is not None else None,
            columns,
            "",
        ))
