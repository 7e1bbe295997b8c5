"""User text in spreadsheets stays text: formula injection neutralised in every export.

A note or a name such as ``=HYPERLINK("http://…","Bấm vào đây")`` would run as a formula when
an office opens the export. openpyxl stores any string starting with "=" as a formula, so
``neutralise_formulas`` turns every formula cell of a workbook we build back into the text it
came from (the renderers never write formulas on purpose). ``csv_safe`` does the same for CSV
cells the OWASP way: text starting with "=", "+", "-", "@", a tab or a CR gets a leading
apostrophe, unless it is a plain number ("-5", "+84…" phone numbers stay as they are) or the
lone "-" that means "not applicable".
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9][0-9.,\s]*%?$")


def neutralise_formulas(workbook: Any) -> int:
    """Make every formula cell of ``workbook`` a text cell; returns how many were changed."""
    changed = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    changed += 1
    return changed


def csv_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not evaluate as a formula."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and value != "-"
        and not _PLAIN_NUMBER.match(value)
    ):
        return "'" + value
    return value
