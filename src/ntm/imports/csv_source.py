"""Reading the CSV long form (design.md §6, a contract): pure, no database.

Header ``unit,period,set,indicator,value[,note]`` (any order, any case), UTF-8 with or without a
BOM, comma or semicolon separated (sniffed from the header line, because Excel in a Vietnamese
locale saves with semicolons).

The file is streamed (a national file never sits in memory whole), with universal newlines:
CR-only files (old Mac Excel) and bare CRs read as line ends instead of crashing the csv module.
Whatever the csv module or the decoder refuses becomes a ``FileFormatError`` naming the row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from ntm.imports.rows import FileFormatError, ReadProblems, RowError, SourceRow

REQUIRED_COLUMNS = ("unit", "period", "set", "indicator", "value")
OPTIONAL_COLUMNS = ("note",)

# A CSV row's column labels (``SourceRow.columns``): the field names themselves, one dict for
# every row (the checker tells a CSV row by it).
CSV_COLUMNS = {c: c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}

# Building the named tuple without its keyword-handling __new__: a national file has 750,000 rows.
_new_source_row = partial(tuple.__new__, SourceRow)

MSG_NOT_UTF8 = "Tệp CSV không phải UTF-8 (hãy lưu lại với kiểu mã hóa UTF-8)"
MSG_NOT_UTF8_AT = (
    "Dòng {row}: tệp CSV không phải UTF-8 từ dòng này (hãy lưu lại với kiểu mã hóa UTF-8)"
)
MSG_EMPTY_FILE = "Tệp CSV rỗng: cần dòng tiêu đề unit,period,set,indicator,value[,note]"
MSG_MISSING_COLUMNS = (
    "Thiếu cột {columns} ở dòng tiêu đề (cần: unit,period,set,indicator,value[,note])"
)
MSG_UNKNOWN_COLUMNS = "Cột không được hỗ trợ ở dòng tiêu đề: {columns}"
MSG_DUPLICATE_COLUMN = 'Cột "{column}" có hai lần ở dòng tiêu đề'
MSG_FIELD_COUNT = "Dòng có {found} ô, dòng tiêu đề có {expected}"
MSG_FIELD_TOO_LONG = (
    "Dòng {row}: có ô dài quá {limit} ký tự (tệp hỏng, hoặc thiếu dấu ngoặc kép đóng?)"
)
MSG_NUL = "Dòng {row}: có ký tự NUL (tệp nhị phân, không phải CSV?)"
MSG_CSV_BROKEN = "Dòng {row}: không đọc được dòng CSV ({reason})"
MSG_HEADER_TOO_LONG = (
    "Dòng tiêu đề dài bất thường (trên {limit} ký tự): đây không phải tệp CSV theo mẫu"
)
# Bytes read at once by ``LineReader.__iter__``.
BLOCK_BYTES = 1 << 20
# A header line longer than this is not a header (and reading it whole costs memory).
HEADER_MAX_CHARS = 64 * 1024


def _vi(number: int) -> str:
    """131072 -> "131.072", as a Vietnamese reader writes it."""
    return f"{number:,}".replace(",", ".")


def sniff_delimiter(header_line: str) -> str:
    """ ";" when the header has more semicolons than commas, else ","."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(MSG_NOT_UTF8) from None


class LineReader:
    """A CSV file's lines, decoded one by one as UTF-8 (so a bad byte is named by its line),
    with universal newlines: CR-only files (old Mac Excel) and bare CRs end lines instead of
    crashing the csv module. Lines keep a "\n" end."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.line = 0
        self._pending: list[str] = []
        self._first = True

    def _next_line(self, limit: int = -1) -> str:
        if not self._pending:
            raw = self.handle.readline(limit)
            if not raw:
                return ""
            if 0 < limit <= len(raw) and not raw.endswith(b"\n"):
                raise FileFormatError(MSG_HEADER_TOO_LONG.format(limit=_vi(HEADER_MAX_CHARS)))
            if self._first and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            self._first = False
            self._pending = self._split(raw)
        self.line += 1
        return self._pending.pop()

    def _split(self, raw: bytes) -> list[str]:
        """One line read from the file as the lines it holds (a bare CR ends one too), last
        first."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise FileFormatError(
                MSG_NOT_UTF8 if self.line == 0 else MSG_NOT_UTF8_AT.format(row=self.line + 1)
            ) from None
        if "\x00" in text:
            # PostgreSQL cannot store NUL in text: refuse it here, by line, for every kind.
            raise FileFormatError(MSG_NUL.format(row=self.line + 1))
        return (
            [p + "\n" for p in _NEWLINES.split(text.rstrip("\r\n"))][::-1]
            if text.strip("\r\n")
            else ["\n"]
        )

    def readline(self, limit: int = -1) -> str:
        return self._next_line(limit)

    def __iter__(self) -> Iterator[str]:
        """The remaining lines, a block of ``BLOCK_BYTES`` at a time where that gives the same
        lines (no NUL, valid UTF-8, no CR but in CRLF line ends: a national file), else line by
        line as above."""
        while self._pending:
            yield self._next_line()
        while block := self.handle.read(BLOCK_BYTES):
            if not block.endswith(b"\n"):
                block += self.handle.readline()
            if self._first and block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
            self._first = False
            text = None
            crs = block.count(b"\r")
            if crs and crs == block.count(b"\r\n"):  # Windows line ends only (Excel, csv)
                block, crs = block.replace(b"\r\n", b"\n"), 0
            if not crs and b"\x00" not in block:
                try:
                    text = block.decode("utf-8")
                except UnicodeDecodeError:
                    text = None
            if text is None:
                for raw in io.BytesIO(block):
                    self._pending = self._split(raw)
                    while self._pending:
                        yield self._next_line()
                continue
            lines = text.split("\n")
            last = lines.pop()
            self.line += len(lines)
            for line in lines:
                yield line + "\n"
            if last:  # the file's last line, without a line end
                self.line += 1
                yield last + "\n"

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> LineReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_NEWLINES = re.compile(r"\r\n|\r|\n")


def open_text(path: str | Path) -> LineReader:
    """The file's lines as UTF-8 text (BOM dropped) with universal newlines."""
    return LineReader(open(path, "rb"))  # noqa: SIM115 (closed by the reader)


def first_line(handle: LineReader | TextIO) -> str:
    """The header line of an open CSV, without its line end; FileFormatError if undecodable."""
    try:
        line = handle.readline(HEADER_MAX_CHARS + 1)
    except UnicodeDecodeError:
        raise FileFormatError(MSG_NOT_UTF8) from None
    if len(line.rstrip("\n")) > HEADER_MAX_CHARS:
        raise FileFormatError(MSG_HEADER_TOO_LONG.format(limit=_vi(HEADER_MAX_CHARS)))
    return line.rstrip("\n")


def csv_rows(lines: Iterable[str], delimiter: str, start: int) -> Iterator[tuple[int, list[str]]]:
    """(record number, cells) of a CSV stream; the csv module's and the decoder's failures
    become a ``FileFormatError`` naming the record where they happened."""
    reader = csv.reader(lines, delimiter=delimiter)
    number = start - 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise FileFormatError(MSG_NOT_UTF8_AT.format(row=number)) from None
        except csv.Error as exc:
            reason = str(exc)
            if "field larger than field limit" in reason:
                raise FileFormatError(
                    MSG_FIELD_TOO_LONG.format(row=number, limit=_vi(csv.field_size_limit()))
                ) from None
            if "NUL" in reason:
                raise FileFormatError(MSG_NUL.format(row=number)) from None
            raise FileFormatError(MSG_CSV_BROKEN.format(row=number, reason=reason)) from None
        yield number, cells


def read_csv_text(text: str) -> tuple[Iterator[SourceRow], list[RowError]]:
    """The rows of a CSV document and the rows too malformed to yield (wrong cell count).

    The iterator fills the error list as it goes; read it after exhausting the iterator.
    Raises ``FileFormatError`` for a header that is not the contract's.
    """
    return _read(LineReader(io.BytesIO(text.encode("utf-8", "surrogatepass"))))


def read_csv_file(path: str | Path) -> tuple[Iterator[SourceRow], list[RowError]]:
    return _read(open_text(path))


def _read(handle: LineReader) -> tuple[Iterator[SourceRow], list[RowError]]:
    try:
        line = first_line(handle)
        if not line.strip():
            raise FileFormatError(MSG_EMPTY_FILE)
        delimiter = sniff_delimiter(line)
        _, header_cells = next(csv_rows([line], delimiter, 1))
        header = [h.strip().lower() for h in header_cells]
        positions = _header_positions(header)
    except BaseException:
        handle.close()
        raise
    errors = ReadProblems()
    return _rows(handle, csv_rows(handle, delimiter, 2), positions, len(header), errors), errors


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


def _rows(
    handle: LineReader, records, positions: dict[str, int], width: int, errors: ReadProblems
) -> Iterator[SourceRow]:
    iu, ip, iset, iind, ival = (positions[c] for c in REQUIRED_COLUMNS)
    inote = positions.get("note")
    columns = CSV_COLUMNS
    try:
        for number, cells in records:
            if not "".join(cells).strip():  # every cell blank (one C call, not one per cell)
                # A blank line, or Excel's ",,,,," at the header's width: skipped, and said so.
                errors.skip_blank(number)
                continue
            if len(cells) != width and (
                len(cells) < width or any(c.strip() for c in cells[width:])
            ):
                errors.append(
                    RowError(number, "", MSG_FIELD_COUNT.format(found=len(cells), expected=width))
                )
                continue
            yield _new_source_row(
                (
                    number,
                    cells[iu].strip(),
                    cells[ip].strip(),
                    cells[iset].strip(),
                    cells[iind].strip(),
                    cells[ival],
                    cells[inote] if inote is not None else None,
                    columns,
                    "",
                )
            )
        errors.warnings.extend(errors.blank_row_warnings())
    finally:
        handle.close()
