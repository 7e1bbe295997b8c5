"""One colour per level: the web CSS variables equal the documents' palette, and "not reached"
is grey, never the red of a failing indicator."""

from __future__ import annotations

import re
from pathlib import Path

from ntm.reports.render.palette import LEVEL_COLOURS

CSS = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "ntm"
    / "web"
    / "static"
    / "web"
    / "css"
    / "ntm.css"
)


def test_the_css_level_colours_are_the_documents_palette():
    css = CSS.read_text(encoding="utf-8")
    found = {
        m.group(1): m.group(2).upper()
        for m in re.finditer(r"--ntm-level-(\w+):\s*#([0-9a-fA-F]{6})", css)
    }
    assert found == LEVEL_COLOURS
    assert (
        LEVEL_COLOURS["none"] != re.search(r"--ntm-unmet:\s*#([0-9a-f]{6})", css).group(1).upper()
    )


def test_no_level_colour_is_hard_coded_in_the_map_script():
    script = (CSS.parent.parent / "js" / "dashboard.js").read_text(encoding="utf-8")
    assert "--ntm-level-" in script and "#c0392b" not in script and "#1f9d55" not in script
