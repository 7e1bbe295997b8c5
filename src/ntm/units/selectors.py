"""Reads of administrative units: lookups, subtrees, lineage, and the profile the engine needs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from ntm.criteria.inputs import UnitProfile
from ntm.textnorm import normalize_name
from ntm.units.index import (
    CODE_RE,
    CODE_WIDTHS,
    REFORM_DATE,
    UnitAmbiguous,
    UnitIndex,
    UnitLookupError,
    UnitNotFound,
    UnitRecord,
)
from ntm.units.models import ERA_CHOICES, LEVEL_DEPTH, AdminUnit

__all__ = [
    "UnitAmbiguous",
    "UnitIndex",
    "UnitLookupError",
    "UnitNotFound",
    "children_of",
    "communes_under",
    "find_report_unit",
    "find_unit",
    "in_subtree",
    "index_for",
    "is_national",
    "national_unit",
    "path_within",
    "predecessors_of",
    "PROFILE_FIELDS",
    "PROFILE_FLAGS",
    "profile_columns",
    "profile_for",
    "province_of",
    "subtree",
    "subtree_q",
    "successors_of",
    "valid_on",
]


def find_unit(
    ref: str, *, on: date | None = None, era: str | None = None, strict: bool = False
) -> AdminUnit:
    """The unit a code or a name path names (see ``ntm.units.index``); a few queries.

    For many lookups build one ``UnitIndex.from_db()`` and call ``resolve`` instead.
    Raises ``UnitNotFound`` or ``UnitAmbiguous`` (both ``UnitLookupError``) with a Vietnamese
    message listing the candidates. ``CODE@2008`` / ``CODE@2025`` (as the web's links and pickers
    write a code both eras hold) names the era.
    """
    written, at, written_era = str(ref).strip().rpartition("@")
    if at and written and written_era in ERA_CODES:
        ref, era = written, era or written_era
    record = _small_index(ref).resolve(ref, on=on, era=era, strict=strict)
    return AdminUnit.objects.get(pk=record.id)


ERA_CODES = tuple(code for code, _ in ERA_CHOICES)
# The whole country as a report's unit (``ntm report review VN …``). Never stored: provinces are
# the roots of the tree (``parent`` None), so adding a row above them would rewrite every path.
NATIONAL_CODE = "VN"
NATIONAL_NAME = "Việt Nam"
NATIONAL_LEVEL = "country"
NATIONAL_REFS = frozenset(
    normalize_name(ref)
    for ref in (NATIONAL_CODE, NATIONAL_NAME, "Viet Nam", "toàn quốc", "cả nước")
)
# An id no stored unit has (ids start at 1): related filters accept it and match nothing, so
# "the country's own records" are none, while its subtree is every unit of its era.
NATIONAL_PK = 0


def national_unit(on: date | None = None) -> AdminUnit:
    """The country as an unsaved ``AdminUnit`` of the era in force on ``on`` (default: today):
    its subtree (``subtree_q``) is every unit of that era, so the units of the two-tier country
    (provinces -> communes) and of the three-tier one (provinces -> districts -> communes) are
    both covered, each in its own period. Never ``save()`` it."""
    era = "2008" if on is not None and on < REFORM_DATE else "2025"
    return AdminUnit(
        pk=NATIONAL_PK,
        code=NATIONAL_CODE,
        name=NATIONAL_NAME,
        unit_type="",
        level=NATIONAL_LEVEL,
        era=era,
        path="/",
        match_name=normalize_name(NATIONAL_NAME),
    )


def is_national(unit: AdminUnit) -> bool:
    return unit.level == NATIONAL_LEVEL


def find_report_unit(ref: str, *, on: date | None = None) -> AdminUnit:
    """The unit a report is about: ``find_unit``, or the whole country for "VN" (also "Việt Nam",
    "toàn quốc", "cả nước"). Why not in ``find_unit``: an import must never write values on the
    country, so only reports accept it."""
    if normalize_name(str(ref).strip()) in NATIONAL_REFS:
        return national_unit(on)
    return find_unit(ref, on=on)


def index_for(ref: str) -> UnitIndex:
    """An index of just the units ``ref`` could name and their ancestors: resolving one
    reference (an API record's ``unit``) without indexing every unit."""
    return _small_index(ref)


def _small_index(ref: str) -> UnitIndex:
    """An index of just the units ``ref`` could name, and their ancestors."""
    text = str(ref).strip()
    if CODE_RE.match(text):
        codes = {text} | ({text.zfill(w) for w in CODE_WIDTHS} if "-" not in text else set())
        candidates = AdminUnit.objects.filter(code__in=codes)
    else:
        parts = [p for p in text.split("/") if p.strip()]
        candidates = (
            AdminUnit.objects.filter(match_name=normalize_name(parts[-1]))
            if parts
            else AdminUnit.objects.none()
        )
    rows = list(candidates.values_list(*UnitRecord.FIELDS))
    ancestor_ids = {
        int(i)
        for row in rows
        for i in row[UnitRecord.FIELDS.index("path")].strip("/").split("/")
        if i
    }
    ancestors = AdminUnit.objects.filter(pk__in=ancestor_ids).values_list(*UnitRecord.FIELDS)
    return UnitIndex(UnitRecord(*row) for row in [*rows, *ancestors])


def subtree_q(unit: AdminUnit, prefix: str = "") -> Q:
    """THE filter for ``unit`` and everything under it (``prefix`` for a related lookup,
    e.g. ``"unit__"``): one ``path__startswith`` condition; for the country
    (``national_unit``), every unit of its era."""
    if is_national(unit):
        return Q(**{f"{prefix}era": unit.era})
    if not unit.path:
        # A unit without a path has no known descendants; never let "" match everything.
        return Q(**{f"{prefix}pk": unit.pk})
    if unit.path.endswith("/"):
        # The same rows as a range of the path index: SQLite's LIKE (case-insensitive) cannot
        # use the index, so "startswith" alone scans every unit of the level. Paths are digits
        # and slashes: those starting "/1/" lie in ["/1/", "/10").
        return Q(
            **{
                f"{prefix}path__gte": unit.path,
                f"{prefix}path__lt": unit.path[:-1] + "0",
                f"{prefix}path__startswith": unit.path,
            }
        )
    return Q(**{f"{prefix}path__startswith": unit.path})


def path_within(path: str, roots: Sequence[str]) -> bool:
    """Whether a unit ``path`` lies in the subtree of one of the ``roots`` paths (empty ones
    ignored)."""
    return any(root and path.startswith(root) for root in roots)


def in_subtree(unit: AdminUnit, root: AdminUnit) -> bool:
    """Whether ``unit`` is ``root`` or lies under it, without a query."""
    return unit.pk == root.pk or path_within(unit.path or "", [root.path or ""])


def subtree(
    unit: AdminUnit, level: str | None = None, *, include_self: bool = True
) -> QuerySet[AdminUnit]:
    """The unit and everything under it (one ``path__startswith`` query), optionally one level."""
    qs = AdminUnit.objects.filter(subtree_q(unit))
    if not include_self:
        qs = qs.exclude(pk=unit.pk)
    if level is not None:
        if level not in LEVEL_DEPTH:
            raise ValueError(f"unknown level {level!r}")
        qs = qs.filter(level=level)
    return qs


def communes_under(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """The communes (xã, phường, thị trấn, đặc khu) in the unit's subtree, the unit if it is one."""
    return subtree(unit, "commune")


def children_of(unit: AdminUnit | None, *, era: str | None = None) -> QuerySet[AdminUnit]:
    """Direct children; with ``unit=None`` the provinces (of ``era`` if given)."""
    qs = (
        AdminUnit.objects.filter(parent=unit)
        if unit is not None
        else AdminUnit.objects.filter(level="province")
    )
    return qs.filter(era=era) if era is not None else qs


def valid_on(units: QuerySet[AdminUnit], on: date) -> QuerySet[AdminUnit]:
    """The units in force on ``on`` (open ends: always)."""
    return units.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    )


def province_of(unit: AdminUnit) -> AdminUnit:
    """The province above a unit (the unit itself for a province)."""
    root_id = int(unit.path.strip("/").split("/")[0]) if unit.path else unit.pk
    return unit if root_id == unit.pk else AdminUnit.objects.get(pk=root_id)


def successors_of(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """The post-2025 units an old unit became (several if it was divided)."""
    return AdminUnit.objects.filter(predecessors__old=unit).order_by("code")


def predecessors_of(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """The pre-2025 units merged into a new one."""
    return AdminUnit.objects.filter(successors__new=unit).order_by("code")


# The unit columns the engine's thresholds depend on, named once: ``profile_for`` reads exactly
# these (the province's region stands in for an empty one), and the stored results' digest
# fingerprints them (``ntm.assessments.stored_keys.digest_for``), so a column added here
# reaches both.
PROFILE_FLAGS = ("extremely_difficult", "safety_zone", "poverty_exit_district", "poor_district")
PROFILE_FIELDS = ("level", "region", "province_code", "commune_group", *PROFILE_FLAGS, "dimensions")


def profile_columns(unit: AdminUnit) -> tuple[Any, ...]:
    """The unit's ``PROFILE_FIELDS`` as stored, in that order (no query: a national page
    fingerprints thousands of units); the dimensions as sorted (key, value) pairs."""
    return tuple(
        sorted((unit.dimensions or {}).items()) if name == "dimensions" else getattr(unit, name)
        for name in PROFILE_FIELDS
    )


def profile_for(unit: AdminUnit) -> UnitProfile:
    """What the engine needs to choose thresholds: region (the province's), group and flags.

    No query for units loaded by ``load_units`` (region and province code are stored on every
    unit); a unit made some other way without them costs one query for its province. Reads the
    columns of ``PROFILE_FIELDS`` directly (a national evaluation makes 10,000 profiles).
    """
    region, province_code = unit.region, unit.province_code
    if not province_code or (not region and unit.era == "2008"):
        province = province_of(unit)
        region, province_code = region or province.region, province_code or province.code
    dimensions = unit.dimensions
    return UnitProfile(
        code=unit.code,
        name=unit.name,
        level=unit.level,
        region=region or None,
        group=unit.commune_group or None,
        province=province_code or None,
        extremely_difficult=unit.extremely_difficult,
        safety_zone=unit.safety_zone,
        poverty_exit_district=unit.poverty_exit_district,
        poor_district=unit.poor_district,
        flags=frozenset(name for name in PROFILE_FLAGS if getattr(unit, name)),
        dimensions=tuple(sorted((str(k), str(v)) for k, v in dimensions.items()))
        if dimensions
        else (),
    )
