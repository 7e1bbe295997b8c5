"""The parts of a review built per commune and per criterion: a commune's row (every count read
from the engine's result), the banding groups by criteria met, and the table of criteria unmet
or unknown somewhere.

Why apart from ``review``: the gap list (``gaps``) and the dashboards use these rows without
building a whole review; ``review`` assembles them with the text and the revocation checks.
Every name here stays importable from ``ntm.reports.review``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ntm.criteria.results import MET, UNMET, CriterionResult, Outcome
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


class CriterionFacts(NamedTuple):
    """What a review reads of one criterion's indicators, found in one pass over them."""

    unverified: bool  # an unverified rule judged (met or unmet) some indicator
    unmet: tuple[tuple[str, str], ...]  # (code, name) of the indicators unmet


class CriterionMemo:
    """``CriterionFacts`` per criterion result, remembered for one table of criteria unmet.

    Why: stored results (``CompactResult``) share their ``CriterionResult`` objects between all
    the units with the same statuses, so a national review meets a few thousand distinct ones
    among 190,000; each is read once. Kept by identity, and the objects are held here, so an
    id is never reused while the memo lives (an engine result's objects are simply read once).
    """

    def __init__(self) -> None:
        self._facts: dict[int, tuple[CriterionResult, CriterionFacts]] = {}

    def __call__(self, criterion: CriterionResult) -> CriterionFacts:
        known = self._facts.get(id(criterion))
        if known is not None and known[0] is criterion:
            return known[1]
        facts = criterion_facts(criterion)
        self._facts[id(criterion)] = (criterion, facts)
        return facts


def criterion_facts(criterion: CriterionResult) -> CriterionFacts:
    return CriterionFacts(
        any(not i.verified and i.status in (MET, UNMET) for i in criterion.indicators),
        tuple((i.code, i.name) for i in criterion.indicators if i.status == UNMET),
    )


def commune_row(entry: CommuneEntry) -> CommuneRow:
    """A commune's line, every count read from the engine's ``UnitResult`` (never recounted).

    An indicator that does not apply to the commune counts as met, as offices count it: seed
    002's communes at 18/19 criteria meet "56/57" indicators, the one failure being the only
    indicator not counted, whatever applies to them. The conditions block of a district set
    (criterion 0) is not one of the law's criteria: it is reported as ``conditions_met``.
    """
    result = entry.result
    return CommuneRow(
        code=entry.code,
        name=entry.name,
        criteria_met=result.criteria_met,
        criteria_total=result.criteria_total,
        indicators_met=result.indicators_met,
        indicators_total=result.indicators_total,
        unmet_criteria=result.failed_criteria,
        missing_criteria=result.missing_criteria,
        missing_indicators=result.missing_indicator_codes,
        unverified_criteria=result.unverified_criteria,
        statuses=result.criterion_statuses,
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
    results: Sequence[tuple[str, Outcome]],
    names: dict[int, str],
    memo: CriterionMemo | None = None,
) -> tuple[UnmetCriterion, ...]:
    """For each criterion unmet (or unknown) somewhere: which units, and on which indicators.

    ``results``: (unit code, result) pairs. The one computation of this table: the review, its
    renderers and the dashboard's chart all read it. The conditions block is not a criterion
    and is not listed.
    """
    unmet: dict[int, list[str]] = {}
    missing: dict[int, list[str]] = {}
    unverified: dict[int, list[str]] = {}
    # Per criterion, how many units fail it on each set of unmet indicators, in the order first
    # met: the units sharing one tally once at the end instead of one count per indicator each.
    tallies: dict[int, dict[tuple[tuple[str, str], ...], int]] = {}
    names = dict(names)
    facts = memo or CriterionMemo()
    for code, result in results:
        for number in result.missing_criteria:
            missing.setdefault(number, []).append(code)
        failed = result.failed_criteria
        if not failed:
            continue
        for criterion in result.criteria:
            number = criterion.number
            if number not in failed:
                continue
            tally = tallies.get(number)
            if tally is None:
                tally = tallies[number] = {}
                unmet[number] = []
                names.setdefault(number, criterion.name)
            unmet[number].append(code)
            read = facts(criterion)
            if read.unverified:
                unverified.setdefault(number, []).append(code)
            tally[read.unmet] = tally.get(read.unmet, 0) + 1
    result_rows = []
    for number in sorted(set(unmet) | set(missing)):
        counts: dict[str, list[Any]] = {}
        for indicators, units in tallies.get(number, {}).items():
            for indicator_code, indicator_name in indicators:
                counts.setdefault(indicator_code, [indicator_name, 0])[1] += units
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
