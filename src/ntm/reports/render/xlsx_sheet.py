"""The sheet helpers the XLSX reports share: Times New Roman styles, merged title blocks,
framed headers and body rows, widths, landscape pages, and notes.

Why apart from ``xlsx``: the three workbooks (review, summary, progress) are laid out there;
how a cell is styled, fast, is one job of its own (see ``style``).
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ntm.reports.render import labels as L
from ntm.reports.render.cells import neutralise_formulas
from ntm.textnorm import format_date_vi

THIN = Side(style="thin", color="555555")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
TITLE_FONT = Font(name="Times New Roman", bold=True, size=14)
BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
INTEGER, DECIMAL = "#,##0", "#,##0.00"

SHEETS_VI = {
    "text": "Tổng hợp",
    "criteria": "Theo tiêu chí",
    "matrix": "Xã x tiêu chí",
    "notes": "Ghi chú",
    "progress": "Theo kỳ",
}
SHEETS_EN = {
    "text": "Summary",
    "criteria": "By criterion",
    "matrix": "Communes x criteria",
    "notes": "Notes",
    "progress": "By period",
}


def sheets(lang: str) -> dict[str, str]:
    return SHEETS_VI if lang == "vi" else SHEETS_EN


def title_block(ws: Worksheet, width: int, title: str, subtitle: str) -> int:
    """Merged title and subtitle rows; returns the next free row."""
    for row, text, font in (
        (1, title.upper(), TITLE_FONT),
        (2, subtitle, Font(name="Times New Roman", italic=True, size=12)),
    ):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row=row, column=1, value=text)
        cell.font, cell.alignment = font, CENTER
    ws.row_dimensions[1].height = 36
    return 4


def paragraphs(ws: Worksheet, row: int, width: int, text: str) -> int:
    for line in text.splitlines():
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row=row, column=1, value=line)
        cell.font, cell.alignment = NORMAL, LEFT
        ws.row_dimensions[row].height = 16 * (1 + len(line) // 110)
        row += 1
    return row + 1


def header_row(ws: Worksheet, row: int, labels: Sequence[object], start: int = 1) -> None:
    """Bold framed labels; the row is tall enough for labels that wrap onto two or three lines."""
    longest = max((len(str(label)) for label in labels), default=0)
    height = 48 if longest > 24 else 32 if longest > 12 else None
    if height and (ws.row_dimensions[row].height or 0) < height:
        ws.row_dimensions[row].height = height
    for i, label in enumerate(labels):
        cell = ws.cell(row=row, column=start + i, value=label)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BORDER, HEADER_FILL


def body_row(
    ws: Worksheet,
    row: int,
    values: Sequence[object],
    formats: dict[int, str] | None = None,
    bold: bool = False,
    left_columns: Sequence[int] = (),
) -> None:
    for i, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=i, value=value)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        fmt = (
            (formats or {}).get(i, INTEGER if isinstance(value, int) else DECIMAL)
            if number
            else "General"
        )
        left = i in left_columns or (isinstance(value, str) and len(value) > 12)
        style(cell, bold, left, fmt)


def style(cell: Any, bold: bool, left: bool, fmt: str) -> None:
    """Style a body cell. Setting four style objects per cell costs most of a big sheet's time
    (openpyxl hashes each), so each combination is set once per workbook and its style array
    (indexes into that workbook's style tables) copied after."""
    cache = cell.parent.parent.__dict__.setdefault("_ntm_style_cache", {})
    key = (bold, left, fmt)
    if key in cache:
        cell._style = copy(cache[key])
        return
    cell.border, cell.font = BORDER, BOLD if bold else NORMAL
    cell.alignment = LEFT if left else CENTER
    cell.number_format = fmt
    cache[key] = copy(cell._style)


def widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def landscape(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def to_bytes(wb: Workbook) -> bytes:
    neutralise_formulas(wb)  # names and notes like "=HYPERLINK(…)" stay text
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def notes_sheet(wb: Workbook, lang: str, notes: Sequence[str]) -> None:
    ws = wb.create_sheet(sheets(lang)["notes"])
    widths(ws, [120])
    stamp = format_date_vi(date.today()) if lang == "vi" else date.today().isoformat()
    lines = [
        *notes,
        L.text(lang)["layout_note"],
        ("Lập bởi ntm ngày " if lang == "vi" else "Made by ntm on ") + stamp,
    ]
    for i, line in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=line)
        cell.font, cell.alignment = NORMAL, LEFT
