"""Reading a CSV by blocks gives the same lines, line numbers and errors as reading it line by
line (``LineReader``: blocks for speed, the careful path for CR, NUL and bad UTF-8)."""

from __future__ import annotations

import io

import pytest

from ntm.imports import csv_source
from ntm.imports.csv_source import LineReader
from ntm.imports.rows import FileFormatError

HEADER = "unit,period,set,indicator,value\n"
ROWS = "".join(f"93894{n:02d},2024,xa-ntm-2021-2025,1.{n % 9},Đạt\n" for n in range(40))
FILES = {
    "lf": HEADER + ROWS,
    "crlf": (HEADER + ROWS).replace("\n", "\r\n"),
    "cr only": (HEADER + ROWS).replace("\n", "\r"),
    "a bare cr in the middle": HEADER + ROWS[:200] + "\r" + ROWS[200:],
    "no last line end": HEADER + ROWS.rstrip("\n"),
    "blank lines": HEADER + "\n\n" + ROWS + "\n   \n",
    "bom": "\ufeff" + HEADER + ROWS,
    "nul": HEADER + ROWS[:300] + "\x00" + ROWS[300:],
}


def _line_by_line(data: bytes) -> tuple[list[str], str]:
    reader = LineReader(io.BytesIO(data))
    lines: list[str] = []
    try:
        while line := reader.readline():
            lines.append(line)
    except FileFormatError as exc:
        return lines, exc.reason
    return lines, ""


def _by_blocks(data: bytes) -> tuple[list[str], str]:
    reader = LineReader(io.BytesIO(data))
    lines = [reader.readline()]  # the header, as the readers take it
    try:
        lines.extend(reader)
    except FileFormatError as exc:
        return lines, exc.reason
    return lines, ""


@pytest.mark.parametrize("name", [*FILES, "bad utf-8"])
@pytest.mark.parametrize("block", [7, 64, 1 << 20])
def test_blocks_read_the_lines_and_errors_that_single_lines_read(name, block, monkeypatch):
    if name == "bad utf-8":
        data = (HEADER + ROWS[:500]).encode() + b"\xff\xfe" + ROWS[500:].encode()
    else:
        data = FILES[name].encode("utf-8")
    expected = _line_by_line(data)
    monkeypatch.setattr(csv_source, "BLOCK_BYTES", block)
    assert _by_blocks(data) == expected
    lines, error = expected
    assert len(lines) > 5
    assert bool(error) == (name in ("nul", "bad utf-8"))
    if error:  # the line named is the one after the last read
        assert error.startswith(f"Dòng {len(lines) + 1}:")
