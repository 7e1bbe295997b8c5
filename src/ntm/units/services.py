"""Writes of administrative units: the national load, villages, and the commune flags.

``load_units`` reads the committed ``data/units.json.gz`` (generated from the MIT-licensed
``vietnamadminunits`` data by ``scripts/refresh_units.py``) and brings the database in line with
it in a few bulk statements, so 14,000 units load in seconds and a second run changes nothing.
It owns the facts the data gives (names, types, tree, validity, coordinates, region); the
flags users set (commune group, extremely difficult, safety zone, poverty-exit district) and
the villages users created are never touched.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from django.db import connection, transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from ntm.textnorm import normalize_name
from ntm.units.models import GROUP_CHOICES, LEVEL_DEPTH, AdminUnit, UnitLineage
from ntm.units.regions import region_for_province

DATA_FILE = Path(__file__).resolve().parent / "data" / "units.json.gz"
LEGACY_VALID_TO = date(2025, 6, 30)
CURRENT_VALID_FROM = date(2025, 7, 1)
MERGER_EFFECTIVE = CURRENT_VALID_FROM
LEGACY_ERA, CURRENT_ERA = "2008", "2025"

PROVINCE_WITHOUT_REGION = (
    "Tỉnh {name!r} (mã {code}) không có vùng theo Quyết định 318 trong ntm/units/regions.py."
)
NOT_A_COMMUNE = "{unit} không phải là xã/phường/thị trấn: chỉ tạo thôn/bản/ấp trong một xã."
VILLAGE_CODE_TAKEN = "Mã thôn {code!r} đã có ({era})."
VILLAGE_NAME_EMPTY = "Tên thôn/bản không được để trống."
BAD_GROUP = "Nhóm xã phải là 1, 2 hoặc 3 (nhận được {group!r})."

# Fields ``load_units`` owns; anything else on a unit belongs to its users.
_LOADED_FIELDS = (
    "name",
    "unit_type",
    "level",
    "parent_id",
    "match_name",
    "valid_from",
    "valid_to",
    "region",
    "province_code",
    "latitude",
    "longitude",
    "bbox",
)
_BATCH = 500


@dataclass
class LoadCounts:
    """What ``load_units`` found and did: units per (era, level), and how many it wrote."""

    units: dict[tuple[str, str], int] = field(default_factory=dict)
    lineage: int = 0
    created: int = 0
    updated: int = 0
    lineage_created: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "units": {f"{era}/{level}": n for (era, level), n in sorted(self.units.items())},
            "lineage": self.lineage,
            "created": self.created,
            "updated": self.updated,
            "lineage_created": self.lineage_created,
        }


def read_units_data(path: Path = DATA_FILE) -> dict[str, Any]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _desired_units(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every unit the data file describes, parents before children, as model field values."""
    rows: list[dict[str, Any]] = []
    legacy, current = data["legacy"], data["current"]
    regions: dict[str, str] = {}
    for code, name, unit_type, lat, lon, bbox in legacy["provinces"]:
        region = region_for_province(name)
        if region is None:
            raise ValueError(PROVINCE_WITHOUT_REGION.format(name=name, code=code))
        regions[code] = region
        rows.append(
            _row(LEGACY_ERA, "province", code, None, name, unit_type, lat, lon, bbox, region, code)
        )
    district_province: dict[str, str] = {}
    for code, province, name, unit_type, lat, lon, bbox in legacy["districts"]:
        district_province[code] = province
        rows.append(
            _row(
                LEGACY_ERA,
                "district",
                code,
                province,
                name,
                unit_type,
                lat,
                lon,
                bbox,
                regions[province],
                province,
            )
        )
    for code, district, name, unit_type, lat, lon, bbox in legacy["communes"]:
        province = district_province[district]
        rows.append(
            _row(
                LEGACY_ERA,
                "commune",
                code,
                district,
                name,
                unit_type,
                lat,
                lon,
                bbox,
                regions[province],
                province,
            )
        )
    for code, name, unit_type, lat, lon, bbox in current["provinces"]:
        rows.append(
            _row(CURRENT_ERA, "province", code, None, name, unit_type, lat, lon, bbox, "", code)
        )
    for code, province, name, unit_type, lat, lon, _area in current["communes"]:
        rows.append(
            _row(
                CURRENT_ERA,
                "commune",
                code,
                province,
                name,
                unit_type,
                lat,
                lon,
                None,
                "",
                province,
            )
        )
    return rows


def _row(
    era: str,
    level: str,
    code: str,
    parent_code: str | None,
    name: str,
    unit_type: str,
    lat: Any,
    lon: Any,
    bbox: Any,
    region: str,
    province_code: str,
) -> dict[str, Any]:
    legacy = era == LEGACY_ERA
    return {
        "era": era,
        "level": level,
        "code": code,
        "parent_code": parent_code,
        "name": name,
        "unit_type": unit_type,
        "match_name": normalize_name(name),
        "latitude": lat,
        "longitude": lon,
        "bbox": bbox,
        "region": region,
        "province_code": province_code,
        "valid_from": None if legacy else CURRENT_VALID_FROM,
        "valid_to": LEGACY_VALID_TO if legacy else None,
    }


@transaction.atomic
def load_units(*, stdout: TextIO | None = None, data_file: Path = DATA_FILE) -> LoadCounts:
    """Create or update every national unit and the 2025 lineage; safe to run again."""
    data = read_units_data(data_file)
    counts = LoadCounts()
    existing = {(u.era, u.code): u for u in AdminUnit.objects.exclude(level="village")}
    desired = _desired_units(data)
    to_update: list[AdminUnit] = []
    for level in ("province", "district", "commune"):
        new: list[AdminUnit] = []
        for row in (r for r in desired if r["level"] == level):
            parent = existing[(row["era"], row["parent_code"])] if row["parent_code"] else None
            values = {k: v for k, v in row.items() if k != "parent_code"}
            values["parent_id"] = parent.pk if parent else None
            unit = existing.get((row["era"], row["code"]))
            if unit is None:
                unit = AdminUnit(**values)
                new.append(unit)
            elif any(getattr(unit, f) != values[f] for f in _LOADED_FIELDS):
                for f in _LOADED_FIELDS:
                    setattr(unit, f, values[f])
                to_update.append(unit)
            counts.units[(row["era"], level)] = counts.units.get((row["era"], level), 0) + 1
        AdminUnit.objects.bulk_create(new, batch_size=_BATCH)
        existing.update({(u.era, u.code): u for u in new})
        counts.created += len(new)
    counts.updated = len(to_update)
    AdminUnit.objects.bulk_update(to_update, _LOADED_FIELDS, batch_size=_BATCH)
    repair_paths()
    counts.lineage, counts.lineage_created = _load_lineage(data, existing)
    analyze_units()
    if stdout is not None:
        stdout.write(format_counts(counts) + "\n")
    return counts


def analyze_units() -> None:
    """Refresh the database's statistics of the units table (``ANALYZE``).

    Why: without them SQLite's planner reads "level = 'commune'" as selective and scans every
    commune of the country for one province's subtree, instead of the range of the path index
    (``subtree_q``): 5 ms instead of 0.3 ms, on every page about a province."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # A test database: its statistics table, created here, would lock the shared in-memory
        # schema against the live server's writers; nothing there is large enough to need them.
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(AdminUnit._meta.db_table)}")


def repair_paths() -> None:
    """Set ``path`` ("/<province id>/.../<own id>/") wherever it is not what the tree says.

    Checked in Python (one query); if anything is stale, rewritten with one UPDATE per level,
    which is much faster than a bulk update of 14,000 rows.
    """
    rows = AdminUnit.objects.order_by().values_list("pk", "parent_id", "path", "level")
    paths: dict[int, str] = {}
    stale = False
    for pk, parent_id, path, _level in sorted(rows, key=lambda r: LEVEL_DEPTH[r[3]]):
        paths[pk] = f"{paths.get(parent_id, '/') if parent_id else '/'}{pk}/"
        stale = stale or path != paths[pk]
    if not stale:
        return
    own_id = Cast("id", output_field=CharField())
    parent_path = Subquery(AdminUnit.objects.filter(pk=OuterRef("parent_id")).values("path")[:1])
    for level in sorted(LEVEL_DEPTH, key=LEVEL_DEPTH.__getitem__):
        above = Value("/") if level == "province" else parent_path
        AdminUnit.objects.filter(level=level).update(
            path=Concat(above, own_id, Value("/"), output_field=CharField())
        )


def _load_lineage(data: dict[str, Any], units: dict[tuple[str, str], AdminUnit]) -> tuple[int, int]:
    wanted: dict[tuple[int, int], bool] = {}
    for old_code, new_code in data["lineage"]["provinces"]:
        wanted[(units[(LEGACY_ERA, old_code)].pk, units[(CURRENT_ERA, new_code)].pk)] = False
    for _old_level, old_code, new_code, partial in data["lineage"]["communes"]:
        old = units[(LEGACY_ERA, old_code)]
        wanted[(old.pk, units[(CURRENT_ERA, new_code)].pk)] = partial
    have = {
        (o, n): (pk, p)
        for pk, o, n, p in UnitLineage.objects.values_list("pk", "old_id", "new_id", "partial")
    }
    new = [
        UnitLineage(old_id=o, new_id=n, partial=p, effective=MERGER_EFFECTIVE)
        for (o, n), p in wanted.items()
        if (o, n) not in have
    ]
    changed = [
        UnitLineage(pk=have[key][0], partial=p)
        for key, p in wanted.items()
        if key in have and have[key][1] != p
    ]
    UnitLineage.objects.bulk_create(new, batch_size=_BATCH)
    UnitLineage.objects.bulk_update(changed, ["partial"], batch_size=_BATCH)
    return len(wanted), len(new)


def format_counts(counts: LoadCounts) -> str:
    """The Vietnamese summary ``ntm init`` prints."""
    u = counts.units
    return (
        f"Đơn vị hành chính trước 1/7/2025: {u.get((LEGACY_ERA, 'province'), 0)} tỉnh, "
        f"{u.get((LEGACY_ERA, 'district'), 0)} huyện, {u.get((LEGACY_ERA, 'commune'), 0)} xã; "
        f"từ 1/7/2025: {u.get((CURRENT_ERA, 'province'), 0)} tỉnh, "
        f"{u.get((CURRENT_ERA, 'commune'), 0)} xã; "
        f"{counts.lineage} liên kết sáp nhập. "
        f"Mới tạo {counts.created}, cập nhật {counts.updated}, "
        f"liên kết mới {counts.lineage_created}."
    )


class UnitServiceError(ValueError):
    """A write refused for a reason the user can fix; the message is Vietnamese."""


@transaction.atomic
def create_village(
    commune: AdminUnit, name: str, code: str | None = None, *, unit_type: str = "thôn"
) -> AdminUnit:
    """Add a village (thôn, bản, ấp, tổ dân phố) under a commune; code ``<commune>-<n>`` by
    default."""
    if commune.level != "commune":
        raise UnitServiceError(NOT_A_COMMUNE.format(unit=commune))
    name = " ".join(str(name).split())
    if not name:
        raise UnitServiceError(VILLAGE_NAME_EMPTY)
    if code is None:
        taken = set(
            AdminUnit.objects.filter(
                era=commune.era, code__startswith=f"{commune.code}-"
            ).values_list("code", flat=True)
        )
        n = 1
        while f"{commune.code}-{n}" in taken:
            n += 1
        code = f"{commune.code}-{n}"
    elif AdminUnit.objects.filter(era=commune.era, code=code).exists():
        raise UnitServiceError(VILLAGE_CODE_TAKEN.format(code=code, era=commune.era))
    village = AdminUnit.objects.create(
        code=code,
        era=commune.era,
        name=name,
        unit_type=unit_type,
        level="village",
        parent=commune,
        match_name=normalize_name(name),
        valid_from=commune.valid_from,
        valid_to=commune.valid_to,
        region=commune.region,
        province_code=commune.province_code,
        latitude=commune.latitude,
        longitude=commune.longitude,
    )
    village.path = f"{commune.path}{village.pk}/"
    village.save(update_fields=["path"])
    return village


@transaction.atomic
def set_commune_flags(
    unit: AdminUnit,
    *,
    commune_group: str | None = None,
    extremely_difficult: bool | None = None,
    safety_zone: bool | None = None,
    poverty_exit_district: bool | None = None,
    poor_district: bool | None = None,
    dimensions: dict[str, str] | None = None,
) -> AdminUnit:
    """Set the facts that choose a commune's thresholds; arguments left None stay as they are.

    ``dimensions``: values of a province's own dimensions ({"zone": "1"}), merged into those
    the commune has; an empty value removes one."""
    changed = []
    if commune_group is not None:
        group = str(commune_group).strip()
        if group not in {g for g, _ in GROUP_CHOICES} | {""}:
            raise UnitServiceError(BAD_GROUP.format(group=commune_group))
        unit.commune_group = group
        changed.append("commune_group")
    if dimensions:
        merged = {**(unit.dimensions or {}), **dimensions}
        unit.dimensions = {k: v for k, v in merged.items() if v}
        changed.append("dimensions")
    for name, value in (
        ("extremely_difficult", extremely_difficult),
        ("safety_zone", safety_zone),
        ("poverty_exit_district", poverty_exit_district),
        ("poor_district", poor_district),
    ):
        if value is not None:
            setattr(unit, name, bool(value))
            changed.append(name)
    if changed:
        unit.save(update_fields=changed)
    return unit
