"""An administrative document (``admindoc.AdminDocument``) as a printable HTML page: the PDF's
source, laid out like the DOCX (portrait body, landscape annex).

Why HTML and not a second layout engine: WeasyPrint already renders our reports with the
bundled Vietnamese font; only the header, signature block and page sizes differ.
"""

from __future__ import annotations

from html import escape

from ntm.reports.render.admindoc import AdminDocument, Table, annex_reference
from ntm.reports.render.html import PAGE_CSS, _table

ADMIN_CSS = """
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
@page annex { size: A4 landscape; margin: 15mm 12mm; }
body { font-size: 11pt; }
.ntm-annex { page: annex; break-before: page; }
table.ntm-admin-head, table.ntm-admin-foot { width: 100%; margin: 0; border: none; }
table.ntm-admin-head td, table.ntm-admin-foot td { border: none; vertical-align: top; padding: 0; }
.ntm-admin-head td { text-align: center; }
.ntm-admin-head td:first-child { width: 40%; }
.ntm-admin-head .rule { width: 35%; margin: 1mm auto 2mm; border-top: 0.6pt solid #111; }
.ntm-admin-head .motto { font-weight: bold; font-size: 10.5pt; }
.ntm-admin-head .motto2 { font-weight: bold; font-size: 11pt; }
.ntm-admin-head .date { font-style: italic; }
.ntm-admin-head .body { font-weight: bold; }
h1.ntm-admin-title { font-size: 13pt; margin: 6mm 0 0; }
p.ntm-admin-subject { font-weight: bold; text-align: center; font-size: 12pt; margin: 0 0 1mm; }
.ntm-admin-subject + .rule { width: 20%; margin: 0 auto 4mm; border-top: 0.6pt solid #111; }
p.ntm-admin-body { text-align: justify; text-indent: 10mm; margin: 0 0 2mm; }
.ntm-admin-foot { margin-top: 6mm; break-inside: avoid; }
.ntm-admin-foot td:first-child { width: 50%; font-size: 9.5pt; }
.ntm-admin-foot .label { font-weight: bold; font-style: italic; }
.ntm-admin-foot .sign { text-align: center; font-weight: bold; }
.ntm-admin-foot .name { margin-top: 22mm; }
.ntm-annex h2 { text-align: center; margin: 0; }
.ntm-annex .reference { text-align: center; font-style: italic; margin: 0 0 3mm; }
.ntm-notes p { font-size: 8.5pt; color: #333; margin: 0.5mm 0; }
"""


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _header(doc: AdminDocument) -> str:
    h = doc.header
    parent = f"<div>{_lines(h.parent_body.upper())}</div>" if h.parent_body else ""
    return (
        '<table class="ntm-admin-head"><tr>'
        f'<td>{parent}<div class="body">{_lines(h.issuing_body.upper())}</div>'
        '<div class="rule"></div>'
        f"<div>{escape(h.number_line(doc.lang))}</div></td>"
        f'<td><div class="motto">{escape(doc.motto[0])}</div>'
        f'<div class="motto2">{escape(doc.motto[1])}</div>'
        f'<div class="rule"></div><div class="date">{escape(h.date_line(doc.lang))}</div></td>'
        "</tr></table>"
        f'<h1 class="ntm-admin-title">{escape(doc.words["title"])}</h1>'
        f'<p class="ntm-admin-subject">{escape(h.subject)}</p><div class="rule"></div>'
    )


def _footer(doc: AdminDocument) -> str:
    h = doc.header
    recipients = "".join(f"<div>- {escape(r)}</div>" for r in h.recipients)
    signer = "".join(
        f"<div>{escape(line)}</div>" for line in (h.signer_role, h.signer_title) if line
    )
    return (
        '<table class="ntm-admin-foot"><tr>'
        f'<td><div class="label">{escape(doc.words["recipients"])}</div>{recipients}</td>'
        f'<td class="sign">{signer}<div class="name">{escape(h.signer_name)}</div></td>'
        "</tr></table>"
    )


def table_html(table: Table) -> str:
    rows, foot = (
        (table.rows[:-1], table.rows[-1]) if table.total and table.rows else (table.rows, ())
    )
    cls = "ntm-matrix" if table.wide and table.total else "ntm-wide" if table.wide else ""
    return _table(table.caption, table.head, rows, foot, cls=cls, states=table.states)


def _notes(notes: tuple[str, ...]) -> str:
    return (
        '<div class="ntm-notes">' + "".join(f"<p>{escape(n)}</p>" for n in notes) + "</div>"
        if notes
        else ""
    )


def admin_fragment(doc: AdminDocument, charts: str = "") -> str:
    """The whole document as an HTML fragment (header, body, signature, annex)."""
    parts = [f'<section class="ntm-admin ntm-{doc.kind}">', _header(doc)]
    parts += [f'<p class="ntm-admin-body">{escape(p)}</p>' for p in doc.paragraphs]
    parts += [table_html(t) for t in doc.tables]
    parts.append(charts)
    if not doc.annex:
        parts.append(_notes(doc.notes))
    parts.append(_footer(doc))
    if doc.annex:
        parts.append('<div class="ntm-annex">')
        parts.append(f"<h2>{escape(doc.words['annex'].upper())}</h2>")
        parts.append(f'<p class="reference">{escape(annex_reference(doc))}</p>')
        parts += [table_html(t) for t in doc.annex]
        parts.append(_notes(doc.notes))
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def admin_page(doc: AdminDocument, charts: str = "", font_css: str = "") -> str:
    """A whole HTML page; our page rules come after the shared ones, which print landscape."""
    title = f"{doc.words['title']} – {doc.header.subject}"
    return (
        f'<!DOCTYPE html><html lang="{doc.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f"<style>{font_css}{PAGE_CSS}{ADMIN_CSS}</style></head>"
        f"<body>{admin_fragment(doc, charts)}</body></html>"
    )
