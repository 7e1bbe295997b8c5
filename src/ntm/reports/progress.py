"""Progress over time (seed 000): the summary's figures per year or month over a range, as a
table and as chart series."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ntm.criteria.inputs import Period
from ntm.reports.lineage_text import aggregate_note_en, aggregate_note_vi
from ntm.reports.progress_text import progress_text_en, progress_text_vi
from ntm.reports.structures.progress import SERIES_LABELS, Progress
from ntm.reports.structures.review import UnitRef
from ntm.reports.structures.summary import ProgrammeFigures
from ntm.textnorm import unit_label

# The shapes live in ``ntm.reports.structures``; every name is importable from here too.
__all__ = ["SERIES_LABELS", "Progress", "build_progress"]


def build_progress(unit: UnitRef, points: Sequence[ProgrammeFigures]) -> Progress:
    """Points are sorted by period; their text names the start and when all communes reached NTM."""
    ordered = tuple(sorted(points, key=lambda p: Period.parse(p.period)))
    progress = Progress(unit, ordered)
    name_vi = unit_label(unit.kind, unit.name)
    return replace(
        progress,
        text=" ".join([progress_text_vi(progress), *aggregate_note_vi(name_vi, ordered)]),
        text_en=" ".join([progress_text_en(progress), *aggregate_note_en(unit.name, ordered)]),
    )
