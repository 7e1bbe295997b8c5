"""Reports as DOCX in the administrative format, written into a Word template a province can
replace.

Why a template file: offices keep their own letterhead, fonts and margins. The template is a
plain .docx with placeholders in braces (``{issuing_body}``, ``{number_line}``, ``{date_line}``,
``{subject}``, ``{body}``, ``{recipients}``, ``{signer_name}``, ``{annex}`` …, see
``PLACEHOLDERS``); a province edits it in Word and points ``NTM_DOCX_TEMPLATES`` at the folder
holding it (``review.docx``, ``summary.docx``, ``progress.docx`` or one ``administrative.docx``
for all). Each placeholder must sit in one paragraph; the formatting of the paragraph's first
run is kept. ``{body}`` and ``{annex}`` must each be a paragraph of their own: the narrative and
tables go at ``{body}``, the annex tables on landscape pages at ``{annex}``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from copy import deepcopy
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from ntm.reports.progress import Progress
from ntm.reports.render.admindoc import (
    AdminDocument,
    AdminHeader,
    Table,
    annex_reference,
    cell_text,
    default_header,
    document_for,
)
from ntm.reports.render.docx_template import FONT, build_default_template, fixed_widths
from ntm.reports.render.palette import level_colour
from ntm.reports.render.tables import MISSING_CELL, UNMET_CELL, UNVERIFIED_CELL
from ntm.reports.review import Review
from ntm.reports.summary import Summary

TEMPLATE_DIR = Path(__file__).resolve().parent / "docx_templates"
DEFAULT_TEMPLATE = TEMPLATE_DIR / "administrative.docx"
TEMPLATES_ENV = "NTM_DOCX_TEMPLATES"
PLACEHOLDERS = (
    "parent_body",
    "issuing_body",
    "number_line",
    "motto_1",
    "motto_2",
    "date_line",
    "title",
    "subject",
    "body",
    "recipients_label",
    "recipients",
    "signer_role",
    "signer_title",
    "signer_name",
    "annex",
)
# Placeholders whose paragraph goes away when the value is empty (no blank line in the header).
DROP_WHEN_EMPTY = frozenset({"parent_body", "signer_role"})
CELL_FILLS = {UNMET_CELL: "F8D7DA", UNVERIFIED_CELL: "FFF3CD", MISSING_CELL: "E9ECEF"}
HEADER_FILL = "DDE7F0"
# ``build_default_template`` and ``FONT`` stay importable from here.
__all__ = [
    "CELL_FILLS",
    "DEFAULT_TEMPLATE",
    "FONT",
    "PLACEHOLDERS",
    "TEMPLATES_ENV",
    "build_default_template",
    "docx_bytes",
    "progress_docx",
    "report_docx",
    "review_docx",
    "summary_docx",
    "template_for",
]
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


def template_for(kind: str, folder: str | Path | None = None) -> Path:
    """The province's template for ``kind`` if it has one, else its shared one, else ours."""
    folder = folder or os.environ.get(TEMPLATES_ENV)
    if folder:
        for name in (f"{kind}.docx", "administrative.docx"):
            candidate = Path(folder) / name
            if candidate.is_file():
                return candidate
    return DEFAULT_TEMPLATE


def docx_bytes(doc: AdminDocument, template: str | Path | None = None) -> bytes:
    """The document written into the template, as .docx bytes."""
    word = Document(str(template or template_for(doc.kind)))
    values = _values(doc)
    body_at = annex_at = None
    for paragraph in _all_paragraphs(word):
        text = paragraph.text.strip()
        if text == "{body}":
            body_at = paragraph
        elif text == "{annex}":
            annex_at = paragraph
        elif "{" in paragraph.text:
            _fill(paragraph, values)
    if body_at is not None:
        _write_body(word, doc, body_at)
    if annex_at is not None:
        _write_annex(word, doc, annex_at)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _values(doc: AdminDocument) -> dict[str, str]:
    h, w = doc.header, doc.words
    return {
        "parent_body": h.parent_body.upper(),
        "issuing_body": h.issuing_body.upper(),
        "number_line": h.number_line(doc.lang),
        "motto_1": doc.motto[0],
        "motto_2": doc.motto[1],
        "date_line": h.date_line(doc.lang),
        "title": w["title"],
        "subject": h.subject,
        "recipients_label": w["recipients"],
        "recipients": "\n".join(f"- {r}" for r in h.recipients),
        "signer_role": h.signer_role,
        "signer_title": h.signer_title,
        "signer_name": h.signer_name,
    }


def _all_paragraphs(word: WordDocument) -> list[Paragraph]:
    found = list(word.paragraphs)
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
    return found


def _fill(paragraph: Paragraph, values: dict[str, str]) -> None:
    """Replace placeholders; Word may split one across runs, so the text is rejoined into the
    first run (whose formatting the template author chose)."""
    text = paragraph.text
    only = _PLACEHOLDER.fullmatch(text.strip())
    if only and only.group(1) in DROP_WHEN_EMPTY and not values.get(only.group(1)):
        paragraph._p.getparent().remove(paragraph._p)
        return
    new = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), text)
    if new == text or not paragraph.runs:
        return
    first, *rest = paragraph.runs
    first.text = new
    for run in rest:
        run._r.getparent().remove(run._r)


def _write_body(word: WordDocument, doc: AdminDocument, marker: Paragraph) -> None:
    for line in doc.paragraphs:
        paragraph = marker.insert_paragraph_before(line)
        _body_format(paragraph)
    for table in doc.tables:
        _insert_table(word, table, marker)
    if doc.notes and not doc.annex:
        _notes(doc.notes, marker)
    marker._p.getparent().remove(marker._p)


def _write_annex(word: WordDocument, doc: AdminDocument, marker: Paragraph) -> None:
    """Annex tables on landscape pages: the portrait section ends at a section break before
    them, and the document's last section (where they sit) turns landscape."""
    if not doc.annex:
        marker._p.getparent().remove(marker._p)
        return
    last = word.sections[-1]
    brk = marker.insert_paragraph_before()
    brk._p.get_or_add_pPr().append(deepcopy(last._sectPr))
    width, height = last.page_width or Mm(210), last.page_height or Mm(297)
    if width < height:
        last.orientation = WD_ORIENT.LANDSCAPE
        last.page_width, last.page_height = height, width
        last.left_margin, last.right_margin, last.top_margin, last.bottom_margin = (
            Mm(15),
            Mm(15),
            Mm(20),
            Mm(15),
        )
    title = marker.insert_paragraph_before(f"{doc.words['annex'].upper()}")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs_bold(title)
    reference = marker.insert_paragraph_before(annex_reference(doc))
    reference.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in reference.runs:
        run.italic = True
    for table in doc.annex:
        _insert_table(word, table, marker)
    _notes(doc.notes, marker)
    marker._p.getparent().remove(marker._p)


def _notes(notes: Sequence[str], marker: Paragraph) -> None:
    for note in notes:
        paragraph = marker.insert_paragraph_before(note)
        for run in paragraph.runs:
            run.italic, run.font.size = True, Pt(10)


def _body_format(paragraph: Paragraph) -> None:
    """Body text as Decree 30 asks: justified, first line indented, 6 pt after."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(12)
    paragraph.paragraph_format.space_after = Pt(6)


def _runs_bold(paragraph: Paragraph) -> None:
    for run in paragraph.runs:
        run.bold = True


def _insert_table(word: WordDocument, table: Table, marker: Paragraph) -> DocxTable:
    caption = marker.insert_paragraph_before(table.caption)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)
    _runs_bold(caption)
    size = Pt(9 if table.wide else 11)
    out = word.add_table(rows=1 + len(table.rows), cols=len(table.head))
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(out)
    fixed_widths(out, _column_widths(table, 267 if table.wide else 165))
    _write_row(out.rows[0], table.head, size, bold=True, fill=HEADER_FILL)
    _repeat_header(out.rows[0])
    last = len(table.rows) - 1
    for i, values in enumerate(table.rows):
        states = table.states[i] if i < len(table.states) else ()
        _write_row(out.rows[i + 1], values, size, bold=table.total and i == last, states=states)
    marker._p.addprevious(out._tbl)
    return out  # type: ignore[no-any-return]


def _column_widths(table: Table, total_mm: float) -> list[Length]:
    """Widths in proportion to each column's longest value (names need room; "Đ" does not),
    the header counted by its longest word since it may wrap."""
    weights = []
    for j, label in enumerate(table.head):
        longest = max((len(cell_text(row[j])) for row in table.rows if j < len(row)), default=0)
        word = max((len(w) for w in str(label).split()), default=1)
        weights.append(min(max(longest, word, 3), 28))
    scale = total_mm / sum(weights)
    return [Mm(w * scale) for w in weights]


def _write_row(
    row: _Row,
    values: Sequence[object],
    size: Length,
    *,
    bold: bool = False,
    fill: str | None = None,
    states: Sequence[str | None] = (),
) -> None:
    for j, cell in enumerate(row.cells):
        value = values[j] if j < len(values) else ""
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(cell_text(value))
        run.font.size, run.bold = size, bold
        state = states[j] if j < len(states) else None
        if fill or not isinstance(value, str) or len(value) <= 7:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade = CELL_FILLS.get(state) if state else fill
        if shade:
            _shade(cell, shade)
        if state == UNMET_CELL:
            run.bold = True
        elif state and state.startswith("level-"):
            run.font.color.rgb = RGBColor.from_string(level_colour(state[len("level-") :]))
            run.bold = state != "level-none"


def _shade(cell: _Cell, colour: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row: _Row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _borders(table: DocxTable) -> None:
    """Thin borders set on the table itself: a province's template may lack 'Table Grid'."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "555555")):
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    tbl_pr.append(borders)


def report_docx(
    report: object,
    lang: str = "vi",
    header: AdminHeader | None = None,
    template: str | Path | None = None,
) -> bytes:
    """Any report (review, summary, progress) as an administrative DOCX; ``header`` defaults
    to the unit's own People's Committee."""
    header = header or default_header(report.unit, lang=lang)  # type: ignore[attr-defined]
    doc = document_for(report, header, lang)
    return docx_bytes(doc, template)


def review_docx(review: Review, lang: str = "vi", header: AdminHeader | None = None) -> bytes:
    return report_docx(review, lang, header)


def summary_docx(summary: Summary, lang: str = "vi", header: AdminHeader | None = None) -> bytes:
    return report_docx(summary, lang, header)


def progress_docx(progress: Progress, lang: str = "vi", header: AdminHeader | None = None) -> bytes:
    return report_docx(progress, lang, header)
