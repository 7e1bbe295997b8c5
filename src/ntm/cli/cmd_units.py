"""``ntm units [UNIT] [--level L] [--era E] [--on DATE] [--json]``: list administrative units.

Without UNIT: the provinces. With UNIT (a code or a name path, as in the CSV): its children, or
with ``--level`` every unit of that level under it ("ntm units 'Thanh Hóa/Thọ Xuân' --level
commune"). ``--on DATE``: UNIT is resolved against the units in force on DATE only, and only
units in force on DATE are listed ("Thanh Hóa/Thọ Xuân" is the district on 2023-05-31 and the
commune on 2026-01-01; Đông Sơn, merged in 2024, exists on 2023 dates only).
"""

from __future__ import annotations

import argparse
import json

from ntm.cli import InputError, UsageError, setup_django

LEVELS = ("province", "district", "commune", "village")
ERAS = ("2008", "2025")
UNKNOWN_DATE = "Ngày không hợp lệ {text!r}: dùng YYYY-MM-DD."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("unit", nargs="?", help="mã đơn vị hoặc đường dẫn tên 'Tỉnh/Huyện/Xã'")
    parser.add_argument("--level", choices=LEVELS, help="mọi đơn vị cấp này bên dưới UNIT")
    parser.add_argument("--era", choices=ERAS, help="2008: trước 1/7/2025; 2025: từ 1/7/2025")
    parser.add_argument("--on", help="ngày (YYYY-MM-DD) để chọn thời kỳ khi tên trùng")
    parser.add_argument("--json", action="store_true", help="in JSON")


def _unit_json(unit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "type": unit.unit_type,
        "level": unit.level,
        "era": unit.era,
        "region": unit.region or None,
        "group": unit.commune_group or None,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "era_label": unit.get_era_display(),
        "latitude": unit.latitude,
        "longitude": unit.longitude,
    }


def run(args: argparse.Namespace) -> int:
    setup_django()
    from ntm.textnorm import parse_date
    from ntm.units.models import AdminUnit
    from ntm.units.selectors import UnitLookupError, children_of, find_unit, subtree, valid_on

    try:
        on = parse_date(args.on) if args.on else None
    except ValueError as exc:
        raise UsageError(UNKNOWN_DATE.format(text=args.on)) from exc
    parent = None
    if args.unit:
        try:
            parent = find_unit(args.unit, on=on, era=args.era, strict=on is not None)
        except UnitLookupError as exc:
            raise InputError(str(exc)) from exc
    if parent is not None and args.level:
        units = subtree(parent, args.level, include_self=False)
    elif args.level:
        units = AdminUnit.objects.filter(level=args.level)
        units = units.filter(era=args.era) if args.era else units
    else:
        units = children_of(parent, era=None if parent else args.era)
    if on is not None:
        units = valid_on(units, on)
    units = list(units.order_by("era", "code"))
    if args.json:
        payload = {
            "unit": _unit_json(parent) if parent else None,
            "units": [_unit_json(u) for u in units],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if parent is not None:
        print(f"{parent.code}  {parent}  ({parent.get_era_display()})")
    for unit in units:
        extra = f"  [{unit.region}]" if unit.level == "province" and unit.region else ""
        print(f"{unit.code:>10}  {unit}{extra}  ({unit.era})")
    print(f"{len(units)} đơn vị")
    return 0
