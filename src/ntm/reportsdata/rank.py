"""A unit's rank among its siblings by the share of its communes at NTM (the summary's rank).

Why apart: a province's rank reads the level of every commune of the country (one grouped
query over the stored results, about 0.3 s); it is the summary's costliest part and its own
job. The counts it ranks on are cached under the communes' levels version
(``ntm.assessments.levels_version``: moved in the transaction of every change to a commune's
stored level, values flag or fingerprint, and of every change to the units table) and the
registry's fingerprint: a hit is what ``stored_levels`` would give now. Reported figures
(``with_reported_figures``) and the siblings' names are read on every request, not cached.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from ntm.assessments import levels_version
from ntm.assessments.stored_levels import stored_levels
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.registry import Registry
from ntm.reports.summary import SiblingShare, rank_by_ntm_share
from ntm.reportsdata import cache
from ntm.reportsdata.reported import with_reported_figures
from ntm.reportsdata.units_at import (
    RURAL_COMMUNE_TYPES,
    SIBLING_LABELS,
    SIBLING_LABELS_EN,
    rural_communes,
    unit_ref,
    valid_at,
)
from ntm.units.models import AdminUnit
from ntm.units.selectors import PROFILE_FIELDS

# What the rank reads of every commune: its place, era and the profile ``stored_levels``
# fingerprints (a deferred profile column would cost one query per commune: 7,700 for a
# province's rank).
RANK_COLUMNS = ("pk", "path", "era", *PROFILE_FIELDS)


class Counts(dict[int, tuple[int, int, bool]]):
    """Per sibling id: (communes, communes at NTM by data, has data). ``from_stored``: every
    commune counted had fresh stored rows (only then may the counts be cached: see
    ``ntm.assessments.levels_version``)."""

    from_stored: bool = True


_REGISTRY_DIGESTS: WeakKeyDictionary[Registry, str] = WeakKeyDictionary()


def registry_digest(registry: Registry) -> str:
    """The fingerprint of every loaded set's rules (ladders, provinces' overrides): a rank
    counted under other rules is not reused. Once per loaded registry."""
    known = _REGISTRY_DIGESTS.get(registry)
    if known is None:
        known = cache.digest((s.code, set_digest(s)) for s in registry.sets())
        _REGISTRY_DIGESTS[registry] = known
    return known


def rank_among_siblings(unit: AdminUnit, period: Period, registry: Registry):
    """Rank among the parent's children of the same level and era, valid at the period, by share
    of communes at NTM; a sibling without values for the period is ranked on its own reported
    figures if it has some (``with_reported_figures``), else not ranked (``rank_by_ntm_share``).

    Kept whole under the levels version when the reported figures' table is watched (its
    triggers in: ``levels_version.watching``): the siblings are units, their counts are kept
    under the same version (below), and any change to the reported figures moves it."""
    if not cache.enabled() or not levels_version.watching():
        return _rank(unit, period, registry, [])
    kept: list[bool] = []
    return cache.cached(
        "rank",
        [levels_version.current(), registry_digest(registry), str(period), unit.pk],
        lambda: (_rank(unit, period, registry, kept),),  # a tuple: None is kept too
        keep=lambda _: all(kept),
    )[0]


def _rank(unit: AdminUnit, period: Period, registry: Registry, kept: list[bool]):
    """``rank_among_siblings``; ``kept`` gains False when the counts were not all stored."""
    siblings_qs = AdminUnit.objects.filter(level=unit.level, era=unit.era)
    parent = unit.parent if unit.parent_id is not None else None
    if parent is not None:
        siblings_qs = siblings_qs.filter(parent_id=unit.parent_id)
    # In path order (the model's), sorted here: ordering in SQL makes SQLite walk the path
    # index over every unit of the country (3-5 ms) instead of the level index.
    siblings = sorted(
        valid_at(siblings_qs, period).order_by().only("pk", "code", "name", "path"),
        key=lambda s: s.path,
    )
    if len(siblings) < 2:
        return None
    counts = cache.cached(
        "sibling-counts",
        lambda: [
            levels_version.current(),
            registry_digest(registry),
            str(period),
            unit.level,
            unit.era,
            unit.parent_id,
            [s.pk for s in siblings],
        ],
        lambda: sibling_counts(siblings, parent, unit.era, period, registry),
        keep=lambda counted: counted.from_stored,
    )
    kept.append(counts.from_stored)
    shares = [
        SiblingShare(s.code, s.name, counts[s.pk][0], counts[s.pk][1], has_data=counts[s.pk][2])
        for s in siblings
    ]
    return rank_by_ntm_share(
        unit.code,
        with_reported_figures(shares, siblings, period),
        unit_ref(parent) if parent else None,
        SIBLING_LABELS.get(unit.level, ""),
        SIBLING_LABELS_EN.get(unit.level, ""),
    )


def sibling_counts(
    siblings: list[AdminUnit],
    parent: AdminUnit | None,
    era: str,
    period: Period,
    registry: Registry,
) -> Counts:
    """Each sibling's rural communes valid at the period, those at NTM by data (as stored), and
    whether any has values: the figures the rank orders, from ``stored_levels``."""
    communes = list(
        valid_at(
            rural_communes(parent)
            if parent
            else AdminUnit.objects.filter(
                level="commune", era=era, unit_type__in=RURAL_COMMUNE_TYPES
            ),
            period,
        ).only(*RANK_COLUMNS)  # the whole country's communes for a province: no more
    )
    # Levels by data and "has values" of every commune, as stored: one grouped query.
    computed: set[int] = set()
    standing = stored_levels(communes, period, registry, computed)
    members: dict[int, list[int]] = {s.pk: [] for s in siblings}
    # Each commune under the sibling its path names (one pass, not siblings × communes).
    for commune in communes:
        for part in commune.path.strip("/").split("/"):
            if int(part) in members:
                members[int(part)].append(commune.pk)
                break
    out = Counts()
    out.from_stored = not computed
    for sibling in siblings:
        mine = [standing.get(pk, (None, False)) for pk in members[sibling.pk]]
        out[sibling.pk] = (
            len(mine),
            sum(1 for level, has in mine if has and level),
            any(has for _, has in mine),
        )
    return out
