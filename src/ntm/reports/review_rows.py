"""The parts of a review built per commune and per criterion: a commune's row (every count read
from the engine's result), the banding groups by criteria met, and the table of criteria unmet
or unknown somewhere.

Why apart from ``review``: the gap list (``gaps``) and the dashboards use these rows without
building a whole review; ``review`` assembles them with the text and the revocation checks.
Every name here stays importable from ``ntm.reports.review``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ntm.criteria.results import MET, MISSING, UNMET, Outcome
from ntm.reports.structures.review import CommuneEntry, CommuneRow, Group, UnmetCriterion

# The row shapes live in ``ntm.reports.structures``; importable from here too.
__all__ = [
    "CommuneEntry",
    "CommuneRow",
    "Group",
    "UnmetCriterion",
    "commune_row",
    "group_rows",
    "unmet_by_criterion",
]


def commune_row(entry: CommuneEntry) -> CommuneRow:
    """A commune's line, every count read from the engine's ``UnitResult`` (never recounted).

    An indicator that does not apply to the commune counts as met, as offices count it: seed
    002's communes at 18/19 criteria meet "56/57" indicators, the one failure being the only
    indicator not counted, whatever applies to them. The conditions block of a district set
    (criterion 0) is not one of the law's criteria: it is reported as ``conditions_met``.
    """
    result = entry.result
    unverified = tuple(
        c.number
        for c in result.criteria
        if any(not i.verified and i.status in (MET, UNMET) for i in c.indicators)
    )
    return CommuneRow(
        code=entry.code,
        name=entry.name,
        criteria_met=result.criteria_met,
        criteria_total=result.criteria_total,
        indicators_met=result.indicators_met,
        indicators_total=result.indicators_total,
        unmet_criteria=result.failed_criteria,
        missing_criteria=result.missing_criteria,
        missing_indicators=tuple(i.code for i in result.indicators if i.status == MISSING),
        unverified_criteria=unverified,
        statuses=tuple((c.number, c.status) for c in result.criteria),
        set_code=result.set_code,
        level=entry.level,
        indicators_not_applicable=result.indicators_not_applicable,
        conditions_met=result.conditions_met,
    )


def group_rows(rows: Sequence[CommuneRow]) -> tuple[Group, ...]:
    """Group by criteria met, highest first; inside a group, most indicators first, then input
    order."""
    by_count: dict[int, list[CommuneRow]] = {}
    for row in rows:
        by_count.setdefault(row.criteria_met, []).append(row)
    groups = []
    for count in sorted(by_count, reverse=True):
        members = sorted(by_count[count], key=lambda r: -r.indicators_met)
        indicators = [r.indicators_met for r in members]
        groups.append(
            Group(
                criteria_met=count,
                criteria_total=max(r.criteria_total for r in members),
                indicators_min=min(indicators),
                indicators_max=max(indicators),
                indicators_total=max(r.indicators_total for r in members),
                communes=tuple(members),
            )
        )
    return tuple(groups)


def unmet_by_criterion(
    results: Sequence[tuple[str, Outcome]], names: dict[int, str]
) -> tuple[UnmetCriterion, ...]:
    """For each criterion unmet (or unknown) somewhere: which units, and on which indicators.

    ``results``: (unit code, result) pairs. The one computation of this table: the review, its
    renderers and the dashboard's chart all read it. The conditions block is not a criterion
    and is not listed.
    """
    unmet: dict[int, list[str]] = {}
    missing: dict[int, list[str]] = {}
    unverified: dict[int, list[str]] = {}
    indicator_counts: dict[int, dict[str, list[Any]]] = {}
    names = dict(names)
    for code, result in results:
        for number in result.missing_criteria:
            missing.setdefault(number, []).append(code)
        failed = set(result.failed_criteria)
        if not failed:
            continue
        for criterion in result.criteria:
            if criterion.number not in failed:
                continue
            unmet.setdefault(criterion.number, []).append(code)
            if any(not i.verified and i.status in (MET, UNMET) for i in criterion.indicators):
                unverified.setdefault(criterion.number, []).append(code)
            counts = indicator_counts.setdefault(criterion.number, {})
            for indicator in criterion.indicators:
                if indicator.status == UNMET:
                    counts.setdefault(indicator.code, [indicator.name, 0])[1] += 1
            names.setdefault(criterion.number, criterion.name)
    result_rows = []
    for number in sorted(set(unmet) | set(missing)):
        counts = indicator_counts.get(number, {})
        result_rows.append(
            UnmetCriterion(
                number=number,
                name=names.get(number, ""),
                unmet=tuple(unmet.get(number, ())),
                missing=tuple(missing.get(number, ())),
                unverified=tuple(unverified.get(number, ())),
                unmet_indicators=tuple((code, n[0], n[1]) for code, n in counts.items()),
            )
        )
    return tuple(result_rows)
