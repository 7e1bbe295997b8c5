"""The bundled font for the PDF pages we draw ourselves (``pdf_annex``): its metrics read with
fontTools, and its embedding as a CID TrueType font with a ToUnicode map.

Why the whole font file (70 kB a weight) and glyph ids as character codes: no subsetting step
to get wrong, every Vietnamese letter of a name available, and the ToUnicode map keeps the text
searchable and copyable (``pdftotext`` reads it like WeasyPrint's).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
FONT_FILES = {"regular": "BeVietnamPro-Regular.ttf", "bold": "BeVietnamPro-Bold.ttf"}
FONT_NAMES = {"regular": "Be-Vietnam-Pro", "bold": "Be-Vietnam-Pro-Bold"}


@dataclass(frozen=True)
class Font:
    data: bytes
    cmap: dict[int, int]  # code point -> glyph id
    advances: tuple[int, ...]  # glyph id -> advance (font units)
    units: int
    ascent: int
    descent: int
    bbox: tuple[int, int, int, int]
    cap_height: int

    def glyphs(self, text: str) -> list[int]:
        return [self.cmap.get(ord(ch), 0) for ch in text]

    def width(self, text: str, size: float) -> float:
        return sum(self.advances[g] for g in self.glyphs(text)) * size / self.units

    def line_height(self, size: float) -> float:
        return (self.ascent - self.descent) * size / self.units


@lru_cache(maxsize=2)
def font(weight: str) -> Font:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    path = FONT_DIR / FONT_FILES[weight]
    data = path.read_bytes()
    tt = TTFont(path)
    order = {name: gid for gid, name in enumerate(tt.getGlyphOrder())}
    hmtx = tt["hmtx"].metrics
    head, hhea = tt["head"], tt["hhea"]
    return Font(
        data=data,
        cmap={cp: order[name] for cp, name in tt.getBestCmap().items()},
        advances=tuple(hmtx[name][0] for name in tt.getGlyphOrder()),
        units=head.unitsPerEm,
        ascent=hhea.ascent,
        descent=hhea.descent,
        bbox=(head.xMin, head.yMin, head.xMax, head.yMax),
        cap_height=getattr(tt["OS/2"], "sCapHeight", hhea.ascent),
    )


def font_object(pdf: Any, weight: str, used: dict[int, str]) -> Any:
    """A Type0 font over the whole embedded TrueType file, glyph ids as character codes."""
    import pydyf  # type: ignore[import-untyped]

    face = font(weight)
    scale = 1000 / face.units
    data = pydyf.Stream([face.data], {"Length1": len(face.data)}, compress=True)
    pdf.add_object(data)
    descriptor = pydyf.Dictionary(
        {
            "Type": "/FontDescriptor",
            "FontName": f"/{FONT_NAMES[weight]}",
            "Flags": 32,
            "FontBBox": pydyf.Array([round(v * scale) for v in face.bbox]),
            "ItalicAngle": 0,
            "Ascent": round(face.ascent * scale),
            "Descent": round(face.descent * scale),
            "CapHeight": round(face.cap_height * scale),
            "StemV": 80,
            "FontFile2": data.reference,
        }
    )
    pdf.add_object(descriptor)
    widths = pydyf.Array()
    for gid in sorted(used):
        widths.extend([gid, pydyf.Array([round(face.advances[gid] * scale)])])
    cid_font = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/CIDFontType2",
            "BaseFont": f"/{FONT_NAMES[weight]}",
            "CIDSystemInfo": pydyf.Dictionary(
                {
                    "Registry": pydyf.String("Adobe"),
                    "Ordering": pydyf.String("Identity"),
                    "Supplement": 0,
                }
            ),
            "FontDescriptor": descriptor.reference,
            "W": widths,
            "CIDToGIDMap": "/Identity",
        }
    )
    pdf.add_object(cid_font)
    unicode_map = pydyf.Stream(to_unicode(used), compress=True)
    pdf.add_object(unicode_map)
    type0 = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": f"/{FONT_NAMES[weight]}",
            "Encoding": "/Identity-H",
            "DescendantFonts": pydyf.Array([cid_font.reference]),
            "ToUnicode": unicode_map.reference,
        }
    )
    pdf.add_object(type0)
    return type0


def to_unicode(used: dict[int, str]) -> list[str]:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(used.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{gid:04x}> <{ch.encode('utf-16-be').hex()}>" for gid, ch in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return lines
