"""What the engine returns: verdicts with everything needed to explain them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
        return sum(1 for c in self.criteria if c.status in (MET, NOT_APPLICABLE) and not c.is_condition)

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
    def unmet_criteria(self) -> tuple[int, ...]:
        return tuple(c.number for c in self.criteria if c.status not in (MET, NOT_APPLICABLE))

    @property
    def met(self) -> bool:
        """Every criterion met and the set fully encoded: only then is the standard reached."""
        return self.complete and all(c.status in (MET, NOT_APPLICABLE) for c in self.criteria)

    @property
    def rests_on_unverified(self) -> bool:
        return any(not i.verified for i in self.indicators)
