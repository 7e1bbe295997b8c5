"""The summary's sections from other apps: each app registers a provider in its ``ready()``.

A provider takes (unit, period, since) and returns a ``SummarySection`` (``ntm.reports.sections``)
or None when it has nothing to say. Why a registry: this package sits below the apps that
hold recognitions, OCOP products, funds and outputs, so it must not import them; they plug in.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm.criteria.inputs import Period
from ntm.reports.sections import SummarySection
from ntm.units.models import AdminUnit

SectionProvider = Callable[[AdminUnit, Period, Period | None], SummarySection | None]

_PROVIDERS: dict[str, tuple[int, SectionProvider]] = {}


def register_summary_section(name: str, provider: SectionProvider, *, order: int = 100) -> None:
    """Add (or replace) the provider called ``name``; sections print in ``order``."""
    _PROVIDERS[name] = (order, provider)


def summary_sections(unit: AdminUnit, period: Period, since: Period | None) -> list[SummarySection]:
    """Every registered provider's section for the unit, in order; providers returning None are left out."""
    sections = []
    for _, provider in sorted(_PROVIDERS.values(), key=lambda item: item[0]):
        section = provider(unit, period, since)
        if section is not None:
            sections.append(section)
    return sections
