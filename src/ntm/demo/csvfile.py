"""The demo's values as a long-form CSV (design.md §6), the file an NTM office would import.

Why a file: the demo goes through the real importer, so it exercises the same reading,
Vietnamese number parsing ("95,5%"), unit matching and upsert a user's file does. Pure Python.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from ntm.criteria.registry import Registry
from ntm.demo.plan import PlannedValue
from ntm.demo.values import raw_text

HEADER = ("unit", "period", "set", "indicator", "value", "note")
DEMO_NOTE = "Dữ liệu mẫu (ntm demo)"


def demo_csv(
    values: Iterable[PlannedValue], registry: Registry, unit_refs: Mapping[str, str] | None = None
) -> str:
    """CSV text for ``values``; ``unit_refs`` maps a unit code to what the unit column holds
    (a name path for units whose code is not an official one)."""
    unit_refs = unit_refs or {}
    indicators = {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for v in values:
        key = (v.set_code, v.indicator)
        if key not in indicators:
            indicators[key] = registry.get(v.set_code).indicator(v.indicator)
        writer.writerow(
            (
                unit_refs.get(v.unit_code, v.unit_code),
                v.period,
                v.set_code,
                v.indicator,
                raw_text(indicators[key], v.value),
                DEMO_NOTE,
            )
        )
    return out.getvalue()
