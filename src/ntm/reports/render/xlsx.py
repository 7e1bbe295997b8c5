"""Reports as XLSX, laid out like the annexes offices file: a merged title block, bold framed
headers, a sheet per section, widths set, panes frozen, landscape pages fitted to width.

Cells hold numbers, not text, wherever the figure is a number, so the workbook can be summed
and checked; the review's commune × criterion sheet ends with the "Số xã đạt" row.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ntm.reports.narrative import period_en, period_vi
from ntm.reports.progress import SERIES_LABELS, Progress
from ntm.reports.render import labels as L
from ntm.reports.render.palette import level_colour
from ntm.reports.render.tables import (
    MISSING_CELL,
    UNMET_CELL,
    UNVERIFIED_CELL,
    matrix_states,
    review_matrix_rows,
    summary_rows,
)
from ntm.reports.render.xlsx_sheet import (
    BORDER,
    body_row,
    header_row,
    landscape,
    notes_sheet,
    paragraphs,
    sheets,
    title_block,
    to_bytes,
    widths,
)
from ntm.reports.review import Review
from ntm.reports.summary import Summary


def review_xlsx(review: Review, lang: str = "vi") -> bytes:
    """Sheets: the text with the banding table, the per-criterion counts, the commune ×
    criterion matrix with its "Số xã đạt" footer, and notes."""
    t, names = L.text(lang), sheets(lang)
    period = period_vi(review.period) if lang == "vi" else period_en(review.period)
    subtitle = f"{review.unit.name} – {t['set']}: {review.set.name} ({review.set.code}) – {period}"
    wb = Workbook()
    ws = wb.active
    ws.title = names["text"]
    row = title_block(ws, 6, t["review_title"], subtitle)
    row = paragraphs(ws, row, 6, review.text if lang == "vi" else review.text_en)
    header_row(
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
        body_row(
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
    body_row(
        ws,
        row + len(review.groups) + 1,
        ["", "Tổng" if lang == "vi" else "Total", len(review.communes), None, None, ""],
        bold=True,
    )
    widths(ws, [6, 16, 10, 18, 18, 70])
    landscape(ws)

    ws = wb.create_sheet(names["criteria"])
    row = title_block(ws, 6, t["unmet_title"], subtitle)
    header_row(
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
        body_row(
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
    widths(ws, [10, 44, 14, 14, 20, 70])
    ws.freeze_panes = ws.cell(row=row + 1, column=3)
    landscape(ws)

    _matrix_sheet(wb.create_sheet(names["matrix"]), review, lang, subtitle)
    notes = [
        line
        for line in (review.text if lang == "vi" else review.text_en).splitlines()
        if line.startswith(("Lưu ý", "Bộ tiêu chí chưa", "Note", "The criteria set"))
    ]
    notes_sheet(wb, lang, notes)
    return to_bytes(wb)


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
    row = title_block(ws, width, t["matrix_title"], subtitle)
    # Two header rows: "Tiêu chí" merged over the criterion numbers, the rest merged downwards.
    header_row(ws, row, [head[0], head[1]])
    header_row(ws, row, head[-3:], start=3 + n_criteria)
    for col in (1, 2, *range(3 + n_criteria, width + 1)):
        ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
    header_row(ws, row, ["Tiêu chí" if lang == "vi" else "Criteria"], start=3)
    if n_criteria > 1:
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=2 + n_criteria)
    header_row(ws, row + 1, [int(h) for h in head[2 : 2 + n_criteria]], start=3)
    for c in range(1, width + 1):
        ws.cell(row=row + 1, column=c).border = BORDER
    states = matrix_states(rows, lang)
    for i, values in enumerate(rows, start=row + 2):
        commune = review.communes[i - row - 2]
        body_row(
            ws,
            i,
            [*values[: 2 + n_criteria], commune.criteria_met, commune.indicators_met, values[-1]],
            left_columns=(2,),
        )
        _mark_cells(ws, i, states[i - row - 2])
    body_row(
        ws,
        row + 2 + len(rows),
        [foot[0], "", *foot[2 : 2 + n_criteria], None, None, None],
        bold=True,
    )
    ws.merge_cells(
        start_row=row + 2 + len(rows), start_column=1, end_row=row + 2 + len(rows), end_column=2
    )
    widths(ws, [6, 22, *([5] * n_criteria), 12, 12, 18])
    ws.freeze_panes = ws.cell(row=row + 2, column=3)
    ws.print_title_rows = f"{row}:{row + 1}"
    landscape(ws)


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
    ws.title = sheets(lang)["text"]
    row = title_block(ws, 5, t["summary_title"], f"{summary.unit.name} – {period}")
    row = paragraphs(ws, row, 5, summary.text if lang == "vi" else summary.text_en)
    header_row(ws, row, [t["content"], t["unit_col"], since, period, t["change"]])
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
        body_row(ws, row + i, values, left_columns=(1,))
    widths(ws, [48, 10, 16, 16, 14])
    landscape(ws)
    notes_sheet(wb, lang, summary.notes if lang == "vi" else summary.notes_en)
    return to_bytes(wb)


def progress_xlsx(progress: Progress, lang: str = "vi") -> bytes:
    """One row per period, one column per figure, and a line chart of the NTM share."""
    t = L.text(lang)
    data = progress.to_json()
    idx = 0 if lang == "vi" else 1
    series = {s["key"]: s["values"] for s in data["chart"]["series"]}
    wb = Workbook()
    ws = wb.active
    ws.title = sheets(lang)["progress"]
    width = 2 + len(series)
    row = title_block(ws, width, t["progress_title"], progress.unit.name)
    row = paragraphs(ws, row, width, progress.text if lang == "vi" else progress.text_en)
    # The period stays a plain label (the chart's categories); a carried-forward period says so
    # in the last column.
    header_row(ws, row, [t["period"], *[SERIES_LABELS[k][idx] for k in series], t["notes"]])
    mark = t["carried_forward"]
    for i, point in enumerate(progress.points, start=1):
        body_row(
            ws,
            row + i,
            [
                point.period,
                *[series[k][i - 1] for k in series],
                mark if point.carried_forward else None,
            ],
        )
    widths(ws, [12, *([20] * len(series)), 20])
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
    landscape(ws)
    notes_sheet(wb, lang, [])
    return to_bytes(wb)
