"""Counts from each indicator's latest value, for a country's units at once (issue 13).

``Evaluator.summarize`` decides every indicator of a unit one by one in Python: for a country
(750,000 values) that loop cost about a quarter of the plain SELECT of the same rows. Here a
unit arrives as its indicators' latest value *keys* (whatever stands for a value where it was
read: the database selector's value key), and the verdict of a key is the same for every unit
with the same plan, so it is decided once by the engine's own rule (``status_of``) and kept in
one table per indicator. A unit then costs three loops the interpreter runs in C: look up its
keys, look up their verdicts, add them up. The verdicts are packed as numbers that add:

- bits ``[0, width)``: indicators met (met or not applicable),
- bits ``[width, 2 * width)``: indicators missing,
- then one field per criterion, ``field`` bits wide: its indicators unmet or missing; a field
  is wide enough that a count never reaches its top bit, so "which criteria fail" is read from
  the sum in a few integer operations and named from a small table.

The counts are exactly ``Evaluator.summarize``'s for the same latest values (tests compare them
on random values); only the way of adding them up differs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from ntm.criteria.engine import Evaluator, UnitSummary, _Plan
from ntm.criteria.inputs import Period, UnitProfile
from ntm.criteria.verdicts import S_MET, S_MISSING, S_NA, Check, status_of_value

# Distinct value keys kept per indicator and plan (numbers entered with many decimals make
# many): past it a key is decided each time it is met, which is only slower.
KEYS_KEPT = 4096
# Distinct sets of failing criteria kept (a country has a few hundred).
FAILING_KEPT = 65_536


class _Tables:
    """One plan's applying indicators (set order) and, per indicator, value key -> verdict."""

    __slots__ = ("checks", "codes", "plan", "verdicts")

    def __init__(self, plan: _Plan, missing: list[int]) -> None:
        self.plan = plan
        self.checks: tuple[Check, ...] = tuple(row[4] for row in plan.rows)
        self.codes: tuple[str, ...] = tuple(row[0] for row in plan.rows)
        # A key of None is a value not given (absent, or stored empty): missing.
        self.verdicts: list[dict[Hashable, int]] = [
            {None: missing[check.criterion_index]} for check in self.checks
        ]


class LatestCounts:
    """``Evaluator.summarize`` for units given as their indicators' latest value keys.

    ``decode(key)`` is the value a key stands for (never called with None). The keys of one
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
        self._tables: dict[int, _Tables] = {}
        self._failing: dict[int, tuple[tuple[int, ...], int]] = {}

    def _tables_for(self, plan: _Plan) -> _Tables:
        tables = self._tables.get(id(plan))
        if tables is None or tables.plan is not plan:
            tables = self._tables[id(plan)] = _Tables(plan, self._missing)
        return tables

    def _pack(self, check: Check, status: int) -> int:
        if status in (S_MET, S_NA):
            return self._met
        if status == S_MISSING:
            return self._missing[check.criterion_index]
        return self._unmet[check.criterion_index]

    def _verdicts(self, tables: _Tables, keys: list[Any]) -> list[int]:
        """The packed verdict of each key, deciding (and keeping) those not decided yet."""
        out = []
        for check, table, key in zip(tables.checks, tables.verdicts, keys, strict=True):
            packed = table.get(key)
            if packed is None:
                packed = self._pack(check, status_of_value(check, self.decode(key)))
                if len(table) < KEYS_KEPT:
                    table[key] = packed
            out.append(packed)
        return out

    def summarize(
        self, profile: UnitProfile, keys: Mapping[str, Any], as_of: Period
    ) -> UnitSummary:
        """The counts of one unit whose latest value key per indicator code is ``keys``."""
        evaluator = self.evaluator
        plan = evaluator._plan(profile, as_of.year)
        tables = self._tables_for(plan)
        found = list(map(keys.get, tables.codes))
        packed = list(map(dict.get, tables.verdicts, found))
        try:
            total = sum(packed)
        except TypeError:  # a key not decided yet (its verdict came back None)
            total = sum(self._verdicts(tables, found))
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
