"""What the engine returns: verdicts with everything needed to explain them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

MET, UNMET, MISSING, NOT_APPLICABLE = "met", "unmet", "missing", "not_applicable"


@dataclass(slots=True)
class IndicatorResult:
    """One indicator's verdict. Not frozen: a country's worth are built at once, and frozen
    dataclasses pay for ``object.__setattr__`` on every field."""

    code: str
    name: str
    status: str
    value: Any
    period: str | None
    op: str
    threshold: Any
    basis: tuple[str, ...]
    unit: str = ""
    verified: bool = True
    stale: bool = False

    @property
    def met(self) -> bool:
        return self.status == MET


@dataclass(frozen=True, slots=True)
class CriterionResult:
    number: int
    name: str
    status: str
    indicators: tuple[IndicatorResult, ...]
    key: bool = False

    @property
    def met(self) -> bool:
        return self.status == MET

    @property
    def is_condition(self) -> bool:
        """Criterion 0: conditions required but not counted among the law's criteria."""
        return self.number == 0

    @property
    def indicators_met(self) -> int:
        """Indicators met; one that does not apply counts as met, as district reviews count it."""
        return sum(1 for i in self.indicators if i.status in (MET, NOT_APPLICABLE))

    @property
    def rests_on_unverified(self) -> bool:
        return any(not i.verified for i in self.indicators)


@dataclass(frozen=True, slots=True)
class UnitResult:
    unit_code: str
    set_code: str
    period: str
    criteria: tuple[CriterionResult, ...]
    declared_criteria: int
    declared_indicators: int
    complete: bool

    @property
    def criteria_met(self) -> int:
        """Criteria met; a criterion none of whose indicators applies counts as met."""
        return sum(
            1 for c in self.criteria if c.status in (MET, NOT_APPLICABLE) and not c.is_condition
        )

    @property
    def criteria_total(self) -> int:
        """The law's criteria count (criterion 0, the conditions, is not one of them)."""
        return sum(1 for c in self.criteria if not c.is_condition)

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(i for c in self.criteria for i in c.indicators)

    @property
    def indicators_met(self) -> int:
        return sum(c.indicators_met for c in self.criteria)

    @property
    def indicators_total(self) -> int:
        return sum(len(c.indicators) for c in self.criteria)

    @property
    def indicators_missing(self) -> int:
        return sum(1 for i in self.indicators if i.status == MISSING)

    @property
    def indicators_not_applicable(self) -> int:
        return sum(1 for i in self.indicators if i.status == NOT_APPLICABLE)

    @property
    def unmet_criteria(self) -> tuple[int, ...]:
        """Criteria not reached, for lack of data or by failing (the conditions included)."""
        return tuple(c.number for c in self.criteria if c.status not in (MET, NOT_APPLICABLE))

    @property
    def failed_criteria(self) -> tuple[int, ...]:
        """Counted criteria judged unmet on their values (a missing value is not a failure)."""
        return tuple(c.number for c in self.criteria if c.status == UNMET and not c.is_condition)

    @property
    def missing_criteria(self) -> tuple[int, ...]:
        """Counted criteria that cannot be judged for lack of data."""
        return tuple(c.number for c in self.criteria if c.status == MISSING and not c.is_condition)

    @property
    def conditions_met(self) -> bool | None:
        """Whether the conditions block (criterion 0 of the district sets) is met; None without one.

        The conditions decide the level but are not one of the law's criteria: "9/9 criteria"
        and "conditions not met" can both be true, and must both be said.
        """
        conditions = [c for c in self.criteria if c.is_condition]
        if not conditions:
            return None
        return all(c.status in (MET, NOT_APPLICABLE) for c in conditions)

    @property
    def met(self) -> bool:
        """Every criterion met and the set fully encoded: only then is the standard reached."""
        return self.complete and all(c.status in (MET, NOT_APPLICABLE) for c in self.criteria)

    @property
    def rests_on_unverified(self) -> bool:
        return any(not i.verified for i in self.indicators)

    @property
    def criterion_statuses(self) -> tuple[tuple[int, str], ...]:
        """(criterion number, status) of every criterion, in set order."""
        return tuple((c.number, c.status) for c in self.criteria)

    @property
    def missing_indicator_codes(self) -> tuple[str, ...]:
        """The indicators without a value, in set order."""
        return tuple(i.code for i in self.indicators if i.status == MISSING)

    @property
    def unverified_criteria(self) -> tuple[int, ...]:
        """The criteria judged (met or unmet) on some rule not yet verified against the law."""
        return tuple(
            c.number
            for c in self.criteria
            if any(not i.verified and i.status in (MET, UNMET) for i in c.indicators)
        )

    @property
    def is_current(self) -> bool:
        """THE rule for "is this unit reporting against this set at this period" (review,
        dashboard, map, API and every report use it): at least one value, or a "does not
        apply", no older than the stale limit (12 months) at the period.

        Why: a review covers the units that reported against the set for this round; a commune
        whose last values for the set are years old (an advanced commune's NTM values, say) was
        reviewed in an earlier round and is not re-listed. Only stored values count: an
        indicator that does not apply by the unit's profile says nothing about reporting.
        """
        return any(i.period is not None and not i.stale for i in self.indicators)

    @property
    def has_values(self) -> bool:
        """At least one stored value of any age (or an entered "does not apply")."""
        return any(i.period is not None for i in self.indicators)


class Outcome(Protocol):
    """What counting code reads from a result: ``UnitResult`` and ``CompactResult`` both fit."""

    @property
    def unit_code(self) -> str: ...
    @property
    def set_code(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def complete(self) -> bool: ...
    @property
    def criteria(self) -> tuple[CriterionResult, ...]: ...
    @property
    def criteria_met(self) -> int: ...
    @property
    def criteria_total(self) -> int: ...
    @property
    def indicators(self) -> tuple[IndicatorResult, ...]: ...
    @property
    def indicators_met(self) -> int: ...
    @property
    def indicators_total(self) -> int: ...
    @property
    def indicators_missing(self) -> int: ...
    @property
    def indicators_not_applicable(self) -> int: ...
    @property
    def unmet_criteria(self) -> tuple[int, ...]: ...
    @property
    def failed_criteria(self) -> tuple[int, ...]: ...
    @property
    def missing_criteria(self) -> tuple[int, ...]: ...
    @property
    def conditions_met(self) -> bool | None: ...
    @property
    def met(self) -> bool: ...
    @property
    def rests_on_unverified(self) -> bool: ...
    @property
    def criterion_statuses(self) -> tuple[tuple[int, str], ...]: ...
    @property
    def missing_indicator_codes(self) -> tuple[str, ...]: ...
    @property
    def unverified_criteria(self) -> tuple[int, ...]: ...
    @property
    def is_current(self) -> bool: ...
    @property
    def has_values(self) -> bool: ...
