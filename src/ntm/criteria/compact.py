"""A unit's result reduced to what is counted: statuses, not explanations (issue 13).

Why: a national page or report counts criteria and indicators for thousands of units; building
75 explained ``IndicatorResult`` objects per commune on every request costs more than the page.
The stored results table keeps, per unit, set and period, the counts as columns and one letter
per criterion and per indicator; ``CompactResult`` answers every counting question
``UnitResult`` answers (same property names), and rebuilds per-criterion statuses only when a
caller asks for them. Values, thresholds and reasons are not kept: an explanation is always the
engine's (``Evaluator.evaluate`` for that one unit).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from ntm.criteria.model import CriteriaSet
from ntm.criteria.results import (
    MET,
    MISSING,
    NOT_APPLICABLE,
    UNMET,
    CriterionResult,
    IndicatorResult,
    UnitResult,
)
from ntm.criteria.serialize import set_to_data

# Bump when the engine's rules change (what counts as met, current, ...): every stored result
# made under the old rules is then stale and recomputed.
RULES_VERSION = 1
LETTERS = {MET: "m", UNMET: "u", MISSING: "x", NOT_APPLICABLE: "n"}
STATUSES = {letter: status for status, letter in LETTERS.items()}
PASSING = (MET, NOT_APPLICABLE)
JUDGED = (LETTERS[MET], LETTERS[UNMET])
UNJUDGED = (LETTERS[MISSING], LETTERS[NOT_APPLICABLE])


@dataclass(frozen=True, slots=True)
class Encoded:
    """What the stored results table keeps of one ``UnitResult`` (besides unit, set, period)."""

    criteria_met: int
    criteria_total: int
    indicators_met: int
    indicators_total: int
    indicators_missing: int
    met: bool
    is_current: bool
    has_values: bool
    criteria_letters: str
    indicator_letters: str


def encode(result: UnitResult) -> Encoded:
    """The counts and one status letter per criterion and per indicator, in set order."""
    return Encoded(
        result.criteria_met,
        result.criteria_total,
        result.indicators_met,
        result.indicators_total,
        result.indicators_missing,
        result.met,
        result.is_current,
        result.has_values,
        "".join(LETTERS[c.status] for c in result.criteria),
        "".join(LETTERS[i.status] for i in result.indicators),
    )


@dataclass(frozen=True)
class CompactResult:
    """A stored result read back: the counts as stored, per-criterion statuses on demand.

    ``criteria`` rebuilds ``CriterionResult`` objects whose indicators carry code, name, status,
    unit and whether the rule is verified; their value, period and threshold are None (ask the
    engine for an explanation). Not slotted: ``cached_property`` needs an instance dict.
    """

    unit_code: str
    criteria_set: CriteriaSet
    period: str
    encoded: Encoded

    @property
    def set_code(self) -> str:
        return self.criteria_set.code

    @property
    def complete(self) -> bool:
        return self.criteria_set.complete

    @property
    def declared_criteria(self) -> int:
        return self.criteria_set.declared_criteria

    @property
    def declared_indicators(self) -> int:
        return self.criteria_set.declared_indicators

    @property
    def criteria_met(self) -> int:
        return self.encoded.criteria_met

    @property
    def criteria_total(self) -> int:
        return self.encoded.criteria_total

    @property
    def indicators_met(self) -> int:
        return self.encoded.indicators_met

    @property
    def indicators_total(self) -> int:
        return self.encoded.indicators_total

    @property
    def indicators_missing(self) -> int:
        return self.encoded.indicators_missing

    @property
    def indicators_not_applicable(self) -> int:
        return self.encoded.indicator_letters.count(LETTERS[NOT_APPLICABLE])

    @property
    def met(self) -> bool:
        return self.encoded.met

    @property
    def is_current(self) -> bool:
        return self.encoded.is_current

    @property
    def has_values(self) -> bool:
        return self.encoded.has_values

    @property
    def _by_criteria(self) -> _CriteriaFacts:
        """What the criterion letters say, worked out once per set and distinct letters (a
        country has few distinct ones: a national table reads them from a dictionary)."""
        return _shapes(self.criteria_set).criteria_facts(self.encoded.criteria_letters)

    @property
    def _numbered(self) -> tuple[tuple[int, str], ...]:
        """(criterion number, status) in set order, from the stored letters."""
        return self._by_criteria.numbered

    @property
    def unmet_criteria(self) -> tuple[int, ...]:
        return self._by_criteria.unmet

    @property
    def failed_criteria(self) -> tuple[int, ...]:
        return self._by_criteria.failed

    @property
    def missing_criteria(self) -> tuple[int, ...]:
        return self._by_criteria.missing

    @property
    def conditions_met(self) -> bool | None:
        return self._by_criteria.conditions_met

    @property
    def rests_on_unverified(self) -> bool:
        return any(not i.verified for i in self.criteria_set.indicators)

    @property
    def criterion_statuses(self) -> tuple[tuple[int, str], ...]:
        return self._by_criteria.numbered

    @property
    def missing_indicator_codes(self) -> tuple[str, ...]:
        letters = self.encoded.indicator_letters
        missing = LETTERS[MISSING]
        if missing not in letters:
            return ()
        codes = _shapes(self.criteria_set).codes
        return tuple(code for code, letter in zip(codes, letters, strict=True) if letter == missing)

    @property
    def unverified_criteria(self) -> tuple[int, ...]:
        letters = self.encoded.indicator_letters
        shapes = _shapes(self.criteria_set)
        if UNJUDGED[0] not in letters and UNJUDGED[1] not in letters:
            return shapes.unverified_numbers  # every indicator judged
        found = []
        for number, positions in shapes.unverified:
            for p in positions:
                if letters[p] in JUDGED:
                    found.append(number)
                    break
        return tuple(found)

    @cached_property
    def criteria(self) -> tuple[CriterionResult, ...]:
        shapes = _shapes(self.criteria_set)
        letters = self.encoded.indicator_letters
        made = shapes.made
        out = []
        for ci, (first, last), status_letter in zip(
            range(len(shapes.spans)), shapes.spans, self.encoded.criteria_letters, strict=True
        ):
            own = letters[first:last]
            # The shared object when made already (most are), without a call per criterion.
            found = made.get((ci, own, status_letter))
            out.append(found if found is not None else shapes.criterion(ci, own, status_letter))
        return tuple(out)

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(i for c in self.criteria for i in c.indicators)


@dataclass(frozen=True, slots=True)
class _CriteriaFacts:
    numbered: tuple[tuple[int, str], ...]  # (criterion number, status) in set order
    unmet: tuple[int, ...]  # not passing, the conditions included
    failed: tuple[int, ...]  # counted criteria unmet
    missing: tuple[int, ...]  # counted criteria without the data to judge
    conditions_met: bool | None  # None without a conditions block


def _criteria_facts(criteria_set: CriteriaSet, letters: str) -> _CriteriaFacts:
    numbered = tuple(
        (c.number, STATUSES[letter])
        for c, letter in zip(criteria_set.criteria, letters, strict=True)
    )
    conditions = [status for n, status in numbered if n == 0]
    return _CriteriaFacts(
        numbered,
        tuple(n for n, status in numbered if status not in PASSING),
        tuple(n for n, status in numbered if status == UNMET and n != 0),
        tuple(n for n, status in numbered if status == MISSING and n != 0),
        all(status in PASSING for status in conditions) if conditions else None,
    )


class _Shapes:
    """Per set, the ``CriterionResult`` objects a stored result can rebuild, made once and
    shared: without values they depend only on the criterion and its letters, so a national
    table costs a dictionary lookup per criterion, not 75 new objects per commune. Shared, so
    never mutate what ``CompactResult.criteria`` returns."""

    def __init__(self, criteria_set: CriteriaSet) -> None:
        self.criteria_set = criteria_set
        self.spans: list[tuple[int, int]] = []
        first = 0
        for criterion in criteria_set.criteria:
            self.spans.append((first, first + len(criterion.indicators)))
            first += len(criterion.indicators)
        self.made: dict[tuple[int, str, str], CriterionResult] = {}
        self._facts: dict[str, _CriteriaFacts] = {}
        self.codes = tuple(i.code for i in criteria_set.indicators)
        # (criterion number, positions of its unverified indicators), for the criteria with some.
        self.unverified: list[tuple[int, tuple[int, ...]]] = []
        for criterion, (first, _last) in zip(criteria_set.criteria, self.spans, strict=True):
            positions = tuple(
                first + n for n, ind in enumerate(criterion.indicators) if not ind.verified
            )
            if positions:
                self.unverified.append((criterion.number, positions))
        self.unverified_numbers = tuple(number for number, _positions in self.unverified)

    def criteria_facts(self, letters: str) -> _CriteriaFacts:
        facts = self._facts.get(letters)
        if facts is None:
            facts = _criteria_facts(self.criteria_set, letters)
            if len(self._facts) < SHAPES_KEPT:
                self._facts[letters] = facts
        return facts

    def criterion(self, index: int, letters: str, status_letter: str) -> CriterionResult:
        key = (index, letters, status_letter)
        made = self.made.get(key)
        if made is None:
            criterion = self.criteria_set.criteria[index]
            indicators = tuple(
                IndicatorResult(
                    ind.code,
                    ind.name,
                    STATUSES[letter],
                    None,
                    None,
                    ind.op,
                    None,
                    (),
                    ind.unit,
                    ind.verified,
                )
                for ind, letter in zip(criterion.indicators, letters, strict=True)
            )
            made = CriterionResult(
                criterion.number,
                criterion.name,
                STATUSES[status_letter],
                indicators,
                criterion.number in self.criteria_set.revocation_key_criteria,
            )
            if len(self.made) < SHAPES_KEPT:
                self.made[key] = made
        return made


SHAPES_KEPT = 100_000  # distinct (criterion, letters) kept per set: bounded memory
_SHAPES: dict[int, _Shapes] = {}


def _shapes(criteria_set: CriteriaSet) -> _Shapes:
    shapes = _SHAPES.get(id(criteria_set))
    if shapes is None or shapes.criteria_set is not criteria_set:
        shapes = _SHAPES[id(criteria_set)] = _Shapes(criteria_set)
    return shapes


_DIGESTS: dict[int, tuple[CriteriaSet, str]] = {}


def set_digest(criteria_set: CriteriaSet) -> str:
    """A short fingerprint of a set's rules (and of the engine's): stored results made under
    another fingerprint are stale. Cached per loaded set object."""
    known = _DIGESTS.get(id(criteria_set))
    if known is not None and known[0] is criteria_set:
        return known[1]
    text = json.dumps([RULES_VERSION, set_to_data(criteria_set)], sort_keys=True, default=str)
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]
    _DIGESTS[id(criteria_set)] = (criteria_set, digest)
    return digest
