"""Each unit's stored level by data, for many units in one grouped query.

Why apart from ``stored``: a national ranking needs only the level and whether a unit has
values, for every commune of the country; reading each stored result would cost seconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Case, Count, IntegerField, Max, Min, Sum, When
from django.db.models.functions import Cast, Right

from ntm.assessments.evaluation import ladder_sets, province_code_of
from ntm.assessments.models import StoredResult
from ntm.assessments.stored import stored_ladders
from ntm.assessments.stored_keys import CHUNK, PROFILE_KEY_LENGTH, profile_key
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.provincial import provinces_with_overrides, set_in_force
from ntm.criteria.registry import Registry, load_registry
from ntm.units.models import AdminUnit


def stored_levels(
    units: Iterable[AdminUnit],
    period: str | Period,
    registry: Registry | None = None,
    computed: set[int] | None = None,
) -> dict[int, tuple[str | None, bool]]:
    """Each unit's level by data and whether it has values for any set of its ladder: one
    grouped query over the stored rows (a national ranking reads every commune of the country,
    where reading each result would cost seconds). Rows made under other rules are not used;
    units without usable rows are computed first (their ids added to ``computed``: a figure
    drawn on them rests on values, not only on stored rows; see ``levels_version``)."""
    registry = registry or load_registry()
    as_of = Period.parse(period)
    units = list(units)
    # By level, and by province (and era) where a province has its own sets (other
    # fingerprints).
    overriding = provinces_with_overrides(registry)
    by_level: dict[tuple[str, str | None, str], list[AdminUnit]] = defaultdict(list)
    for unit in units:
        province = province_code_of(unit) if overriding else None
        province = province if province in overriding else None
        by_level[(unit.level, province, unit.era)].append(unit)
    out: dict[int, tuple[str | None, bool]] = {}
    for (level, province, era), group in by_level.items():
        ladder = ladder_sets(level, as_of, registry)
        if not ladder:
            out.update((u.pk, (None, False)) for u in group)
            continue
        digests = [set_digest(set_in_force(registry, c, province, as_of, era)) for c in ladder]
        found = _levels(group, ladder, as_of, digests)
        missing = [u for u in group if u.pk not in found]
        if missing:
            if computed is not None:
                computed.update(u.pk for u in missing)
            stored_ladders(missing, as_of, registry)
            found.update(_levels(missing, ladder, as_of, digests))
        out.update(found)
    return out


def _levels(
    units: Sequence[AdminUnit], ladder: Sequence[str], period: Period, digests: Sequence[str]
) -> dict[int, tuple[str | None, bool]]:
    """(level, has values) of units whose rows for every ladder set are under today's rules
    (``digests``: those of the sets in force for them) and the unit's profile as it is now (a
    region changed by bulk SQL sends no signal: the rows made under the old one are left out,
    so the caller recomputes them)."""
    wanted = {u.pk: u for u in units}
    rows = StoredResult.objects.filter(period=str(period), set_code__in=list(ladder))
    rows = rows.filter(unit_id__in=list(wanted)) if len(wanted) <= CHUNK else rows
    profile = Right("digest", PROFILE_KEY_LENGTH)
    grouped = rows.values("unit_id").annotate(
        n=Count("pk"),
        level=Max("level"),
        has=Max(Cast("has_values", IntegerField())),
        fresh=Sum(
            Case(
                *(When(digest__startswith=f"{d}:", then=1) for d in digests),
                default=0,
                output_field=IntegerField(),
            )
        ),
        # all rows' profile parts are the current fingerprint when the least and greatest are
        profile_min=Min(profile),
        profile_max=Max(profile),
    )
    out: dict[int, tuple[str | None, bool]] = {}
    fields = ("unit_id", "n", "level", "has", "fresh", "profile_min", "profile_max")
    for unit_id, n, level, has, fresh, low, high in grouped.values_list(*fields):
        unit = wanted.get(unit_id)
        if unit is None or not n == len(ladder) == fresh:
            continue
        if low == high == profile_key(unit):
            out[unit_id] = (level or None, bool(has))
    return out
