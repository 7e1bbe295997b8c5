"""The engine's rules stated plainly, one indicator at a time: the specification of the fast
``Evaluator``.

Why keep it: ``Evaluator`` takes shortcuts for speed (a plan per profile, inline comparisons,
the latest value read from the end of a period-ordered list). This class applies the same rules
without any of them, and the property tests (tests/criteria/test_fast_path.py) require both to
give identical results on random sets of values, profiles and periods. Not used in production.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ntm.criteria.engine import Evaluator, UnitSummary
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.model import CONDITIONS_NUMBER
from ntm.criteria.results import CriterionResult, IndicatorResult, UnitResult
from ntm.criteria.thresholds import Context
from ntm.criteria.verdicts import (
    S_MET,
    S_MISSING,
    S_NA,
    Check,
    criterion_status,
    indicator_result,
    latest,
    status_of,
)


class ReferenceEvaluator(Evaluator):
    """``Evaluator`` with every verdict found the plain way (same results, slower)."""

    def _run(
        self, profile: UnitProfile, values: Mapping[str, Sequence[Observation]], as_of: Period
    ) -> tuple[list[Check], list[tuple[str, ...]], list[int], list[Observation | None]]:
        checks, bases = self._checks(Context.of(profile, as_of.year))
        statuses: list[int] = []
        picked: list[Observation | None] = []
        for check in checks:
            if check.applies_if is not None and check.applies_if not in profile.flags:
                statuses.append(S_NA)
                picked.append(None)
                continue
            obs = latest(values.get(check.code), as_of.index)
            picked.append(obs)
            statuses.append(status_of(check, obs))
        return checks, bases, statuses, picked

    def summarize(
        self, profile: UnitProfile, values: Mapping[str, Sequence[Observation]], as_of: Period | str
    ) -> UnitSummary:
        as_of = Period.parse(as_of)
        checks, _bases, statuses, _picked = self._run(profile, values, as_of)
        failing = [False] * len(self.criteria_set.criteria)
        met = missing = 0
        for check, status in zip(checks, statuses, strict=True):
            if status in (S_MET, S_NA):
                met += 1
            else:
                failing[check.criterion_index] = True
                if status == S_MISSING:
                    missing += 1
        unmet = tuple(
            c.number for c, fail in zip(self.criteria_set.criteria, failing, strict=True) if fail
        )
        s = self.criteria_set
        counted = len(s.counted_criteria)
        counted_unmet = sum(1 for n in unmet if n != CONDITIONS_NUMBER)
        return UnitSummary(
            profile.code,
            s.code,
            counted - counted_unmet,
            counted,
            met,
            len(checks),
            missing,
            unmet,
            s.complete and not unmet,
        )

    def evaluate(
        self,
        profile: UnitProfile,
        values: Mapping[str, Sequence[Observation]],
        as_of: Period | str,
        extra_basis: Mapping[str, str] | None = None,
    ) -> UnitResult:
        as_of = Period.parse(as_of)
        checks, bases, statuses, picked = self._run(profile, values, as_of)
        per_criterion: list[list[IndicatorResult]] = [[] for _ in self.criteria_set.criteria]
        for (ci, ind), check, basis, status, obs in zip(
            self._indicators, checks, bases, statuses, picked, strict=True
        ):
            per_criterion[ci].append(
                indicator_result(ind, check, basis, status, obs, as_of, extra_basis)
            )
        criteria = tuple(
            CriterionResult(
                crit.number,
                crit.name,
                criterion_status(items),
                tuple(items),
                key=crit.number in self.criteria_set.revocation_key_criteria,
            )
            for crit, items in zip(self.criteria_set.criteria, per_criterion, strict=True)
        )
        s = self.criteria_set
        return UnitResult(
            profile.code,
            s.code,
            str(as_of),
            criteria,
            s.declared_criteria,
            s.declared_indicators,
            s.complete,
        )
