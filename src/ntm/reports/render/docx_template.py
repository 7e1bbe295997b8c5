"""Our Word template for administrative documents, written by code so it can be rebuilt, and
the fixed column widths every table we write into a template uses.

Why apart from ``docx_writer``: building the template is done once, by hand, when its layout
changes; ``docx_writer`` fills whichever template a province gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell

FONT = "Times New Roman"


def build_default_template() -> WordDocument:
    """Our template (``docx_templates/administrative.docx``), written by code so it can be
    rebuilt: ``python -c "from ntm.reports.render.docx_template import build_default_template as b;
    b().save('administrative.docx')"``. Layout after Decree 30/2020/NĐ-CP, annex I: A4, margins
    20/20/30/15 mm, Times New Roman; the issuing body left and the national motto right, the
    number under the body, place and date under the motto; then title, subject, body;
    recipients left and signature right."""
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    head = word.add_table(rows=1, cols=2)
    fixed_widths(head, (Mm(70), Mm(95)))
    left, right = head.rows[0].cells
    template_lines(
        left,
        [
            ("{parent_body}", 12, False, False),
            ("{issuing_body}", 12, True, False),
            ("———————", 10, False, False),
            ("{number_line}", 13, False, False),
        ],
    )
    template_lines(
        right,
        [
            ("{motto_1}", 12, True, False),
            ("{motto_2}", 13, True, False),
            ("——————————————", 10, False, False),
            ("{date_line}", 13, False, True),
        ],
    )
    word.add_paragraph()
    for text in ("{title}", "{subject}"):
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(14)
    rule = word.add_paragraph("—————")
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_paragraph("{body}")
    word.add_paragraph()
    foot = word.add_table(rows=1, cols=2)
    fixed_widths(foot, (Mm(80), Mm(85)))
    left, right = foot.rows[0].cells
    template_lines(
        left,
        [("{recipients_label}", 12, True, True), ("{recipients}", 11, False, False)],
        center=False,
    )
    template_lines(
        right,
        [
            ("{signer_role}", 13, True, False),
            ("{signer_title}", 13, True, False),
            ("", 13, False, False),
            ("", 13, False, False),
            ("", 13, False, False),
            ("{signer_name}", 13, True, False),
        ],
    )
    word.add_paragraph("{annex}")
    return word


def fixed_widths(table: DocxTable, widths: Sequence[Length]) -> None:
    """Column widths Word and LibreOffice both honour: a fixed layout, the grid and each cell."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def template_lines(
    cell: _Cell, lines: Sequence[tuple[str, int, bool, bool]], center: bool = True
) -> None:
    first = True
    for text, size, bold, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
