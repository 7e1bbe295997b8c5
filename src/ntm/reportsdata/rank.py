"""A unit's rank among its siblings by the share of its communes at NTM (the summary's rank).

Why apart: a province's rank reads the level of every commune of the country (one grouped
query over the stored results); it is the summary's costliest part and its own job.
"""

from __future__ import annotations

from ntm.assessments.stored_levels import stored_levels
from ntm.criteria.inputs import Period
from ntm.criteria.registry import Registry
from ntm.reports.summary import SiblingShare, rank_by_ntm_share
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


def rank_among_siblings(unit: AdminUnit, period: Period, registry: Registry):
    """Rank among the parent's children of the same level and era, valid at the period, by share
    of communes at NTM; a sibling without values for the period is ranked on its own reported
    figures if it has some (``with_reported_figures``), else not ranked (``rank_by_ntm_share``)."""
    siblings_qs = AdminUnit.objects.filter(level=unit.level, era=unit.era)
    parent = unit.parent if unit.parent_id is not None else None
    if parent is not None:
        siblings_qs = siblings_qs.filter(parent_id=unit.parent_id)
    siblings = list(valid_at(siblings_qs, period))
    if len(siblings) < 2:
        return None
    communes = list(
        valid_at(
            rural_communes(parent)
            if parent
            else AdminUnit.objects.filter(
                level="commune", era=unit.era, unit_type__in=RURAL_COMMUNE_TYPES
            ),
            period,
        ).only(*RANK_COLUMNS)  # the whole country's communes for a province: no more
    )
    # Levels by data and "has values" of every commune, as stored: one grouped query.
    standing = stored_levels(communes, period, registry)
    levels = {pk: level if has else None for pk, (level, has) in standing.items()}
    # Each commune under the sibling its path names (one pass, not siblings × communes).
    members: dict[int, list[AdminUnit]] = {s.pk: [] for s in siblings}
    for commune in communes:
        for part in commune.path.strip("/").split("/"):
            if int(part) in members:
                members[int(part)].append(commune)
                break
    shares = []
    for sibling in siblings:
        mine = members[sibling.pk]
        shares.append(
            SiblingShare(
                sibling.code,
                sibling.name,
                len(mine),
                sum(1 for c in mine if levels.get(c.pk)),
                has_data=any(standing.get(c.pk, (None, False))[1] for c in mine),
            )
        )
    return rank_by_ntm_share(
        unit.code,
        with_reported_figures(shares, siblings, period),
        unit_ref(parent) if parent else None,
        SIBLING_LABELS.get(unit.level, ""),
        SIBLING_LABELS_EN.get(unit.level, ""),
    )
