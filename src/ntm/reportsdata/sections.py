"""The summary's sections from other apps: each app registers a provider in its ``ready()``.

A provider takes (unit, period, since) and returns a ``SummarySection`` (``ntm.reports.sections``)
or None when it has nothing to say. Why a registry: this package sits below the apps that
hold recognitions, OCOP products, funds and outputs, so it must not import them; they plug in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ntm.criteria.inputs import Period
from ntm.reports.sections import SummarySection
from ntm.units.models import AdminUnit

RecognisedTiers = Callable[[Sequence[AdminUnit], date], dict[str, str]]
RevokedCommunes = Callable[[Sequence[AdminUnit], date], dict[str, tuple[int, int]]]
SectionProvider = Callable[[AdminUnit, Period, Period | None], SummarySection | None]

_PROVIDERS: dict[str, tuple[int, SectionProvider]] = {}


def register_summary_section(name: str, provider: SectionProvider, *, order: int = 100) -> None:
    """Add (or replace) the provider called ``name``; sections print in ``order``."""
    _PROVIDERS[name] = (order, provider)


def summary_sections(unit: AdminUnit, period: Period, since: Period | None) -> list[SummarySection]:
    """Every registered provider's section for the unit, in order; providers returning None are left
    out."""
    sections = []
    for _, provider in sorted(_PROVIDERS.values(), key=lambda item: item[0]):
        section = provider(unit, period, since)
        if section is not None:
            sections.append(section)
    return sections


_RECOGNISED: list[tuple[RecognisedTiers, RevokedCommunes]] = []


def register_recognised_tiers(provider: RecognisedTiers, revoked: RevokedCommunes) -> None:
    """Called by ``ntm.recognition``: ``provider(units, on)`` -> unit code -> the highest tier a
    decision in force on ``on`` recognises it at; ``revoked(districts, on)`` -> district code ->
    (communes whose NTM recognition was revoked, communes). Why here: reports ask "recognised
    as?" (the review checks revocation only for recognised units) without importing that app."""
    _RECOGNISED[:] = [(provider, revoked)]


def recognised_tiers(units: Sequence[AdminUnit], on: date) -> dict[str, str] | None:
    """Unit code -> tier recognised by decision on ``on``; None when no app records recognitions."""
    return _RECOGNISED[0][0](units, on) if _RECOGNISED else None


def revoked_communes(units: Sequence[AdminUnit], on: date) -> dict[str, tuple[int, int]] | None:
    """District code -> (communes revoked, communes) on ``on``, for Decision 18/2022's district
    branch."""
    return _RECOGNISED[0][1](units, on) if _RECOGNISED else None
