"""The review's commune × criterion annex drawn straight onto PDF pages, for large reviews.

Why not WeasyPrint for this table: it lays out every cell as a CSS box with its own text layout
(about 1 ms of CPU per cell, measured with cProfile), so a province of 600 communes (15,000
cells) took 15-25 s, where drawing the same grid takes a fraction of a second. The rest of the
document (header, text, tables, signature) is still made by WeasyPrint; these pages are appended
to its PDF (``write_pdf(finisher=…)``) with the same bundled font, sizes, colours and rules as
``html.PAGE_CSS`` / ``admin_html.ADMIN_CSS``: landscape A4, header repeated on every page, the
totals row once at the end, never a lone commune row on a page, then the notes.

The bundled font is embedded by ``pdf_font``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ntm.reports.render.admindoc import AdminDocument, Table, annex_reference, cell_text
from ntm.reports.render.palette import level_colour
from ntm.reports.render.pdf_font import font, font_object
from ntm.reports.render.tables import MISSING_CELL, UNMET_CELL, UNVERIFIED_CELL

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 297 * MM, 210 * MM  # A4 landscape (@page annex)
BODY_MARGIN = 6.0  # the user-agent stylesheet's 8px body margin, inside the page margin
MARGIN_X, MARGIN_Y = 12 * MM + BODY_MARGIN, 15 * MM
CELL_SIZE, PAD_X, PAD_Y = 8.0, 0.8 * MM, 0.6 * MM  # .ntm-matrix td: 8pt, padding 0.6mm 0.8mm
BORDER, BORDER_GREY = 0.5, (0x55 / 255,) * 3
HEADING_SIZE, TEXT_SIZE, NOTE_SIZE = 12.0, 11.0, 8.5
TABLE_MARGIN = 3 * MM
OBLIQUE = 0.2  # the slant of the synthesised italic of the reference line, as Pango draws it
FILLS = {UNMET_CELL: "F8D7DA", UNVERIFIED_CELL: "FFF3CD", MISSING_CELL: "E9ECEF"}
# Above this many rows an annex table is drawn here; below, WeasyPrint lays it out as before.
DRAWN_ROWS = 80


def should_draw(doc: AdminDocument, limit: int = DRAWN_ROWS) -> bool:
    """True when the document's annex is the review matrix and it is long."""
    return doc.kind == "review" and any(t.wide and len(t.rows) > limit for t in doc.annex)


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return f"{r:.3f} {g:.3f} {b:.3f}"


class _Canvas:
    """Content-stream operators for one page, in points from the page's top-left corner."""

    def __init__(self, used: dict[str, dict[int, str]]) -> None:
        self.ops: list[str] = []
        self.used = used  # weight -> glyph id -> text, for the widths and ToUnicode maps

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        weight: str = "regular",
        colour: str = "111111",
        slant: float = 0.0,
    ) -> None:
        if not text:
            return
        face = font(weight)
        gids = face.glyphs(text)
        seen = self.used[weight]
        for gid, ch in zip(gids, text, strict=True):
            seen.setdefault(gid, ch)
        baseline = PAGE_HEIGHT - y - face.ascent * size / face.units
        self.ops.append(
            f"BT {_rgb(colour)} rg /F{weight[0]} {size:g} Tf 1 0 {slant:g} 1 {x:.2f} "
            f"{baseline:.2f} Tm <{''.join(f'{g:04x}' for g in gids)}> Tj ET"
        )

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        self.ops.append(f"{_rgb(colour)} rg {x:.2f} {PAGE_HEIGHT - y - h:.2f} {w:.2f} {h:.2f} re f")

    def lines(self, segments: Sequence[tuple[float, float, float, float]]) -> None:
        grey = " ".join(f"{c:.3f}" for c in BORDER_GREY)
        path = " ".join(
            f"{x0:.2f} {PAGE_HEIGHT - y0:.2f} m {x1:.2f} {PAGE_HEIGHT - y1:.2f} l"
            for x0, y0, x1, y1 in segments
        )
        self.ops.append(f"{BORDER:g} w {grey} RG {path} S")


def _wrap(text: str, size: float, width: float, weight: str = "regular") -> list[str]:
    face, lines, line = font(weight), [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and face.width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


@dataclass
class _Grid:
    """Column widths, alignment and row height of one table."""

    widths: list[float]
    left: set[int]
    row_height: float

    @classmethod
    def of(cls, table: Table) -> _Grid:
        regular, bold = font("regular"), font("bold")
        columns = len(table.head)
        natural = [bold.width(h, CELL_SIZE) for h in table.head]
        for r, row in enumerate(table.rows):
            face = bold if table.total and r == len(table.rows) - 1 else regular
            for c, value in enumerate(row[:columns]):
                state = _state(table, r, c)
                used = bold if state in (UNMET_CELL,) or _bold_level(state) else face
                natural[c] = max(natural[c], used.width(cell_text(value), CELL_SIZE))
        natural = [w + 2 * PAD_X + BORDER for w in natural]
        available = PAGE_WIDTH - 2 * MARGIN_X
        total = sum(natural)
        widths = [w + (available - total) * w / total for w in natural]
        left = {0, 1} if columns > 2 else {0}
        return cls(widths, left, regular.line_height(CELL_SIZE) + 2 * PAD_Y + BORDER)

    @property
    def width(self) -> float:
        return sum(self.widths)


def _state(table: Table, r: int, c: int) -> str | None:
    marks = table.states[r] if r < len(table.states) else ()
    return marks[c] if c < len(marks) else None


def _bold_level(state: str | None) -> bool:
    return bool(state and state.startswith("level-") and state != "level-none")


def _draw_row(
    canvas: _Canvas,
    grid: _Grid,
    y: float,
    values: Sequence[object],
    states: Sequence[str | None] = (),
    bold: bool = False,
    head: bool = False,
) -> None:
    x = MARGIN_X
    for c, (width, value) in enumerate(zip(grid.widths, values, strict=False)):
        state = states[c] if c < len(states) else None
        weight, colour = ("bold" if bold else "regular"), "111111"
        if state in FILLS:
            canvas.rect(x, y, width, grid.row_height, FILLS[state])
            weight = "bold" if state == UNMET_CELL else weight
        elif state and state.startswith("level-"):
            colour = level_colour(state[len("level-") :])
            weight = "bold" if _bold_level(state) else "regular"
        text = cell_text(value)
        size_w = font(weight).width(text, CELL_SIZE)
        tx = x + PAD_X + BORDER / 2 if c in grid.left and not head else x + (width - size_w) / 2
        canvas.text(tx, y + PAD_Y + BORDER / 2, text, CELL_SIZE, weight, colour)
        x += width


def _grid_lines(grid: _Grid, top: float, rows: int) -> list[tuple[float, float, float, float]]:
    bottom = top + rows * grid.row_height
    right = MARGIN_X + grid.width
    segments = [
        (MARGIN_X, top + i * grid.row_height, right, top + i * grid.row_height)
        for i in range(rows + 1)
    ]
    x = MARGIN_X
    for width in [0.0, *grid.widths]:
        x += width
        segments.append((x, top, x, bottom))
    return segments


def _page_splits(first: int, per_page: int, count: int, foot: bool) -> list[int]:
    """How many body rows each page takes: ``first`` rows fit on the first page, ``per_page``
    on the others, the totals row (``foot``) takes a row's place on the last one; a last page
    left with fewer than two commune rows takes them from the page before (no lone row, as
    ``PAGE_CSS`` asks of WeasyPrint)."""
    sizes, left, capacity = [], count + (1 if foot else 0), first
    while left > 0:
        take = min(capacity, left)
        sizes.append(take)
        left -= take
        capacity = per_page
    if foot and sizes:
        sizes[-1] -= 1
    if len(sizes) > 1 and sizes[-1] < 2:
        need = 2 - sizes[-1]
        sizes[-2] -= need
        sizes[-1] += need
    return sizes


def _table_pages(
    canvas_for: Any, table: Table, grid: _Grid, top: float, canvas: _Canvas
) -> tuple[_Canvas, float]:
    """Draw ``table`` from ``top`` on ``canvas``, adding pages as needed; returns the canvas
    and the height reached."""
    canvas.text(MARGIN_X, top + 1 * MM, table.caption, TEXT_SIZE, "bold")
    top += font("bold").line_height(TEXT_SIZE) + 2 * MM
    body = list(table.rows[:-1] if table.total else table.rows)
    foot = table.rows[-1] if table.total and table.rows else None
    bottom_limit = PAGE_HEIGHT - MARGIN_Y
    per_page = int((bottom_limit - MARGIN_Y) // grid.row_height) - 1
    first = int((bottom_limit - top) // grid.row_height) - 1
    if first < 2:
        canvas, top, first = canvas_for(), MARGIN_Y, per_page
    sizes = _page_splits(first, per_page, len(body), foot is not None)
    start = 0
    for page, size in enumerate(sizes):
        if page:
            canvas, top = canvas_for(), MARGIN_Y
        _draw_row(canvas, grid, top, table.head, bold=True, head=True)
        y = top + grid.row_height
        for r in range(start, start + size):
            _draw_row(canvas, grid, y, body[r], table.states[r] if r < len(table.states) else ())
            y += grid.row_height
        rows = size + 1
        if foot is not None and page == len(sizes) - 1:
            _draw_row(canvas, grid, y, foot, bold=True)
            y += grid.row_height
            rows += 1
        canvas.lines(_grid_lines(grid, top, rows))
        start += size
        top = y
    return canvas, top + TABLE_MARGIN


def annex_pages(doc: AdminDocument) -> list[tuple[list[str], dict[str, dict[int, str]]]]:
    """The annex (heading, reference, tables, notes) as content streams, one per page, and the
    glyphs each font drew."""
    used: dict[str, dict[int, str]] = {"regular": {}, "bold": {}}
    pages: list[_Canvas] = []

    def new_page() -> _Canvas:
        pages.append(_Canvas(used))
        return pages[-1]

    canvas = new_page()
    heading = doc.words["annex"].upper()
    bold, regular = font("bold"), font("regular")
    canvas.text(
        (PAGE_WIDTH - bold.width(heading, HEADING_SIZE)) / 2,
        MARGIN_Y,
        heading,
        HEADING_SIZE,
        "bold",
    )
    top = MARGIN_Y + bold.line_height(HEADING_SIZE)
    reference = annex_reference(doc)
    canvas.text(
        (PAGE_WIDTH - regular.width(reference, TEXT_SIZE)) / 2,
        top,
        reference,
        TEXT_SIZE,
        slant=OBLIQUE,
    )
    top += regular.line_height(TEXT_SIZE) + 3 * MM
    for table in doc.annex:
        canvas, top = _table_pages(new_page, table, _Grid.of(table), top, canvas)
    width = PAGE_WIDTH - 2 * MARGIN_X
    for note in doc.notes:
        for line in _wrap(note, NOTE_SIZE, width):
            if top + regular.line_height(NOTE_SIZE) > PAGE_HEIGHT - MARGIN_Y:
                canvas, top = new_page(), MARGIN_Y
            canvas.text(MARGIN_X, top, line, NOTE_SIZE, colour="333333")
            top += regular.line_height(NOTE_SIZE)
        top += 1 * MM
    return [(c.ops, used) for c in pages]


def append_annex(doc: AdminDocument, pdf: Any) -> None:
    """Add the annex pages to a ``pydyf.PDF`` (WeasyPrint's ``finisher`` hook)."""
    import pydyf  # type: ignore[import-untyped]

    pages = annex_pages(doc)
    used = pages[0][1] if pages else {"regular": {}, "bold": {}}
    fonts = pydyf.Dictionary(
        {f"F{weight[0]}": font_object(pdf, weight, used[weight]).reference for weight in used}
    )
    resources = pydyf.Dictionary({"Font": fonts})
    pdf.add_object(resources)
    for ops, _ in pages:
        stream = pydyf.Stream(ops, compress=True)
        pdf.add_object(stream)
        pdf.add_page(
            pydyf.Dictionary(
                {
                    "Type": "/Page",
                    "Parent": pdf.pages.reference,
                    "MediaBox": pydyf.Array([0, 0, round(PAGE_WIDTH, 3), round(PAGE_HEIGHT, 3)]),
                    "Contents": stream.reference,
                    "Resources": resources.reference,
                }
            )
        )
