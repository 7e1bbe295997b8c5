"""The "recognised" summary section from the recognitions stored (registered in ``apps.py``)."""

from __future__ import annotations

from collections import Counter

from ntm.criteria.inputs import Period
from ntm.recognition.selectors import recognised_counts
from ntm.reports.programme_text import period_end
from ntm.reports.recognised import OwnRecognition, RecognisedCount, RecognisedSection
from ntm.textnorm import unit_label
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree


def _count(unit: AdminUnit, period: Period) -> tuple[RecognisedCount, list[OwnRecognition]]:
    on = period_end(str(period))
    counts = recognised_counts(unit, on)
    own = [OwnRecognition(r.level, r.decision, r.date, r.issuer) for r in counts.own]
    return RecognisedCount(
        on, counts.communes, counts.villages, counts.communes_by_top, counts.villages_by_top
    ), own


def _village_word(unit: AdminUnit) -> str:
    kinds = Counter(subtree(unit, "village").values_list("unit_type", flat=True))
    return kinds.most_common(1)[0][0] if kinds else "thôn"


def provide_recognised(unit: AdminUnit, period: Period, since: Period | None) -> RecognisedSection:
    """Always a section: "none recorded" is said in words, the JSON keeps its shape."""
    now, own = _count(unit, period)
    earlier = _count(unit, since)[0] if since is not None else None
    return RecognisedSection(
        unit_label=unit_label(unit.unit_type, unit.name),
        unit_name=unit.name,
        now=now,
        earlier=earlier,
        own=tuple(own),
        village_word=_village_word(unit),
    )
