"""The import benchmark's data: a synthetic country of units written straight to the database,
and a national CSV of its values (every commune × every indicator of one set).

The values sit around each threshold and are written the way offices write them ("95,5",
"Đạt"), so the import parses and validates what it would in real use.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SET_CODE = "xa-ntm-nang-cao-2021-2025"
PERIOD = "2024"
DISTRICTS_PER_PROVINCE = 11
COMMUNES_PER_DISTRICT = 15


def make_units(n_communes: int) -> list:
    """A synthetic country: provinces of 11 districts of 15 communes, ids and paths set directly."""
    from ntm.criteria.model import REGIONS
    from ntm.textnorm import normalize_name
    from ntm.units.models import AdminUnit

    units, next_id = [], 1
    per_province = DISTRICTS_PER_PROVINCE * COMMUNES_PER_DISTRICT
    n_provinces = -(-n_communes // per_province)
    made = 0
    for p in range(n_provinces):
        region = REGIONS[p % len(REGIONS)]
        pcode = f"{90 + p:03d}"
        province = AdminUnit(
            id=next_id,
            code=pcode,
            name=f"Tỉnh Giả {p}",
            unit_type="tỉnh",
            level="province",
            path=f"/{next_id}/",
            match_name=normalize_name(f"Giả {p}"),
            region=region,
            province_code=pcode,
        )
        units.append(province)
        next_id += 1
        for d in range(DISTRICTS_PER_PROVINCE):
            dname = f"Huyện {p}-{d}"
            district = AdminUnit(
                id=next_id,
                code=f"{pcode}{d:02d}",
                name=dname,
                unit_type="huyện",
                level="district",
                parent_id=province.id,
                path=f"{province.path}{next_id}/",
                match_name=normalize_name(dname),
                region=region,
                province_code=pcode,
            )
            units.append(district)
            next_id += 1
            for c in range(COMMUNES_PER_DISTRICT):
                if made == n_communes:
                    break
                cname = f"Xã {p}-{d}-{c}"
                units.append(
                    AdminUnit(
                        id=next_id,
                        code=f"{pcode}{d:02d}{c:02d}",
                        name=cname,
                        unit_type="xã",
                        level="commune",
                        parent_id=district.id,
                        path=f"{district.path}{next_id}/",
                        match_name=normalize_name(cname),
                        region=region,
                        province_code=pcode,
                        extremely_difficult=(made % 13 == 0),
                    )
                )
                next_id += 1
                made += 1
    AdminUnit.objects.bulk_create(units, batch_size=2000)
    return [u for u in units if u.level == "commune"]


def office_value(indicator, rng: random.Random) -> str:
    """A value around the indicator's threshold, written the way offices write them ("95,5",
    "Đạt"): most booleans met, numbers and percents between 40 and 100 with one decimal."""
    from ntm.textnorm import format_number_vi

    if indicator.kind == "boolean":
        return "Đạt" if rng.random() < 0.93 else "Chưa đạt"
    if indicator.kind in ("percent", "number"):
        return format_number_vi(round(rng.uniform(40, 100), 1))
    return "Loại A"


def write_csv(path: Path, communes: list, seed: int = 7) -> int:
    """Values around each threshold (``office_value``) for every commune."""
    from ntm.criteria.registry import load_registry

    rng = random.Random(seed)
    indicators = [i for i in load_registry().get(SET_CODE).indicators if i.aggregate is None]
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["unit", "period", "set", "indicator", "value"])
        for unit in communes:
            for ind in indicators:
                writer.writerow([unit.code, PERIOD, SET_CODE, ind.code, office_value(ind, rng)])
                rows += 1
    return rows
