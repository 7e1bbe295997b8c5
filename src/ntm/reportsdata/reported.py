"""Figures units reported themselves, for ranks where their detailed data is not in the system.

A province compiles its districts' own figures (communes at NTM…) when their values are not
entered here; a rank among siblings then counts every sibling, taking a sibling's reported
figures only where it has no detailed data, and says which figures are reported. Why a
registry: the app holding reported figures (``ntm.investment``) sits above this package.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ntm.criteria.inputs import Period
from ntm.reports.summary import SiblingShare
from ntm.units.models import AdminUnit


@dataclass(frozen=True, slots=True)
class ReportedShare:
    """A unit's reported communes and communes at NTM; ``source`` says who reported it and
    when, and whether it is demo data (never presented as computed or official)."""

    communes: int
    ntm_communes: int
    source: str
    ocop_products: int | None = None


ReportedSource = Callable[[Sequence[AdminUnit], Period], dict[int, ReportedShare]]
_SOURCES: list[ReportedSource] = []


def register_reported_source(source: ReportedSource) -> None:
    """Called from an app's ``ready()``; registering the same function again is a no-op."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def reported_shares(units: Sequence[AdminUnit], period: Period) -> dict[int, ReportedShare]:
    found: dict[int, ReportedShare] = {}
    for source in _SOURCES:
        for pk, share in source(units, period).items():
            found.setdefault(pk, share)
    return found


def with_reported_figures(
    shares: list[SiblingShare], siblings: Sequence[AdminUnit], period: Period
) -> list[SiblingShare]:
    """``shares`` with each sibling that has no detailed data replaced by its reported figures, if
    any."""
    missing = [u for u, s in zip(siblings, shares, strict=True) if not s.has_data]
    reported = reported_shares(missing, period) if missing else {}
    by_code = {u.code: reported[u.pk] for u in missing if u.pk in reported}
    return [
        replace(
            s,
            communes=by_code[s.code].communes,
            ntm_communes=by_code[s.code].ntm_communes,
            has_data=True,
            reported=by_code[s.code].source,
        )
        if s.code in by_code
        else s
        for s in shares
    ]
