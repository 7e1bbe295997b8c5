"""The content of a report as an administrative document (văn bản hành chính, Decree
30/2020/NĐ-CP): header blocks, number and symbol, place and date, title, body, recipients and
signature block, then the annex tables.

Why a model of its own: the DOCX and the PDF must carry the same content, so both writers
read one ``AdminDocument`` built here from the review, summary or progress structures. Pure:
no Django, no file access; the caller passes the header options (issuing body, number, place,
signer) and ``default_header`` fills what it leaves out from the unit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ntm.reports.narrative import period_en, period_vi
from ntm.reports.progress import SERIES_LABELS, Progress
from ntm.reports.render import labels as L
from ntm.reports.render.tables import (
    MISSING_CELL,
    UNMET_CELL,
    UNVERIFIED_CELL,
    format_value,
    matrix_states,
    review_matrix_rows,
    summary_rows,
)
from ntm.reports.review import Review, UnitRef
from ntm.reports.summary import Summary

MOTTO_VI = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
MOTTO_EN = ("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness")
# The symbol of a report (BC) issued by a People's Committee (UBND); Decree 30, annex III.
DEFAULT_SYMBOL = "BC-UBND"
COUNTRY_BODY = ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TRUNG ƯƠNG")
COUNTRY_BODY_EN = ("MINISTRY OF AGRICULTURE AND ENVIRONMENT", "CENTRAL NTM COORDINATION OFFICE")

CELL_STATES = (UNMET_CELL, MISSING_CELL, UNVERIFIED_CELL)

WORDS = {
    "vi": {
        "number": "Số",
        "title": "BÁO CÁO",
        "recipients": "Nơi nhận:",
        "on_behalf": "TM. ỦY BAN NHÂN DÂN",
        "chair": "CHỦ TỊCH",
        "archive": "Lưu: VT.",
        "report_to": "{body} (để báo cáo);",
        "annex": "Biểu kèm theo",
        "annex_of": "(Kèm theo Báo cáo số {number} ngày {day})",
        "date": "{place}, ngày {d:02d} tháng {m:02d} năm {y}",
        "review_subject": "Kết quả rà soát mức độ đạt các tiêu chí theo {set} trên địa bàn "
        "{unit}, {period}",
        "summary_subject": "Sơ kết thực hiện Chương trình xây dựng nông thôn mới trên địa bàn "
        "{unit}, {period}",
        "progress_subject": "Tiến độ xây dựng nông thôn mới trên địa bàn {unit}, {start} - {end}",
        "legend_cells": "Ô tô đỏ: chưa đạt; ô tô vàng: kết quả dựa trên ngưỡng chưa kiểm chứng; ô "
        "tô xám: thiếu số liệu.",
    },
    "en": {
        "number": "No.",
        "title": "REPORT",
        "recipients": "Recipients:",
        "on_behalf": "ON BEHALF OF THE PEOPLE'S COMMITTEE",
        "chair": "CHAIRPERSON",
        "archive": "Archive: clerical office.",
        "report_to": "{body} (for reporting);",
        "annex": "Annex",
        "annex_of": "(Attached to report No. {number} of {day})",
        "date": "{place}, {y}-{m:02d}-{d:02d}",
        "review_subject": "Review against {set} in {unit}, {period}",
        "summary_subject": "Summary of the New Rural Development programme in {unit}, {period}",
        "progress_subject": "New Rural Development progress in {unit}, {start} - {end}",
        "legend_cells": "Red cells: not met; yellow cells: verdict on an unverified threshold; "
        "grey cells: missing data.",
    },
}


@dataclass(frozen=True, slots=True)
class AdminHeader:
    """Everything above and below the body. Multi-line fields use ``\\n``; ``number`` is the
    whole "Số: 12/BC-UBND" line's value ("12/BC-UBND"), left as "     /BC-UBND" for the clerk
    to number at issue, as offices do with drafts."""

    issuing_body: str
    parent_body: str = ""
    number: str = f"      /{DEFAULT_SYMBOL}"
    place: str = ""
    on: date | None = None
    subject: str = ""
    recipients: tuple[str, ...] = ()
    signer_role: str = ""  # "TM. ỦY BAN NHÂN DÂN"
    signer_title: str = ""  # "CHỦ TỊCH"
    signer_name: str = ""

    def date_line(self, lang: str = "vi") -> str:
        day = self.on or date.today()
        return WORDS[lang]["date"].format(place=self.place, d=day.day, m=day.month, y=day.year)

    def number_line(self, lang: str = "vi") -> str:
        return f"{WORDS[lang]['number']}: {self.number}"


@dataclass(frozen=True, slots=True)
class Table:
    """A captioned table; ``states[i][j]`` marks body cell (i, j) (None: unmarked); the last
    row is the totals row when ``total`` is set."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    states: tuple[tuple[str | None, ...], ...] = ()
    total: bool = False
    wide: bool = False  # many columns: landscape page, smaller type


@dataclass(frozen=True, slots=True)
class AdminDocument:
    kind: str  # review, summary, progress
    lang: str
    header: AdminHeader
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...] = ()  # in the body, before the signature
    annex: tuple[Table, ...] = ()  # after the signature, on landscape pages
    notes: tuple[str, ...] = ()  # legend, layout caveat: small print under the tables

    @property
    def motto(self) -> tuple[str, str]:
        return MOTTO_VI if self.lang == "vi" else MOTTO_EN

    @property
    def words(self) -> dict[str, str]:
        return WORDS[self.lang]


def _kind_word(kind: str) -> str:
    return (kind or "").strip()


def unit_title(unit: UnitRef, lang: str = "vi") -> str:
    """ "huyện Thọ Xuân" in running text; the name alone when the kind is unknown."""
    kind = _kind_word(unit.kind)
    if lang == "en" or not kind or unit.name.lower().startswith(kind.lower()):
        return unit.name
    return f"{kind} {unit.name}"


def default_header(
    unit: UnitRef,
    parent: UnitRef | None = None,
    *,
    lang: str = "vi",
    on: date | None = None,
    **given: object,
) -> AdminHeader:
    """The header a People's Committee of ``unit`` would print, with ``given`` options
    (issuing_body, parent_body, number, place, signer_*, recipients) taking precedence.

    The country (no kind) issues as the central coordination office under its ministry."""
    words = WORDS[lang]
    if unit.kind:
        body = (
            ("ỦY BAN NHÂN DÂN\n" + unit_title(unit).upper())
            if lang == "vi"
            else (f"PEOPLE'S COMMITTEE OF {unit.name.upper()}")
        )
        parent_body = ""
        role, title = words["on_behalf"], words["chair"]
    else:
        parent_body, body = COUNTRY_BODY if lang == "vi" else COUNTRY_BODY_EN
        role, title = "", ("CHÁNH VĂN PHÒNG" if lang == "vi" else "DIRECTOR")
    recipients = []
    if parent is not None:
        upper = (
            ("UBND " + unit_title(parent))
            if lang == "vi" and parent.kind
            else unit_title(parent, lang)
        )
        recipients.append(words["report_to"].format(body=upper))
    recipients.append(words["archive"])
    header = AdminHeader(
        issuing_body=body,
        parent_body=parent_body,
        place=unit.name if unit.kind else "Hà Nội",
        on=on,
        recipients=tuple(recipients),
        signer_role=role,
        signer_title=title,
    )
    chosen = {k: v for k, v in given.items() if v not in (None, "", ())}
    if isinstance(chosen.get("recipients"), str):
        chosen["recipients"] = tuple(
            line.strip() for line in str(chosen["recipients"]).split("\n") if line.strip()
        )
    return replace(header, **chosen)  # type: ignore[arg-type]


def review_matrix_table(review: Review, lang: str = "vi") -> Table:
    """The commune × criterion matrix with its failing, unverified and missing cells marked."""
    t = L.text(lang)
    head, rows, foot = review_matrix_rows(review, lang)
    states = tuple(tuple(r) for r in matrix_states(rows, lang))
    return Table(
        t["matrix_title"],
        tuple(head),
        tuple(tuple(r) for r in [*rows, foot]),
        states,
        total=True,
        wide=True,
    )


def _subject(kind: str, lang: str, **values: str) -> str:
    return WORDS[lang][f"{kind}_subject"].format(**values)


def _period(text: str, lang: str) -> str:
    return period_vi(text) if lang == "vi" else period_en(text)


def review_document(review: Review, header: AdminHeader, lang: str = "vi") -> AdminDocument:
    t = L.text(lang)
    subject = header.subject or _subject(
        "review",
        lang,
        set=review.set.name,
        unit=unit_title(review.unit, lang),
        period=_period(review.period, lang),
    )
    banding = Table(
        t["banding"],
        (t["criteria_met"], t["communes_count"], t["indicators_met"], t["communes"]),
        tuple(
            (
                f"{g.criteria_met}/{g.criteria_total}",
                len(g.communes),
                f"{g.indicators_min}-{g.indicators_max}/{g.indicators_total}"
                if g.indicators_min != g.indicators_max
                else f"{g.indicators_min}/{g.indicators_total}",
                ", ".join(c.name for c in g.communes),
            )
            for g in review.groups
        ),
    )
    tables = [banding]
    if review.unmet_by_criterion:
        tables.append(
            Table(
                t["unmet_title"],
                (t["criterion"], t["name"], t["unmet_communes"], t["unverified_col"]),
                tuple(
                    (u.number, u.name, len(u.unmet), len(u.unverified) or "")
                    for u in review.unmet_by_criterion
                ),
            )
        )
    text = review.text if lang == "vi" else review.text_en
    return AdminDocument(
        "review",
        lang,
        replace(header, subject=subject),
        _lines(text),
        tuple(tables),
        (review_matrix_table(review, lang),),
        (t["legend"], WORDS[lang]["legend_cells"], t["layout_note"]),
    )


def summary_document(summary: Summary, header: AdminHeader, lang: str = "vi") -> AdminDocument:
    t = L.text(lang)
    period = _period(summary.figures.period, lang)
    since = _period(summary.earlier.period, lang) if summary.earlier else "—"
    subject = header.subject or _subject(
        "summary", lang, unit=unit_title(summary.unit, lang), period=period
    )
    rows = [
        tuple([r[0], r[1], *("—" if v is None else format_value(v, lang) for v in r[2:])])
        for r in summary_rows(summary, lang)
    ]
    for section in summary.sections:
        rows += [
            tuple("—" if v is None else format_value(v, lang) for v in r)
            for r in section.rows(lang)
        ]
    for key in summary.placeholders:
        value = summary.provided.get(key)
        rows.append((t[key], "", "", t["no_data"] if value is None else value, ""))
    table = Table(
        t["summary_table"], (t["content"], t["unit_col"], since, period, t["change"]), tuple(rows)
    )
    text = summary.text if lang == "vi" else summary.text_en
    notes = summary.notes if lang == "vi" else summary.notes_en
    return AdminDocument(
        "summary", lang, replace(header, subject=subject), _lines(text), (table,), (), tuple(notes)
    )


def progress_document(progress: Progress, header: AdminHeader, lang: str = "vi") -> AdminDocument:
    t = L.text(lang)
    idx = 0 if lang == "vi" else 1
    series = progress.series()
    labels = progress.period_labels(lang)
    head = (t["period"], *[SERIES_LABELS[k][idx] for k in series])
    rows = tuple(
        (p, *[("—" if series[k][i] is None else format_value(series[k][i], lang)) for k in series])
        for i, p in enumerate(labels)
    )
    periods = [p.period for p in progress.points] or [""]
    subject = header.subject or _subject(
        "progress", lang, unit=unit_title(progress.unit, lang), start=periods[0], end=periods[-1]
    )
    text = progress.text if lang == "vi" else progress.text_en
    table = Table(t["progress_table"], head, rows, wide=True)
    return AdminDocument(
        "progress", lang, replace(header, subject=subject), _lines(text), (), (table,)
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.splitlines() if line.strip())


def document_for(report: object, header: AdminHeader, lang: str = "vi") -> AdminDocument:
    """The administrative document of any report structure."""
    if isinstance(report, Review):
        return review_document(report, header, lang)
    if isinstance(report, Progress):
        return progress_document(report, header, lang)
    return summary_document(report, header, lang)  # type: ignore[arg-type]


def annex_reference(doc: AdminDocument) -> str:
    header = doc.header
    day = header.on or date.today()
    shown = f"{day.day:02d}/{day.month:02d}/{day.year}" if doc.lang == "vi" else day.isoformat()
    return doc.words["annex_of"].format(number=header.number.strip(), day=shown)


def cell_text(value: object) -> str:
    return "" if value is None else str(value)
