"""One colour per level, the same on the map, the cards, the tables and in the documents.

Why here: the pure renderers (XLSX, DOCX, PDF) and the web CSS must agree; the CSS variables
``--ntm-level-*`` in ``web/static/web/css/ntm.css`` hold the same values (a test compares them)
and the map script reads them from the CSS.
"""

from __future__ import annotations

LEVEL_COLOURS = {
    "model": "5B2A86",
    "advanced": "0B5394",
    "ntm": "1F6F43",
    "none": "6C757D",  # not reached: grey, never red (red means a failing indicator)
}


def level_colour(level: str | None) -> str:
    return LEVEL_COLOURS.get(level or "none", LEVEL_COLOURS["none"])
