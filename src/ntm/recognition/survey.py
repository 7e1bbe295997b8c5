"""Reads of the resident-satisfaction surveys: the latest round of a unit, its tallies per content
area and whether it meets the rule in force (``satisfaction.rule_for``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from ntm.recognition.models import SatisfactionSurvey, SurveyResponse
from ntm.recognition.satisfaction import Rule, RuleResult, Tally, evaluate, rule_for
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q


@dataclass(frozen=True, slots=True)
class SurveyResult:
    """What the dossier shows: the rounds used, the tallies, the rule and its verdict."""

    unit: AdminUnit
    surveys: tuple[SatisfactionSurvey, ...]
    tallies: tuple[Tally, ...]
    households: int
    rule: Rule | None
    outcome: RuleResult | None

    @property
    def overall(self) -> float | None:
        total = sum(t.total for t in self.tallies)
        return 100.0 * sum(t.satisfied for t in self.tallies) / total if total else None

    @property
    def rate_text(self) -> str:
        rate = self.overall
        return "-" if rate is None else f"{rate:.1f}%".replace(".", ",")

    @property
    def coverage(self) -> float | None:
        """Share of the commune's households that answered (when the round states how many)."""
        known = [s.households for s in self.surveys if s.households]
        if len(known) != len(self.surveys) or not known:
            return None
        return 100.0 * self.households / sum(known)


def latest_survey(unit: AdminUnit, on: date) -> SatisfactionSurvey | None:
    """The commune's latest round held on or before ``on`` (rounds without a date count too)."""
    rounds = SatisfactionSurvey.objects.filter(Q(date__lte=on) | Q(date__isnull=True), unit=unit)
    return rounds.order_by("-date", "-code").first()


def _tallies(surveys: list[SatisfactionSurvey]) -> tuple[list[Tally], int]:
    rows = (
        SurveyResponse.objects.filter(survey__in=surveys)
        .values("survey__unit__code", "area")
        .annotate(total=Count("pk"), satisfied=Count("pk", filter=Q(satisfied=True)))
        .order_by("survey__unit__code", "area")
    )
    tallies = [Tally(r["survey__unit__code"], r["area"], r["satisfied"], r["total"]) for r in rows]
    households = (
        SurveyResponse.objects.filter(survey__in=surveys)
        .values("survey_id", "household")
        .distinct()
        .count()
    )
    return tallies, households


def survey_result(unit: AdminUnit, on: date) -> SurveyResult | None:
    """The satisfaction result of a commune (its latest round) or of a district (the latest
    round of each commune under it); None when no round is recorded."""
    if unit.level == "commune":
        found = latest_survey(unit, on)
        surveys = [found] if found else []
    else:
        communes = AdminUnit.objects.filter(subtree_q(unit), level="commune")
        surveys = [s for s in (latest_survey(c, on) for c in communes) if s is not None]
    if not surveys:
        return None
    tallies, households = _tallies(surveys)
    rule = rule_for(unit.level, on)
    outcome = evaluate(rule, tallies, households) if rule else None
    return SurveyResult(unit, tuple(surveys), tuple(tallies), households, rule, outcome)
