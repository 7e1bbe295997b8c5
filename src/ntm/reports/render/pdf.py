"""Reports as PDF: the HTML page rendered by WeasyPrint with the bundled Be Vietnam Pro font.

Why a bundled font: a PDF made on a server without Vietnamese fonts would otherwise fall back
to boxes or to detached tone marks. The font files sit in ``reports/static/fonts`` with their
OFL licence.
"""

from __future__ import annotations

from pathlib import Path

from ntm.reports.narrative import period_vi
from ntm.reports.progress import Progress
from ntm.reports.render import labels as L
from ntm.reports.render.html import html_page, progress_html, review_html, summary_html
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


def review_pdf(review: Review, lang: str = "vi") -> bytes:
    title = f"{L.text(lang)['review_title']} – {review.unit.name}"
    if lang == "vi":
        title += f" ({period_vi(review.period)})"
    return pdf_from_fragment(title, review_html(review, lang), lang)


def summary_pdf(summary: Summary, lang: str = "vi") -> bytes:
    return pdf_from_fragment(f"{L.text(lang)['summary_title']} – {summary.unit.name}", summary_html(summary, lang), lang)


def progress_pdf(progress: Progress, lang: str = "vi") -> bytes:
    return pdf_from_fragment(f"{L.text(lang)['progress_title']} – {progress.unit.name}", progress_html(progress, lang), lang)
