"""The rows every format prints: the commune × criterion matrix with its cell states, and the
summary's figures table. HTML, XLSX, DOCX and PDF (laid out or drawn) all read them here, so a
mark or a state means the same in each.
"""

from __future__ import annotations

from collections.abc import Sequence

from ntm.criteria.results import MET, MISSING, NOT_APPLICABLE, UNMET
from ntm.reports.render import labels as L
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


def format_value(value: object, lang: str) -> str:
    """A figure as printed: Vietnamese decimals in Vietnamese, ``:g`` otherwise."""
    if isinstance(value, float) and lang == "vi":
        from ntm.textnorm import format_number_vi

        return format_number_vi(value)
    return f"{value:g}" if isinstance(value, float) else str(value)
