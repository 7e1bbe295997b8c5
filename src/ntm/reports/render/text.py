"""Reports as plain text for the terminal: the narrative, then the tables in aligned columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ntm.reports.narrative import period_en, period_vi, range_text
from ntm.reports.progress import SERIES_LABELS, Progress
from ntm.reports.render import labels as L
from ntm.reports.review import Review
from ntm.reports.summary import Summary


def _width(text: str) -> int:
    """Columns on screen: combining marks take none (text is NFC, but be safe)."""
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in head]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(head))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def review_text(review: Review, lang: str = "vi") -> str:
    t = L.text(lang)
    period = period_vi(review.period) if lang == "vi" else period_en(review.period)
    parts = [
        f"{t['review_title']} – {review.unit.name} ({period})",
        f"{t['set']}: {review.set.name} ({review.set.code})",
        "",
        review.text if lang == "vi" else review.text_en,
        "",
        t["banding"],
        table(
            [t["criteria_met"], t["communes_count"], t["indicators_met"], t["communes"]],
            [
                [
                    f"{g.criteria_met}/{g.criteria_total}",
                    len(g.communes),
                    f"{range_text(g.indicators_min, g.indicators_max)}/{g.indicators_total}",
                    ", ".join(c.name for c in g.communes),
                ]
                for g in review.groups
            ],
        ),
    ]
    if review.unmet_by_criterion:
        parts += [
            "",
            t["unmet_title"],
            table(
                [t["criterion"], t["name"], t["unmet_communes"]],
                [[u.number, u.name, len(u.unmet)] for u in review.unmet_by_criterion],
            ),
        ]
    return "\n".join(parts) + "\n"


def summary_text(summary: Summary, lang: str = "vi") -> str:
    t = L.text(lang)
    period = (
        period_vi(summary.figures.period) if lang == "vi" else period_en(summary.figures.period)
    )
    body = summary.text if lang == "vi" else summary.text_en
    return f"{t['summary_title']} – {summary.unit.name} ({period})\n\n{body}\n"


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    if lang == "vi":
        from ntm.textnorm import format_number_vi

        return format_number_vi(value)
    return f"{value:g}"


def progress_text(progress: Progress, lang: str = "vi") -> str:
    t = L.text(lang)
    data = progress.to_json()
    idx = 0 if lang == "vi" else 1
    series = {s["key"]: s["values"] for s in data["chart"]["series"]}
    rows = [
        [p, *[_number(series[k][i], lang) for k in series]]
        for i, p in enumerate(progress.period_labels(lang))
    ]
    body = progress.text if lang == "vi" else progress.text_en
    head = [t["period"], *[SERIES_LABELS[k][idx] for k in series]]
    return f"{t['progress_title']} – {progress.unit.name}\n\n{body}\n\n{table(head, rows)}\n"
