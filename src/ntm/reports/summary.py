"""The programme summary (sơ kết) of a unit at a period, as seed 004 reports it.

Figures: communes and villages at each level (cumulative: an advanced commune also counts as
NTM), average criteria met per commune (NTM and advanced sets) and per village, changes since an
earlier period, the unit's rank among its siblings by share of NTM communes, and the figures
later issues will fill (OCOP, funds, physical outputs) kept as "no data", never zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ntm.reports.programme_text import summary_notes, summary_text_vi
from ntm.reports.structures.review import UnitRef
from ntm.reports.structures.sections import SummarySection
from ntm.reports.structures.summary import (
    COMMUNE_LEVELS,
    LADDER,
    PLACEHOLDERS,
    VILLAGE_LEVELS,
    Average,
    ProgrammeFigures,
    Rank,
    SiblingShare,
    Summary,
    SummarySets,
    UnitStanding,
    changes_between,
)
from ntm.reports.summary_text_en import summary_text_en

# The shapes live in ``ntm.reports.structures``; every name is importable from here too.
__all__ = [
    "COMMUNE_LEVELS",
    "LADDER",
    "PLACEHOLDERS",
    "VILLAGE_LEVELS",
    "Average",
    "ProgrammeFigures",
    "Rank",
    "SiblingShare",
    "Summary",
    "SummarySection",
    "SummarySets",
    "UnitRef",
    "UnitStanding",
    "build_summary",
    "changes_between",
    "programme_figures",
    "rank_by_ntm_share",
]


def _at_or_above(levels: Sequence[str | None], ladder: Sequence[str]) -> dict[str, int]:
    counts = dict.fromkeys(ladder, 0)
    order = {name: i for i, name in enumerate(LADDER)}
    for level in levels:
        rank = order.get(level) if level else None
        if rank is None:
            continue
        for name in ladder:
            if order[name] <= rank:
                counts[name] += 1
    return counts


def _average(units: Sequence[UnitStanding], set_code: str | None) -> Average | None:
    """Mean criteria met over the units reporting against the set at the period (current
    values, ``UnitStanding``); a unit without them is left out, never counted as a 0."""
    if not set_code:
        return None
    values = [u.criteria_met[set_code] for u in units if set_code in u.criteria_met]
    return Average(sum(values) / len(values), len(values), len(units)) if values else None


def _no_data(units: Sequence[UnitStanding]) -> int:
    """Units with no value for any set and no level: "chưa có số liệu", not "chưa đạt"."""
    return sum(1 for u in units if not u.has_data and u.level is None)


def programme_figures(
    period: str,
    communes: Sequence[UnitStanding],
    villages: Sequence[UnitStanding],
    sets: SummarySets,
    *,
    carried_forward: bool = False,
) -> ProgrammeFigures:
    """The counts and averages of a summary. Averages are over the units reporting against the
    set (current values, as the review of the set lists them).

    ``carried_forward``: no value is dated within the period, so every figure repeats an
    earlier period's (the caller knows the dates; results only hold the latest values)."""
    return ProgrammeFigures(
        period=str(period),
        communes=len(communes),
        communes_at=_at_or_above([c.level for c in communes], COMMUNE_LEVELS),
        villages=len(villages),
        villages_at=_at_or_above([v.level for v in villages], VILLAGE_LEVELS),
        average_ntm=_average(communes, sets.ntm),
        average_advanced=_average(communes, sets.advanced),
        average_village=_average(villages, sets.village),
        sets=sets,
        communes_no_data=_no_data(communes),
        villages_no_data=_no_data(villages),
        carried_forward=carried_forward,
    )


def rank_by_ntm_share(
    unit_code: str,
    siblings: Sequence[SiblingShare],
    parent: UnitRef | None = None,
    siblings_label: str = "",
    siblings_label_en: str = "",
) -> Rank | None:
    """Competition ranking ("1, 2, 2, 4") among the siblings with data: 1 + the number of them
    with a larger share. None when the unit itself has no data (it cannot be ranked). Siblings
    whose share comes from their own reported figures are ranked too, and listed in ``reported``."""
    mine = next((s for s in siblings if s.code == unit_code), None)
    if mine is None or not mine.has_data:
        return None
    ranked = [s for s in siblings if s.has_data]
    position = 1 + sum(1 for s in ranked if s.share > mine.share + 1e-12)
    reported = tuple((s.code, s.name, s.reported) for s in ranked if s.reported)
    return Rank(
        position,
        len(ranked),
        mine.share,
        parent,
        siblings_label,
        len(siblings),
        siblings_label_en,
        reported,
    )


def build_summary(
    unit: UnitRef,
    figures: ProgrammeFigures,
    *,
    earlier: ProgrammeFigures | None = None,
    rank: Rank | None = None,
    provided: Mapping[str, Any] | None = None,
    village_word: str = "thôn",
    since_default: bool = False,
    notes: Sequence[tuple[str, str]] = (),
    sections: Sequence[SummarySection] = (),
) -> Summary:
    """The summary with its Vietnamese and English text. ``provided`` fills a placeholder
    (OCOP products…) when a later module has the figure; absent keys read "no data".
    ``since_default``: ``earlier`` was picked for the user, and the text says so. ``notes``:
    (Vietnamese, English) caveats the caller knows (about the unit data), added to the notes
    every summary carries (levels come from data, figures carried forward)."""
    summary = Summary(
        unit,
        figures,
        earlier,
        rank,
        dict(provided or {}),
        village_word,
        since_default=since_default,
        extra_notes=tuple(notes),
        sections=tuple(sections),
    )
    pairs = summary_notes(summary)
    summary = replace(
        summary, notes=tuple(vi for vi, _ in pairs), notes_en=tuple(en for _, en in pairs)
    )
    return replace(summary, text=summary_text_vi(summary), text_en=summary_text_en(summary))
