"""Renderers: one module per output format, all fed the same report structures, and the one
``render(report, fmt, lang)`` that the command line, the web pages and the API call.

Adding a format is one registration: ``register_format(Format(name, media_type, suffix,
binary, renderer))`` where ``renderer(report, lang)`` handles a ``Review``, ``Summary`` and
``Progress`` (see ``_xlsx`` below). Heavy renderers (openpyxl, WeasyPrint) are imported when
first used, so naming the formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ntm.reports.progress import Progress
from ntm.reports.render.json_text import dumps_indented
from ntm.reports.review import Review
from ntm.reports.summary import Summary

Report = Review | Summary | Progress
Renderer = Callable[[Any, str], "str | bytes"]
MSG_UNKNOWN_FORMAT = "Không có định dạng báo cáo {fmt!r} (có: {known})"
MSG_UNKNOWN_REPORT = "Không có cách trình bày {kind} ở định dạng {fmt}"


class UnknownFormat(ValueError):
    """A format no renderer is registered for; the message is Vietnamese."""


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    media_type: str
    suffix: str  # file name suffix without the dot; "" for formats never saved (an HTML fragment)
    binary: bool
    renderer: Renderer


FORMATS: dict[str, Format] = {}


def register_format(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


def kind_of(report: Report) -> str:
    """ "review", "summary" or "progress"."""
    if isinstance(report, Review):
        return "review"
    if isinstance(report, Summary):
        return "summary"
    if isinstance(report, Progress):
        return "progress"
    raise UnknownFormat(MSG_UNKNOWN_REPORT.format(kind=type(report).__name__, fmt="?"))


def render(report: Report, fmt: str, lang: str = "vi") -> str | bytes:
    """The report in format ``fmt`` (``FORMATS``): str for text formats, bytes for files."""
    found = FORMATS.get(fmt)
    if found is None:
        raise UnknownFormat(MSG_UNKNOWN_FORMAT.format(fmt=fmt, known=", ".join(FORMATS)))
    return found.renderer(report, lang)


def _pick(report: Report, review: Renderer, summary: Renderer, progress: Renderer) -> Renderer:
    by_kind = {"review": review, "summary": summary, "progress": progress}
    return by_kind[kind_of(report)]


def _json(report: Report, lang: str) -> str:
    """``json.dumps(..., ensure_ascii=False, indent=2)``'s text, written faster (``json_text``)."""
    return dumps_indented(report.to_json()) + "\n"


def _text(report: Report, lang: str) -> str | bytes:
    from ntm.reports.render import text

    return _pick(report, text.review_text, text.summary_text, text.progress_text)(report, lang)


def _fragment(report: Report, lang: str) -> str | bytes:
    """The HTML that a web page embeds (every value escaped by the renderer)."""
    from ntm.reports.render import html

    return _pick(report, html.review_html, html.summary_html, html.progress_html)(report, lang)


def _page(report: Report, lang: str) -> str:
    from ntm.reports.render import html

    return html.html_page(report.unit.name, str(_fragment(report, lang)), lang) + "\n"


def _xlsx(report: Report, lang: str) -> str | bytes:
    from ntm.reports.render import xlsx

    return _pick(report, xlsx.review_xlsx, xlsx.summary_xlsx, xlsx.progress_xlsx)(report, lang)


def _docx(report: Report, lang: str) -> str | bytes:
    """The administrative document with the unit's default header (docx_writer.report_docx
    takes the issuer, number, signer… when a caller has them)."""
    from ntm.reports.render.docx_writer import report_docx

    return report_docx(report, lang)


def _pdf(report: Report, lang: str) -> str | bytes:
    from ntm.reports.render import pdf

    return _pick(report, pdf.review_pdf, pdf.summary_pdf, pdf.progress_pdf)(report, lang)


register_format(Format("text", "text/plain; charset=utf-8", "txt", False, _text))
register_format(Format("json", "application/json; charset=utf-8", "json", False, _json))
register_format(
    Format(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        True,
        _xlsx,
    )
)
register_format(Format("pdf", "application/pdf", "pdf", True, _pdf))
register_format(Format("html", "text/html; charset=utf-8", "html", False, _page))
register_format(
    Format(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        True,
        _docx,
    )
)
register_format(Format("fragment", "text/html; charset=utf-8", "", False, _fragment))
