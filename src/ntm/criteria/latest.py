"""Counts from each indicator's latest value, for a country's units at once (issue 13).

``Evaluator.summarize`` decides every indicator of a unit one by one in Python: for a country
(750,000 values) that loop cost about a quarter of the plain SELECT of the same rows. Here a
unit arrives as its indicators' latest value *keys* (whatever stands for a value where it was
read: the database selector's value key), and the verdict of a key is the same for every unit
whose indicator has the same rule, so it is decided once, by the engine's own rule
(``status_of_value``), and kept. A unit then costs a few loops the interpreter runs in C:

- each key is numbered in one small table shared by every indicator (a country has a few
  hundred distinct values: "Đạt", "95,5", ...), so it stays in the processor's cache; a table
  of keys per indicator did not (measured: 3× slower over 10,000 different units than over
  one, every lookup waiting on memory);
- each indicator's rule keeps its verdicts in a list by key number;
- the verdicts are numbers that add up to the unit's counts:

  - bits ``[0, width)``: indicators met (met or not applicable),
  - bits ``[width, 2 * width)``: indicators missing,
  - then one field per criterion, ``field`` bits wide: its indicators unmet or missing; a field
    is wide enough that a count never reaches its top bit, so "which criteria fail" is read
    from the sum in a few integer operations and named from a small table.

The counts are exactly ``Evaluator.summarize``'s for the same latest values (tests compare them
on random values); only the way of adding them up differs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from ntm.criteria.engine import Evaluator, UnitSummary, _Plan
from ntm.criteria.inputs import Period, UnitProfile
from ntm.criteria.verdicts import S_MET, S_MISSING, S_NA, Check, status_of_value

# Distinct value keys numbered (numbers entered with many decimals make many): past it a key is
# decided each time it is met, which is only slower. Each rule's list of verdicts holds at most
# this many entries.
KEYS_KEPT = 16_384
# Distinct sets of failing criteria kept (a country has a few hundred).
FAILING_KEPT = 65_536
# Key number 0: no value (absent, or stored empty): missing.
NO_VALUE = 0

# ``verdicts[number]`` through ``map``, in C (a verdict not decided yet is None).
_item: Callable[..., Any] = list.__getitem__


class _Tables:
    """One plan's applying indicators (set order) and, per indicator, its rule's verdicts by
    key number (None: not decided yet)."""

    __slots__ = ("checks", "codes", "plan", "verdicts")

    def __init__(self, plan: _Plan, verdicts: list[list[int | None]]) -> None:
        self.plan = plan
        self.checks: tuple[Check, ...] = tuple(row[4] for row in plan.rows)
        self.codes: tuple[str, ...] = tuple(row[0] for row in plan.rows)
        self.verdicts = verdicts


class LatestCounts:
    """``Evaluator.summarize`` for units given as their indicators' latest value keys.

    ``decode(key)`` is the value a key stands for (never called with None, which is no value).
    Keys must be hashable and equal only when they stand for the same value. The keys of one
    unit are the latest of each indicator at or before the period asked about: whoever builds
    them picks that value (one value per indicator, or the last of its history).
    """

    def __init__(self, evaluator: Evaluator, decode: Callable[[Any], Any]) -> None:
        self.evaluator = evaluator
        self.decode = decode
        criteria = evaluator.criteria_set.criteria
        total = len(evaluator.criteria_set.indicators)
        self.width = total.bit_length() + 1
        self.field = max((len(c.indicators) for c in criteria), default=0).bit_length() + 1
        first = 2 * self.width
        self.mask = (1 << self.width) - 1
        self.shift = first
        high = low = 0
        for ci in range(len(criteria)):
            low |= 1 << (ci * self.field)
            high |= 1 << (ci * self.field + self.field - 1)
        self.low, self.high = low, high
        # The packed verdict of each status, per criterion (``_pack``).
        self._met = 1
        self._unmet = [1 << (first + ci * self.field) for ci in range(len(criteria))]
        self._missing = [(1 << self.width) + unmet for unmet in self._unmet]
        self._numbers: dict[Hashable, int] = {None: NO_VALUE}
        self._tables: dict[int, _Tables] = {}
        # One list of verdicts per distinct rule (``_rule``): plans of other contexts share those
        # of indicators whose threshold is the same.
        self._by_rule: dict[tuple[Any, ...], list[int | None]] = {}
        self._failing: dict[int, tuple[tuple[int, ...], int]] = {}
        # Numbering a key and deciding its verdicts happen under this lock (threads of one
        # process share the evaluator): two threads must never give one number to two keys.
        # The fast path only reads; what it reads half-made sends it here.
        self._lock = threading.Lock()

    def _tables_for(self, plan: _Plan) -> _Tables:
        tables = self._tables.get(id(plan))
        if tables is None or tables.plan is not plan:
            verdicts = [self._verdict_list(row[4]) for row in plan.rows]
            tables = self._tables[id(plan)] = _Tables(plan, verdicts)
        return tables

    def _verdict_list(self, check: Check) -> list[int | None]:
        """The verdicts of ``check``'s rule by key number, shared by every plan with the rule."""
        rule = _rule(check)
        verdicts = self._by_rule.get(rule)
        if verdicts is None:
            verdicts = self._by_rule[rule] = [self._missing[check.criterion_index]]
        return verdicts

    def _pack(self, check: Check, status: int) -> int:
        if status in (S_MET, S_NA):
            return self._met
        if status == S_MISSING:
            return self._missing[check.criterion_index]
        return self._unmet[check.criterion_index]

    def _verdicts(self, tables: _Tables, keys: Mapping[str, Any]) -> list[int]:
        """The packed verdict of each applying indicator, numbering the keys not numbered yet
        and deciding the verdicts not decided yet."""
        with self._lock:
            return self._verdicts_locked(tables, keys)

    def _verdicts_locked(self, tables: _Tables, keys: Mapping[str, Any]) -> list[int]:
        numbers = self._numbers
        out = []
        for check, verdicts, code in zip(tables.checks, tables.verdicts, tables.codes, strict=True):
            key = keys.get(code)
            number = numbers.get(key)
            if number is None and len(numbers) < KEYS_KEPT:
                number = numbers[key] = len(numbers)
            if number is None:  # past ``KEYS_KEPT``: decided, not kept
                out.append(self._pack(check, status_of_value(check, self.decode(key))))
                continue
            if number >= len(verdicts):
                verdicts.extend([None] * (number + 1 - len(verdicts)))
            packed = verdicts[number]
            if packed is None:
                packed = verdicts[number] = self._pack(
                    check, status_of_value(check, self.decode(key))
                )
            out.append(packed)
        return out

    def summarize(
        self, profile: UnitProfile, keys: Mapping[str, Any], as_of: Period
    ) -> UnitSummary:
        """The counts of one unit whose latest value key per indicator code is ``keys``."""
        evaluator = self.evaluator
        plan = evaluator._plan(profile, as_of.year)
        tables = self._tables_for(plan)
        try:
            total = sum(
                map(_item, tables.verdicts, map(self._numbers.get, map(keys.get, tables.codes)))
            )
        except (TypeError, IndexError):  # a key not numbered, or a verdict not decided, yet
            total = sum(self._verdicts(tables, keys))
        met = (total & self.mask) + plan.not_applying
        missing = (total >> self.width) & self.mask
        # The top bit of each criterion's field, set where its count is not 0.
        fields = total >> self.shift
        failing_fields = ((fields | self.high) - self.low) & self.high
        unmet = self._failing.get(failing_fields)
        if unmet is None:
            unmet = self._unmet_of(failing_fields)
        return evaluator._summary_parts(profile, plan, met, missing, unmet)

    def _unmet_of(self, failing_fields: int) -> tuple[tuple[int, ...], int]:
        failing = 0
        for ci in range(len(self.evaluator.criteria_set.criteria)):
            if failing_fields >> (ci * self.field + self.field - 1) & 1:
                failing |= 1 << ci
        found = self.evaluator._unmet_for(failing)
        if len(self._failing) < FAILING_KEPT:
            self._failing[failing_fields] = found
        return found


def _rule(check: Check) -> tuple[Any, ...]:
    """What a packed verdict depends on (``status_of_value``, ``LatestCounts._pack``): the
    comparison, the threshold with its type (a list as a tuple), whether the indicator is a
    number, and its criterion."""
    threshold = check.threshold
    if isinstance(threshold, list):
        threshold = ("list", *threshold)
    return (check.compare, type(check.threshold), threshold, check.numeric, check.criterion_index)
