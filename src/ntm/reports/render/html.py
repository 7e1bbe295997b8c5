"""Reports as HTML: a fragment the web app includes as is, or a whole page (for the PDF).

Django-free string building; every value is escaped here. Tables carry captions, ``scope``
on headers and plain classes (``table``, ``ntm-report``) the web app's CSS may style.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from ntm.criteria.results import MET, MISSING, NOT_APPLICABLE, UNMET
from ntm.reports.narrative import period_en, period_vi
from ntm.reports.progress import SERIES_LABELS, Progress
from ntm.reports.render import labels as L
from ntm.reports.render.svg import bar_chart, line_chart
from ntm.reports.review import LEVEL_LABELS_EN, LEVEL_LABELS_VI, Review
from ntm.reports.summary import Average, Summary

# Letters, not check marks: every glyph must exist in the bundled font.
MARKS = {MET: "Đ", UNMET: "CĐ", MISSING: "?", NOT_APPLICABLE: "KAD"}
MARKS_EN = {MET: "M", UNMET: "U", MISSING: "?", NOT_APPLICABLE: "NA"}


# Cell states the tables mark, the same in HTML, XLSX, PDF and DOCX.
UNMET_CELL, MISSING_CELL, UNVERIFIED_CELL = "unmet", "missing", "unverified"


def cell_state(mark: object, lang: str = "vi") -> str | None:
    """The state a matrix mark ("CĐ", "?", "Đ*") stands for: unmet first, then missing, then a
    verdict resting on an unverified threshold."""
    marks = MARKS if lang == "vi" else MARKS_EN
    value = str(mark or "")
    if value.rstrip("*") == marks[UNMET]:
        return UNMET_CELL
    if value.rstrip("*") == marks[MISSING]:
        return MISSING_CELL
    return UNVERIFIED_CELL if value.endswith("*") else None


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


def review_matrix_rows(
    review: Review, lang: str = "vi"
) -> tuple[list[str], list[list[object]], list[object]]:
    """Commune × criterion table: head, rows and the "Số xã đạt" footer (shared with XLSX)."""
    t = L.text(lang)
    numbers = [n for n, _ in review.set.criteria_names] or sorted(
        {n for c in review.communes for n, _ in c.statuses}
    )
    head = [
        t["no"],
        t["commune"],
        *[str(n) for n in numbers],
        t["criteria_met"],
        t["indicators_met"],
        t["level"],
    ]
    levels = LEVEL_LABELS_VI if lang == "vi" else LEVEL_LABELS_EN
    marks = MARKS if lang == "vi" else MARKS_EN
    rows: list[list[object]] = []
    met_counts = dict.fromkeys(numbers, 0)
    for i, c in enumerate(review.communes, start=1):
        status = dict(c.statuses)
        doubtful = set(c.unverified_criteria)
        cells = []
        for n in numbers:
            s = status.get(n)
            if s == MET:
                met_counts[n] += 1
            cells.append((marks.get(s, "") + ("*" if n in doubtful else "")) if s else "")
        rows.append(
            [
                i,
                c.name,
                *cells,
                f"{c.criteria_met}/{c.criteria_total}",
                f"{c.indicators_met}/{c.indicators_total}",
                levels.get(c.level, c.level),
            ]
        )
    foot = [t["communes_meeting"], "", *[met_counts[n] for n in numbers], "", "", ""]
    return head, rows, foot


def level_state(label: object, lang: str = "vi") -> str:
    """ "level-ntm"… for a level label: the level column takes the level's colour (palette)."""
    labels = LEVEL_LABELS_VI if lang == "vi" else LEVEL_LABELS_EN
    level = next((k for k, v in labels.items() if v == label), None)
    return f"level-{level or 'none'}"


def matrix_states(rows: Sequence[Sequence[object]], lang: str = "vi") -> list[list[str | None]]:
    """Each matrix cell's state: failing, unverified or missing for the criterion columns (they
    sit between the name and the three totals columns), the level for the last column."""
    return [
        [
            None,
            None,
            *(cell_state(v, lang) for v in row[2:-3]),
            None,
            None,
            level_state(row[-1], lang),
        ]
        for row in rows
    ]


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


def summary_rows(summary: Summary, lang: str = "vi") -> list[list[object]]:
    """(content, unit, earlier, now, change) rows, shared with XLSX."""
    t = L.text(lang)
    f, e = summary.figures, summary.earlier
    village = summary.village_word if lang == "vi" else "village"

    def avg(a: Average | None) -> float | None:
        return round(a.value, 2) if a else None

    def pair(now: float | None, before: float | None) -> list[object]:
        change = None if now is None or before is None else round(now - before, 2)
        return [before, now, change]

    rows = [
        [t["communes_total"], t["unit_commune"], *pair(f.communes, e.communes if e else None)],
        [
            t["communes_no_data"],
            t["unit_commune"],
            *pair(f.communes_no_data, e.communes_no_data if e else None),
        ],
    ]
    for level in ("ntm", "advanced", "model"):
        rows.append(
            [
                t[f"communes_{level}"],
                t["unit_commune"],
                *pair(f.communes_at.get(level, 0), e.communes_at.get(level, 0) if e else None),
            ]
        )
    rows.append(
        [t["ntm_share"], "%", *pair(round(f.ntm_share, 2), round(e.ntm_share, 2) if e else None)]
    )
    rows.append(
        [
            t["villages_total"].format(v=village),
            village,
            *pair(f.villages, e.villages if e else None),
        ]
    )
    for level in ("ntm", "model"):
        rows.append(
            [
                t[f"villages_{level}"].format(v=village),
                village,
                *pair(f.villages_at.get(level, 0), e.villages_at.get(level, 0) if e else None),
            ]
        )

    def units(a: Average | None) -> int | None:
        return a.units if a else None

    for key, label, word in (
        ("average_ntm", "avg_ntm", t["unit_commune"]),
        ("average_advanced", "avg_advanced", t["unit_commune"]),
        ("average_village", "avg_village", village),
    ):
        now, before = getattr(f, key), getattr(e, key) if e else None
        rows.append([t[label].format(v=village), t["unit_criteria"], *pair(avg(now), avg(before))])
        if now or before:  # how many units the average counts: those with data for the set
            rows.append(
                [
                    t["units_with_data"].format(v=word),
                    word,
                    *pair(units(now), units(before) if e else None),
                ]
            )
    return rows


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


def _fmt(value: object, lang: str) -> str:
    if isinstance(value, float) and lang == "vi":
        from ntm.textnorm import format_number_vi

        return format_number_vi(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


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
