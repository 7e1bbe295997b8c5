"""``ntm boundaries FILE.geojson [--property code] [--era E]``: import unit boundaries.

The map draws these instead of circles at centroids. Each feature is matched to a unit by a
code property; the file is imported whole or not at all, and every bad feature is listed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ntm.cli import InputError, setup_django

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
FILE_UNREADABLE = "Không đọc được tệp GeoJSON {path}: {reason}"
NOT_A_FEATURE_COLLECTION = "Tệp {path} không phải là GeoJSON FeatureCollection."
FEATURE_NO_CODE = "đối tượng {n}: thiếu thuộc tính mã {prop!r}"
FEATURE_BAD_GEOMETRY = "đối tượng {n} (mã {code}): hình học phải là Polygon hoặc MultiPolygon"
FEATURE_UNKNOWN_CODE = "đối tượng {n}: không có đơn vị mã {code}"
FEATURE_TWO_ERAS = (
    "đối tượng {n}: mã {code} có ở cả hai thời kỳ, hãy chọn --era 2008 hoặc --era 2025"
)
FEATURE_DUPLICATE = "đối tượng {n}: mã {code} đã xuất hiện ở đối tượng {first}"
FILE_REJECTED = "Tệp {path} bị từ chối, không nhập gì ({count} lỗi):"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="tệp .geojson (FeatureCollection)")
    parser.add_argument(
        "--property", default="code", help="thuộc tính chứa mã đơn vị (mặc định: code)"
    )
    parser.add_argument(
        "--era", choices=("2008", "2025"), help="thời kỳ của các mã (nếu mã trùng giữa hai thời kỳ)"
    )


def _read(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(FILE_UNREADABLE.format(path=path, reason=exc)) from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise InputError(NOT_A_FEATURE_COLLECTION.format(path=path))
    return data["features"]


def _match(
    features: list[dict], prop: str, era: str | None
) -> tuple[list[tuple[int, dict]], list[str]]:
    """(unit id, geometry) per feature, and the errors; nothing is written here."""
    from ntm.units.models import AdminUnit

    wanted = {
        str((f.get("properties") or {}).get(prop, "")).strip()
        for f in features
        if isinstance(f, dict)
    }
    units = AdminUnit.objects.filter(code__in=wanted - {""})
    if era:
        units = units.filter(era=era)
    by_code: dict[str, list[int]] = {}
    for pk, code in units.values_list("pk", "code"):
        by_code.setdefault(code, []).append(pk)
    matched: list[tuple[int, dict]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for n, feature in enumerate(features, start=1):
        properties = (feature.get("properties") or {}) if isinstance(feature, dict) else {}
        code = str(properties.get(prop, "")).strip()
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not code:
            errors.append(FEATURE_NO_CODE.format(n=n, prop=prop))
        elif (
            not isinstance(geometry, dict)
            or geometry.get("type") not in GEOMETRY_TYPES
            or not geometry.get("coordinates")
        ):
            errors.append(FEATURE_BAD_GEOMETRY.format(n=n, code=code))
        elif code in seen:
            errors.append(FEATURE_DUPLICATE.format(n=n, code=code, first=seen[code]))
        elif code not in by_code:
            errors.append(FEATURE_UNKNOWN_CODE.format(n=n, code=code))
        elif len(by_code[code]) > 1:
            errors.append(FEATURE_TWO_ERAS.format(n=n, code=code))
        else:
            matched.append((by_code[code][0], geometry))
        seen.setdefault(code, n)
    return matched, errors


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import transaction

    from ntm.units.models import UnitBoundary

    features = _read(args.file)
    matched, errors = _match(features, args.property, args.era)
    if errors:
        raise InputError(
            "\n".join([FILE_REJECTED.format(path=args.file, count=len(errors)), *errors])
        )
    with transaction.atomic():
        existing = {
            b.unit_id: b for b in UnitBoundary.objects.filter(unit_id__in=[pk for pk, _ in matched])
        }
        new = [UnitBoundary(unit_id=pk, geometry=g) for pk, g in matched if pk not in existing]
        for pk, geometry in matched:
            if pk in existing:
                existing[pk].geometry = geometry
        UnitBoundary.objects.bulk_create(new, batch_size=500)
        UnitBoundary.objects.bulk_update(list(existing.values()), ["geometry"], batch_size=500)
    print(
        f"Đã nhập ranh giới của {len(matched)} đơn vị ({len(new)} mới, {len(existing)} cập nhật)."
    )
    return 0
