"""The summary written out in English: the same figures and order as ``summary_text_vi``.

Why a module of its own: ``programme_text`` holds the Vietnamese text, the notes and the words
both languages share; each language's summary is long enough to be a job of its own.
"""

from __future__ import annotations

from typing import Any

from ntm.criteria.inputs import Period
from ntm.criteria.verdicts import STALE_AFTER_MONTHS
from ntm.reports.narrative import join_en, period_en
from ntm.reports.programme_text import (
    COMMUNE_LEVEL_EN,
    NO_DATA_EN,
    PLACEHOLDER_LABELS,
    SET_WORDS,
    commune_level,
    is_commune_summary,
    period_end,
)
from ntm.reports.structures.summary import Average, Summary


def _delta_en(n: float, what: str) -> str | None:
    if not n:
        return None
    return f"{'+' if n > 0 else '-'}{abs(round(n, 2)):g} {what}"


def _provided_en(value: Any) -> str:
    return NO_DATA_EN if value is None else f"{value}"


def _avg_en(avg: Average | None, what: str) -> str | None:
    return f"{round(avg.value, 2):g} {what}" if avg else None


def summary_text_en(summary: Summary) -> str:
    f = summary.figures
    at, vat = f.communes_at, f.villages_at
    with_data = (
        f"; {f.communes - f.communes_no_data} of {f.communes} with data"
        if f.communes_no_data
        else ""
    )
    lines = [
        f"As of {period_end(f.period).isoformat()}: {at.get('ntm', 0)} of {f.communes} communes of "
        f"{summary.unit.name} at NTM ({round(f.ntm_share, 2):g}%{with_data}), of which "
        f"{at.get('advanced', 0)} advanced and {at.get('model', 0)} model; "
        f"{vat.get('ntm', 0)} of {f.villages} villages at NTM, {vat.get('model', 0)} model."
    ]
    if is_commune_summary(summary):
        standing = (
            "has no data to assess"
            if f.communes_no_data
            else commune_level(summary, COMMUNE_LEVEL_EN) or "not yet at NTM"
        )
        lines = [
            f"As of {period_end(f.period).isoformat()}: {summary.unit.name} {standing}; "
            f"{vat.get('ntm', 0)} of {f.villages} villages at NTM, {vat.get('model', 0)} model."
        ]
    averages = [
        _avg_en(f.average_ntm, "NTM criteria per commune"),
        _avg_en(f.average_advanced, "advanced criteria per commune"),
        _avg_en(f.average_village, "NTM criteria per village"),
    ]
    present = [a for a in averages if a]
    if present:
        lines.append("Average: " + "; ".join(present) + ".")
    counted = [
        f"{a.units} of {a.of} communes ({SET_WORDS[key][1]})"
        for key, a in (("ntm", f.average_ntm), ("advanced", f.average_advanced))
        if a and a.of is not None
    ]
    if f.average_village and f.average_village.of is not None:
        counted.append(f"{f.average_village.units} of {f.average_village.of} villages")
    if counted:
        lines.append(
            f"Averages count the units with data from the last {STALE_AFTER_MONTHS} months: "
            + ", ".join(counted)
            + "."
        )
    no_data = [
        f"{n} of {total} {word}"
        for n, total, word in (
            (f.communes_no_data, f.communes, "communes"),
            (f.villages_no_data, f.villages, "villages"),
        )
        if n
    ]
    if no_data:
        lines.append("No data: " + ", ".join(no_data) + " (left out of the averages).")
    changes = summary.changes
    if changes is not None:
        parts = [
            _delta_en(changes["communes"]["ntm"], "communes at NTM"),
            _delta_en(changes["communes"]["advanced"], "advanced communes"),
            _delta_en(changes["communes"]["model"], "model communes"),
            _delta_en(changes["villages"]["ntm"], "villages at NTM"),
            _delta_en(changes["villages"]["model"], "model villages"),
        ]
        said = [p for p in parts if p]
        lines.append(f"{_since_en(summary)}: " + (", ".join(said) if said else "no change") + ".")
    if summary.rank:
        r = summary.rank
        where = f" in {r.parent.name}" if r.parent else ""
        label = r.siblings_label_en or "sibling units"
        if r.all_have_data:
            lines.append(
                f"{summary.unit.name} ranks {r.position} of {r.of}{where} by share of NTM communes."
            )
        else:
            lines.append(
                f"{summary.unit.name} ranks {r.position} of the {r.of} {label} with data{where} "
                f"({r.siblings_total} {label} in all) by share of NTM communes."
            )
        if r.reported:
            lines.append(
                "The rank uses reported figures (not computed from detailed data) for "
                f"{len(r.reported)} of the {r.of} {label}: "
                f"{join_en([name for _, name, _ in r.reported])}."
            )
    for section in summary.sections:
        lines += section.lines("en")
    for key in summary.placeholders:
        lines.append(f"{PLACEHOLDER_LABELS[key][1]}: {_provided_en(summary.provided.get(key))}.")
    lines += [f"Note: {note}" for note in summary.notes_en]
    return "\n".join(lines)


def _since_en(summary: Summary) -> str:
    assert summary.earlier is not None  # called only with a comparison period
    p = Period.parse(summary.earlier.period)
    if summary.since_default:
        when = f"the end of {p.year}" if p.month is None else period_en(summary.earlier.period)
        return f"Compared with {when} (default comparison period)"
    return f"Since {period_en(summary.earlier.period)}"
