"""The summary's sections from other apps: each app registers a provider in its ``ready()``.

A provider takes (unit, period, since) and returns a ``SummarySection`` (``ntm.reports.sections``)
or None when it has nothing to say. Why a registry: this package sits below the apps that
hold recognitions, OCOP products, funds and outputs, so it must not import them; they plug in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ntm.assessments import levels_version
from ntm.criteria.inputs import Period
from ntm.reports.sections import SummarySection
from ntm.reportsdata import cache
from ntm.units.models import AdminUnit

RecognisedTiers = Callable[[Sequence[AdminUnit], date], dict[str, str]]
RevokedCommunes = Callable[[Sequence[AdminUnit], date], dict[str, tuple[int, int]]]
SectionProvider = Callable[[AdminUnit, Period, Period | None], SummarySection | None]
KeepSection = Callable[[SummarySection | None], bool]


@dataclass(frozen=True, slots=True)
class _Provider:
    order: int
    provide: SectionProvider
    # The tables the section reads besides the units table: when given, its output is cached
    # under the levels version, which every change to them moves (``levels_version.watch``).
    watches: tuple[str, ...] = ()
    keep: KeepSection | None = None


_PROVIDERS: dict[str, _Provider] = {}


def register_summary_section(
    name: str,
    provider: SectionProvider,
    *,
    order: int = 100,
    watches: Sequence[str] = (),
    keep: KeepSection | None = None,
) -> None:
    """Add (or replace) the provider called ``name``; sections print in ``order``.

    ``watches``: every table the provider reads besides the units table (it must read
    nothing else, and depend on nothing but the unit, the periods and those rows): its section
    is then kept in the page cache under the levels version (``ntm.assessments.levels_version``),
    which any change to these tables or to the units moves, by database triggers. ``keep``:
    whether a section built may be kept (a section that read more than ``watches`` says no).

    Why: a province's summary asked each app's tables a dozen small questions on every visit
    (11 to 15 ms, most of the page's time once its figures were cached)."""
    if watches:
        levels_version.watch(*watches)
    _PROVIDERS[name] = _Provider(order, provider, tuple(watches), keep)


def summary_sections(unit: AdminUnit, period: Period, since: Period | None) -> list[SummarySection]:
    """Every registered provider's section for the unit, in order; providers returning None are
    left out."""
    version = (
        levels_version.current()
        if cache.enabled()
        and any(p.watches for p in _PROVIDERS.values())
        and levels_version.watching()
        else None
    )
    sections = []
    for name, entry in sorted(_PROVIDERS.items(), key=lambda item: item[1].order):
        section = _section(name, entry, unit, period, since, version)
        if section is not None:
            sections.append(section)
    return sections


def _section(
    name: str,
    entry: _Provider,
    unit: AdminUnit,
    period: Period,
    since: Period | None,
    version: levels_version.Version | None,
) -> SummarySection | None:
    if version is None or not entry.watches:
        return entry.provide(unit, period, since)
    keep = entry.keep
    held = cache.cached(
        f"section-{name}",
        [name, entry.watches, unit.pk, str(period), str(since) if since else None, version],
        lambda: (entry.provide(unit, period, since),),  # a tuple: a None section is kept too
        keep=None if keep is None else lambda found: keep(found[0]),
    )
    return held[0]


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
