"""Reports as HTML: a fragment the web app includes as is, or a whole page (for the PDF).

Django-free string building; every value is escaped here. Tables carry captions, ``scope``
on headers and plain classes (``table``, ``ntm-report``) the web app's CSS may style.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from ntm.reports.narrative import period_en, period_vi
from ntm.reports.progress import SERIES_LABELS, Progress
from ntm.reports.render import labels as L
from ntm.reports.render.svg import bar_chart, line_chart
from ntm.reports.render.tables import (
    MARKS,
    MARKS_EN,
    MISSING_CELL,
    UNMET_CELL,
    UNVERIFIED_CELL,
    cell_state,
    format_value,
    level_state,
    matrix_states,
    review_matrix_rows,
    summary_rows,
)
from ntm.reports.review import Review
from ntm.reports.summary import Summary

# The shared rows and states live in ``tables``; these names stay importable from here.
__all__ = [
    "MARKS",
    "MARKS_EN",
    "MISSING_CELL",
    "PAGE_CSS",
    "UNMET_CELL",
    "UNVERIFIED_CELL",
    "cell_state",
    "html_page",
    "level_state",
    "matrix_states",
    "progress_html",
    "review_html",
    "review_matrix_rows",
    "summary_html",
    "summary_rows",
]
_fmt = format_value


def _td(value: object, state: str | None) -> str:
    return (
        f'<td class="ntm-cell-{state}">{_cell(value)}</td>' if state else f"<td>{_cell(value)}</td>"
    )


def _table(
    caption: str,
    head: Sequence[str],
    rows: Iterable[Sequence[object]],
    foot: Sequence[object] = (),
    cls: str = "",
    states: Sequence[Sequence[str | None]] = (),
) -> str:
    """A captioned table. ``foot`` (a totals row) is written as the last body row with class
    ``ntm-total``, not as ``<tfoot>``: paged media (WeasyPrint) repeat a tfoot on every page,
    which would print the totals under each page's part of the table. ``states[i][j]`` marks
    body cell (i, j) with class ``ntm-cell-<state>`` (failing, unverified, missing)."""
    classes = " ".join(("table ntm-report " + cls).split())
    parts = [f'<table class="{classes}"><caption>{escape(caption)}</caption><thead><tr>']
    parts += [f'<th scope="col">{escape(h)}</th>' for h in head]
    parts.append("</tr></thead><tbody>")
    for i, row in enumerate(rows):
        marks = states[i] if i < len(states) else ()
        cells = [f'<th scope="row">{escape(str(row[0]))}</th>'] + [
            _td(v, marks[j] if j < len(marks) else None) for j, v in enumerate(row[1:], start=1)
        ]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if foot:
        parts.append(
            '<tr class="ntm-total">'
            + f'<th scope="row">{escape(str(foot[0]))}</th>'
            + "".join(f"<td>{_cell(v)}</td>" for v in foot[1:])
            + "</tr>"
        )
    parts.append("</tbody></table>")
    return "".join(parts)


def _cell(value: object) -> str:
    return "" if value is None else escape(str(value))


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line)


def review_html(review: Review, lang: str = "vi") -> str:
    """The review as an HTML fragment: text, banding, unmet criteria, chart, matrix, notes."""
    t = L.text(lang)
    period = period_vi(review.period) if lang == "vi" else period_en(review.period)
    parts = [
        '<section class="ntm-report ntm-review">',
        f"<h2>{escape(t['review_title'])} – {escape(review.unit.name)} ({escape(period)})</h2>",
        f'<p class="ntm-set">{escape(t["set"])}: {escape(review.set.name)} '
        f"({escape(review.set.code)})</p>",
        _paragraphs(review.text if lang == "vi" else review.text_en),
        _table(
            t["banding"],
            [t["criteria_met"], t["communes_count"], t["indicators_met"], t["communes"]],
            (
                [
                    f"{g.criteria_met}/{g.criteria_total}",
                    len(g.communes),
                    f"{g.indicators_min}-{g.indicators_max}/{g.indicators_total}"
                    if g.indicators_min != g.indicators_max
                    else f"{g.indicators_min}/{g.indicators_total}",
                    ", ".join(c.name for c in g.communes),
                ]
                for g in review.groups
            ),
            cls="ntm-banding",
        ),
    ]
    if review.unmet_by_criterion:
        parts.append(
            _table(
                t["unmet_title"],
                [t["criterion"], t["name"], t["unmet_communes"], t["unverified_col"]],
                (
                    [u.number, u.name, len(u.unmet), len(u.unverified) or ""]
                    for u in review.unmet_by_criterion
                ),
                cls="ntm-unmet",
            )
        )
        parts.append(
            '<figure class="ntm-chart">'
            + bar_chart(
                [str(u.number) for u in review.unmet_by_criterion],
                [len(u.unmet) for u in review.unmet_by_criterion],
                t["unmet_chart"],
            )
            + "</figure>"
        )
    head, rows, foot = review_matrix_rows(review, lang)
    parts.append(
        _table(
            t["matrix_title"], head, rows, foot, cls="ntm-matrix", states=matrix_states(rows, lang)
        )
    )
    parts.append(f'<p class="ntm-legend">{escape(t["legend"])}</p>')
    parts.append(f'<p class="ntm-layout-note">{escape(t["layout_note"])}</p>')
    parts.append("</section>")
    return "".join(parts)


def summary_html(summary: Summary, lang: str = "vi") -> str:
    t = L.text(lang)
    period = (
        period_vi(summary.figures.period) if lang == "vi" else period_en(summary.figures.period)
    )
    since = (
        (period_vi(summary.earlier.period) if lang == "vi" else period_en(summary.earlier.period))
        if summary.earlier
        else "—"
    )
    rows = [
        [r[0], r[1], *("—" if v is None else _fmt(v, lang) for v in r[2:])]
        for r in summary_rows(summary, lang)
    ]
    for section in summary.sections:
        rows += [["—" if v is None else _fmt(v, lang) for v in r] for r in section.rows(lang)]
    for key in summary.placeholders:
        value = summary.provided.get(key)
        rows.append([t[key], "", "", t["no_data"] if value is None else value, ""])
    return "".join(
        [
            '<section class="ntm-report ntm-summary">',
            f"<h2>{escape(t['summary_title'])} – {escape(summary.unit.name)} "
            f"({escape(period)})</h2>",
            _paragraphs(summary.text if lang == "vi" else summary.text_en),
            _table(
                t["summary_table"],
                [t["content"], t["unit_col"], since, period, t["change"]],
                rows,
                cls="ntm-figures",
            ),
            "</section>",
        ]
    )


def progress_html(progress: Progress, lang: str = "vi") -> str:
    t = L.text(lang)
    data = progress.to_json()
    idx = 0 if lang == "vi" else 1
    series = {s["key"]: s["values"] for s in data["chart"]["series"]}
    head = [t["period"], *[SERIES_LABELS[k][idx] for k in series]]
    rows = [
        [p, *[("—" if series[k][i] is None else _fmt(series[k][i], lang)) for k in series]]
        for i, p in enumerate(progress.period_labels(lang))
    ]
    chart_share = line_chart(
        data["periods"], [(SERIES_LABELS["ntm_share"][idx], series["ntm_share"])], t["share_chart"]
    )
    chart_avg = line_chart(
        data["periods"],
        [
            (SERIES_LABELS["average_ntm"][idx], series["average_ntm"]),
            (SERIES_LABELS["average_advanced"][idx], series["average_advanced"]),
        ],
        t["avg_chart"],
    )
    return "".join(
        [
            '<section class="ntm-report ntm-progress">',
            f"<h2>{escape(t['progress_title'])} – {escape(progress.unit.name)}</h2>",
            _paragraphs(progress.text if lang == "vi" else progress.text_en),
            f'<figure class="ntm-chart">{chart_share}</figure>'
            f'<figure class="ntm-chart">{chart_avg}</figure>',
            _table(t["progress_table"], head, rows, cls="ntm-progress-table"),
            "</section>",
        ]
    )


PAGE_CSS = """
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: "Be Vietnam Pro", "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 4mm 0 2mm; }
table { border-collapse: collapse; margin: 3mm 0; width: 100%; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
/* No lone row at either end of a page: the first rows stay with the header, the last rows
   (and the totals) with the rows before them. */
tbody tr:nth-child(-n+2) { break-after: avoid; page-break-after: avoid; }
tbody tr:nth-last-child(-n+2) { break-before: avoid; page-break-before: avoid; }
caption { break-after: avoid; }
caption { font-weight: bold; text-align: left; padding: 1mm 0; }
th, td { border: 0.5pt solid #555; padding: 1mm 1.5mm; text-align: center; vertical-align: top; }
tbody th { text-align: left; font-weight: normal; }
.ntm-matrix td, .ntm-matrix th { padding: 0.6mm 0.8mm; font-size: 8pt; }
.ntm-matrix tbody td:nth-child(2) { text-align: left; white-space: nowrap; }
.ntm-progress-table tbody th { white-space: nowrap; }
.ntm-banding td:last-child { text-align: left; }
.ntm-unmet td:nth-child(2), .ntm-figures tbody th { text-align: left; }
tr.ntm-total th, tr.ntm-total td { font-weight: bold; }
figure { margin: 2mm 0; }
td.ntm-cell-unmet { background: #f8d7da; font-weight: bold; }
td.ntm-cell-unverified { background: #fff3cd; }
td.ntm-cell-missing { background: #e9ecef; }
td.ntm-cell-level-model { color: #5b2a86; font-weight: bold; }
td.ntm-cell-level-advanced { color: #0b5394; font-weight: bold; }
td.ntm-cell-level-ntm { color: #1f6f43; font-weight: bold; }
td.ntm-cell-level-none { color: #6c757d; }
.ntm-layout-note, .ntm-legend { font-size: 8pt; color: #444; }
"""


def html_page(title: str, body: str, lang: str = "vi", extra_css: str = "") -> str:
    """A whole HTML document around a fragment (which brings its own heading);
    ``extra_css`` carries the PDF's @font-face."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f"<style>{extra_css}{PAGE_CSS}</style></head><body>{body}</body></html>"
    )
