"""Reports as PDF in the administrative format (Decree 30/2020/NĐ-CP): the same
``AdminDocument`` as the DOCX, laid out as HTML and rendered by WeasyPrint with the bundled
Be Vietnam Pro font.

Why a bundled font: a PDF made on a server without Vietnamese fonts would otherwise fall back
to boxes or to detached tone marks. The font files sit in ``reports/static/fonts`` with their
OFL licence.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ntm.reports.progress import SERIES_LABELS, Progress
from ntm.reports.render import labels as L
from ntm.reports.render.admin_html import admin_page
from ntm.reports.render.admindoc import AdminDocument, AdminHeader, default_header, document_for
from ntm.reports.render.html import html_page
from ntm.reports.render.pdf_annex import DRAWN_ROWS, append_annex, should_draw
from ntm.reports.render.svg import bar_chart, line_chart
from ntm.reports.review import Review
from ntm.reports.summary import Summary

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
FONT_FAMILY = "Be Vietnam Pro"
FONT_FILES = {400: "BeVietnamPro-Regular.ttf", 700: "BeVietnamPro-Bold.ttf"}


def font_face_css() -> str:
    return "".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: normal; '
        f'src: url("{(FONT_DIR / name).as_uri()}") format("truetype"); }}'
        for weight, name in FONT_FILES.items()
    )


def pdf_from_fragment(title: str, fragment: str, lang: str = "vi") -> bytes:
    """Wrap an HTML fragment in a page with the bundled font and render it."""
    from weasyprint import HTML

    page = html_page(title, fragment, lang, extra_css=font_face_css())
    pdf: bytes = HTML(string=page, base_url=str(FONT_DIR)).write_pdf()
    return pdf


def _charts(report: object, lang: str) -> str:
    """The charts the report page shows, placed after the body tables."""
    t = L.text(lang)
    if isinstance(report, Review) and report.unmet_by_criterion:
        unmet = report.unmet_by_criterion
        return (
            '<figure class="ntm-chart">'
            + bar_chart(
                [str(u.number) for u in unmet], [len(u.unmet) for u in unmet], t["unmet_chart"]
            )
            + "</figure>"
        )
    if isinstance(report, Progress) and report.points:
        idx = 0 if lang == "vi" else 1
        series = report.series()
        periods = [p.period for p in report.points]
        share = line_chart(
            periods, [(SERIES_LABELS["ntm_share"][idx], series["ntm_share"])], t["share_chart"]
        )
        return f'<figure class="ntm-chart">{share}</figure>'
    return ""


def document_pdf(doc: AdminDocument, charts: str = "", drawn_rows: int = DRAWN_ROWS) -> bytes:
    """The document through WeasyPrint; a review matrix longer than ``drawn_rows`` rows is drawn
    onto pages appended to WeasyPrint's PDF instead (``pdf_annex``: the same look, a fraction of
    the time).
    """
    from weasyprint import HTML

    if not should_draw(doc, drawn_rows):
        pdf: bytes = HTML(
            string=admin_page(doc, charts, font_face_css()), base_url=str(FONT_DIR)
        ).write_pdf()
        return pdf
    body = replace(doc, annex=(), notes=())  # the notes follow the annex, drawn with it
    drawn: bytes = HTML(
        string=admin_page(body, charts, font_face_css()), base_url=str(FONT_DIR)
    ).write_pdf(finisher=lambda _document, pdf: append_annex(doc, pdf))
    return drawn


def report_pdf(report: object, lang: str = "vi", header: AdminHeader | None = None) -> bytes:
    """Any report as an administrative document; ``header`` defaults to the unit's own."""
    header = header or default_header(report.unit, lang=lang)  # type: ignore[attr-defined]
    return document_pdf(document_for(report, header, lang), _charts(report, lang))


def review_pdf(review: Review, lang: str = "vi", header: AdminHeader | None = None) -> bytes:
    return report_pdf(review, lang, header)


def summary_pdf(summary: Summary, lang: str = "vi", header: AdminHeader | None = None) -> bytes:
    return report_pdf(summary, lang, header)


def progress_pdf(progress: Progress, lang: str = "vi", header: AdminHeader | None = None) -> bytes:
    return report_pdf(progress, lang, header)
