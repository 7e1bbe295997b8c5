"""Reports as XLSX, laid out like the annexes offices file: a merged title block, bold framed
headers, a sheet per section, widths set, panes frozen, landscape pages fitted to width.

Cells hold numbers, not text, wherever the figure is a number, so the workbook can be summed
and checked; the review's commune × criterion sheet ends with the "Số xã đạt" row.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ntm.reports.narrative import period_en, period_vi
from ntm.reports.progress import SERIES_LABELS, Progress
from ntm.reports.render import labels as L
from ntm.reports.render.cells import neutralise_formulas
from ntm.reports.render.palette import level_colour
from ntm.reports.render.tables import (
    MISSING_CELL,
    UNMET_CELL,
    UNVERIFIED_CELL,
    matrix_states,
    review_matrix_rows,
    summary_rows,
)
from ntm.reports.review import Review
from ntm.reports.summary import Summary
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


def _sheets(lang: str) -> dict[str, str]:
    return SHEETS_VI if lang == "vi" else SHEETS_EN


def _title_block(ws: Worksheet, width: int, title: str, subtitle: str) -> int:
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


def _paragraphs(ws: Worksheet, row: int, width: int, text: str) -> int:
    for line in text.splitlines():
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row=row, column=1, value=line)
        cell.font, cell.alignment = NORMAL, LEFT
        ws.row_dimensions[row].height = 16 * (1 + len(line) // 110)
        row += 1
    return row + 1


def _header(ws: Worksheet, row: int, labels: Sequence[object], start: int = 1) -> None:
    """Bold framed labels; the row is tall enough for labels that wrap onto two or three lines."""
    longest = max((len(str(label)) for label in labels), default=0)
    height = 48 if longest > 24 else 32 if longest > 12 else None
    if height and (ws.row_dimensions[row].height or 0) < height:
        ws.row_dimensions[row].height = height
    for i, label in enumerate(labels):
        cell = ws.cell(row=row, column=start + i, value=label)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BORDER, HEADER_FILL


def _row(
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
        _style(cell, bold, left, fmt)


def _style(cell: Any, bold: bool, left: bool, fmt: str) -> None:
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


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _landscape(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _to_bytes(wb: Workbook) -> bytes:
    neutralise_formulas(wb)  # names and notes like "=HYPERLINK(…)" stay text
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _notes_sheet(wb: Workbook, lang: str, notes: Sequence[str]) -> None:
    ws = wb.create_sheet(_sheets(lang)["notes"])
    _widths(ws, [120])
    stamp = format_date_vi(date.today()) if lang == "vi" else date.today().isoformat()
    lines = [
        *notes,
        L.text(lang)["layout_note"],
        ("Lập bởi ntm ngày " if lang == "vi" else "Made by ntm on ") + stamp,
    ]
    for i, line in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=line)
        cell.font, cell.alignment = NORMAL, LEFT


def review_xlsx(review: Review, lang: str = "vi") -> bytes:
    """Sheets: the text with the banding table, the per-criterion counts, the commune ×
    criterion matrix with its "Số xã đạt" footer, and notes."""
    t, names = L.text(lang), _sheets(lang)
    period = period_vi(review.period) if lang == "vi" else period_en(review.period)
    subtitle = f"{review.unit.name} – {t['set']}: {review.set.name} ({review.set.code}) – {period}"
    wb = Workbook()
    ws = wb.active
    ws.title = names["text"]
    row = _title_block(ws, 6, t["review_title"], subtitle)
    row = _paragraphs(ws, row, 6, review.text if lang == "vi" else review.text_en)
    _header(
        ws,
        row,
        [
            t["no"],
            t["criteria_met"],
            t["communes_count"],
            t["indicators_met"] + " (min)",
            t["indicators_met"] + " (max)",
            t["communes"],
        ],
    )
    for i, g in enumerate(review.groups, start=1):
        _row(
            ws,
            row + i,
            [
                i,
                g.criteria_met,
                len(g.communes),
                g.indicators_min,
                g.indicators_max,
                ", ".join(c.name for c in g.communes),
            ],
            left_columns=(6,),
        )
    _row(
        ws,
        row + len(review.groups) + 1,
        ["", "Tổng" if lang == "vi" else "Total", len(review.communes), None, None, ""],
        bold=True,
    )
    _widths(ws, [6, 16, 10, 18, 18, 70])
    _landscape(ws)

    ws = wb.create_sheet(names["criteria"])
    row = _title_block(ws, 6, t["unmet_title"], subtitle)
    _header(
        ws,
        row,
        [
            t["criterion"],
            t["name"],
            t["unmet_communes"],
            "Thiếu số liệu" if lang == "vi" else "Missing data",
            t["unverified_col"],
            t["communes"],
        ],
    )
    by_code = {c.code: c.name for c in review.communes}
    items = {u.number: u for u in review.unmet_by_criterion}
    for m in review.missing_by_criterion:
        items.setdefault(m.number, m)
    for i, number in enumerate(sorted(items), start=1):
        u = items[number]
        _row(
            ws,
            row + i,
            [
                u.number,
                u.name,
                len(u.unmet),
                len(u.missing),
                len(u.unverified),
                ", ".join(by_code.get(c, c) for c in u.unmet),
            ],
            left_columns=(2, 6),
        )
    _widths(ws, [10, 44, 14, 14, 20, 70])
    ws.freeze_panes = ws.cell(row=row + 1, column=3)
    _landscape(ws)

    _matrix_sheet(wb.create_sheet(names["matrix"]), review, lang, subtitle)
    notes = [
        line
        for line in (review.text if lang == "vi" else review.text_en).splitlines()
        if line.startswith(("Lưu ý", "Bộ tiêu chí chưa", "Note", "The criteria set"))
    ]
    _notes_sheet(wb, lang, notes)
    return _to_bytes(wb)


# Failing, unverified and missing cells: the same colours as the web, PDF and DOCX tables.
CELL_FILLS = {
    UNMET_CELL: PatternFill("solid", fgColor="F8D7DA"),
    UNVERIFIED_CELL: PatternFill("solid", fgColor="FFF3CD"),
    MISSING_CELL: PatternFill("solid", fgColor="E9ECEF"),
}
UNMET_FONT = Font(name="Times New Roman", bold=True, size=12, color="B02A37")


def _mark_cells(ws: Worksheet, row: int, states: Sequence[str | None]) -> None:
    for column, state in enumerate(states, start=1):
        if state and state.startswith("level-"):
            ws.cell(row=row, column=column).font = Font(
                name="Times New Roman",
                size=12,
                bold=state != "level-none",
                color=level_colour(state[len("level-") :]),
            )
        elif state:
            cell = ws.cell(row=row, column=column)
            cell.fill = CELL_FILLS[state]
            if state == UNMET_CELL:
                cell.font = UNMET_FONT


def _matrix_sheet(ws: Worksheet, review: Review, lang: str, subtitle: str) -> None:
    t = L.text(lang)
    head, rows, foot = review_matrix_rows(review, lang)
    n_criteria = len(head) - 5
    width = len(head)
    row = _title_block(ws, width, t["matrix_title"], subtitle)
    # Two header rows: "Tiêu chí" merged over the criterion numbers, the rest merged downwards.
    _header(ws, row, [head[0], head[1]])
    _header(ws, row, head[-3:], start=3 + n_criteria)
    for col in (1, 2, *range(3 + n_criteria, width + 1)):
        ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
    _header(ws, row, ["Tiêu chí" if lang == "vi" else "Criteria"], start=3)
    if n_criteria > 1:
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=2 + n_criteria)
    _header(ws, row + 1, [int(h) for h in head[2 : 2 + n_criteria]], start=3)
    for c in range(1, width + 1):
        ws.cell(row=row + 1, column=c).border = BORDER
    states = matrix_states(rows, lang)
    for i, values in enumerate(rows, start=row + 2):
        commune = review.communes[i - row - 2]
        _row(
            ws,
            i,
            [*values[: 2 + n_criteria], commune.criteria_met, commune.indicators_met, values[-1]],
            left_columns=(2,),
        )
        _mark_cells(ws, i, states[i - row - 2])
    _row(
        ws,
        row + 2 + len(rows),
        [foot[0], "", *foot[2 : 2 + n_criteria], None, None, None],
        bold=True,
    )
    ws.merge_cells(
        start_row=row + 2 + len(rows), start_column=1, end_row=row + 2 + len(rows), end_column=2
    )
    _widths(ws, [6, 22, *([5] * n_criteria), 12, 12, 18])
    ws.freeze_panes = ws.cell(row=row + 2, column=3)
    ws.print_title_rows = f"{row}:{row + 1}"
    _landscape(ws)


def summary_xlsx(summary: Summary, lang: str = "vi") -> bytes:
    t = L.text(lang)
    f = summary.figures
    period = period_vi(f.period) if lang == "vi" else period_en(f.period)
    since = (
        (period_vi(summary.earlier.period) if lang == "vi" else period_en(summary.earlier.period))
        if summary.earlier
        else "—"
    )
    wb = Workbook()
    ws = wb.active
    ws.title = _sheets(lang)["text"]
    row = _title_block(ws, 5, t["summary_title"], f"{summary.unit.name} – {period}")
    row = _paragraphs(ws, row, 5, summary.text if lang == "vi" else summary.text_en)
    _header(ws, row, [t["content"], t["unit_col"], since, period, t["change"]])
    table = summary_rows(summary, lang)
    for section in summary.sections:
        table += section.rows(lang)
    for key in summary.placeholders:
        value = summary.provided.get(key)
        table.append([t[key], "", None, t["no_data"] if value is None else value, None])
    if summary.rank:
        r = summary.rank
        rank = (
            f"{r.position}/{r.of}"
            if r.all_have_data
            else t["rank_among"].format(position=r.position, of=r.of, total=r.siblings_total)
        )
        table.append([t["rank"], "", None, rank, None])
    for i, values in enumerate(table, start=1):
        _row(ws, row + i, values, left_columns=(1,))
    _widths(ws, [48, 10, 16, 16, 14])
    _landscape(ws)
    _notes_sheet(wb, lang, summary.notes if lang == "vi" else summary.notes_en)
    return _to_bytes(wb)


def progress_xlsx(progress: Progress, lang: str = "vi") -> bytes:
    """One row per period, one column per figure, and a line chart of the NTM share."""
    t = L.text(lang)
    data = progress.to_json()
    idx = 0 if lang == "vi" else 1
    series = {s["key"]: s["values"] for s in data["chart"]["series"]}
    wb = Workbook()
    ws = wb.active
    ws.title = _sheets(lang)["progress"]
    width = 2 + len(series)
    row = _title_block(ws, width, t["progress_title"], progress.unit.name)
    row = _paragraphs(ws, row, width, progress.text if lang == "vi" else progress.text_en)
    # The period stays a plain label (the chart's categories); a carried-forward period says so
    # in the last column.
    _header(ws, row, [t["period"], *[SERIES_LABELS[k][idx] for k in series], t["notes"]])
    mark = t["carried_forward"]
    for i, point in enumerate(progress.points, start=1):
        _row(
            ws,
            row + i,
            [
                point.period,
                *[series[k][i - 1] for k in series],
                mark if point.carried_forward else None,
            ],
        )
    _widths(ws, [12, *([20] * len(series)), 20])
    if data["periods"]:
        chart = LineChart()
        chart.title = t["share_chart"]
        chart.height, chart.width = 8, 18
        values = Reference(ws, min_col=2, min_row=row, max_row=row + len(data["periods"]))
        chart.add_data(values, titles_from_data=True)
        for line in chart.series:
            line.smooth = False  # a trend between yearly figures, not a curve through them
        chart.set_categories(
            Reference(ws, min_col=1, min_row=row + 1, max_row=row + len(data["periods"]))
        )
        ws.add_chart(chart, f"B{row + len(data['periods']) + 3}")
    _landscape(ws)
    _notes_sheet(wb, lang, [])
    return _to_bytes(wb)
