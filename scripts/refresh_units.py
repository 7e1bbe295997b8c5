"""Regenerate ``src/ntm/units/data/units.json.gz`` from the ``vietnamadminunits`` wheel's data.

Why a script and a committed file: the package is MIT-licensed and its SQLite file holds every
unit of both structures, but importing the package pulls in an online geocoder, so ``ntm`` reads
a compact file generated from it instead and never depends on the package at run time.

Usage::

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python scripts/refresh_units.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

The argument may also be the package's unpacked ``data`` folder (holding ``dataset.db`` and
``converter_2025.json``). The output is deterministic: the same input gives the same bytes.

Output shape (lists of rows keep the file small)::

    {"source": {...},
     "legacy":  {"provinces": [[code, name, type, lat, lon, bbox]],
                 "districts": [[code, province_code, name, type, lat, lon, bbox]],
                 "communes":  [[code, district_code, name, type, lat, lon, bbox]]},
     "current": {"provinces": [[code, name, type, lat, lon, bbox]],
                 "communes":  [[code, province_code, name, type, lat, lon, area_km2]]},
     "lineage": {"provinces": [[old_code, new_code]],
                 "communes":  [[old_level, old_code, new_code, partial]]}}

``bbox`` is ``[min_lon, min_lat, max_lon, max_lat]`` or null; ``old_level`` is ``commune``, or
``district`` for the island districts that had no communes and became special zones.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "ntm" / "units" / "data" / "units.json.gz"


def _bbox(text: str | None) -> list[float] | None:
    """ "lat1,lon1 – lat2,lon2" -> [min_lon, min_lat, max_lon, max_lat]."""
    if not text:
        return None
    corners = [
        tuple(float(v) for v in part.split(",")) for part in text.replace("–", "|").split("|")
    ]
    lats = [c[0] for c in corners]
    lons = [c[1] for c in corners]
    return [min(lons), min(lats), max(lons), max(lats)]


_TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")


def _split_type(full_name: str) -> tuple[str, str]:
    """ "Tỉnh Thanh Hóa" -> ("Thanh Hóa", "tỉnh").

    The full name, not the package's short one: the short one disambiguates homonyms as
    "Kỳ Anh (Huyện)", which is not how anyone writes the name.
    """
    for unit_type in _TYPES:
        if full_name.lower().startswith(unit_type.lower() + " "):
            return full_name[len(unit_type) + 1 :].strip(), unit_type.lower()
    raise ValueError(f"no administrative type in {full_name!r}")


def _coord(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _read_legacy(db: sqlite3.Connection) -> tuple[dict, dict[str, tuple[str, str]]]:
    provinces: dict[str, list] = {}
    districts: dict[str, list] = {}
    communes: list[list] = []
    by_key: dict[str, tuple[str, str]] = {}
    rows = db.execute(
        "SELECT province, provinceCode, provinceLat, provinceLon, provinceBounds,"
        " district, districtCode, districtLat, districtLon, districtBounds,"
        " ward, wardCode, wardLat, wardLon, wardBounds,"
        " provinceKey, districtKey, wardKey FROM admin_units_legacy"
    )
    for (
        p_full,
        p_code,
        p_lat,
        p_lon,
        p_bounds,
        d_full,
        d_code,
        d_lat,
        d_lon,
        d_bounds,
        w_full,
        w_code,
        w_lat,
        w_lon,
        w_bounds,
        p_key,
        d_key,
        w_key,
    ) in rows:
        provinces.setdefault(
            p_code, [p_code, *_split_type(p_full), _coord(p_lat), _coord(p_lon), _bbox(p_bounds)]
        )
        districts.setdefault(
            d_code,
            [d_code, p_code, *_split_type(d_full), _coord(d_lat), _coord(d_lon), _bbox(d_bounds)],
        )
        if w_code is None:
            by_key[f"{p_key}_{d_key}_"] = ("district", d_code)
            continue
        communes.append(
            [w_code, d_code, *_split_type(w_full), _coord(w_lat), _coord(w_lon), _bbox(w_bounds)]
        )
        by_key[f"{p_key}_{d_key}_{w_key}"] = ("commune", w_code)
    legacy = {
        "provinces": sorted(provinces.values()),
        "districts": sorted(districts.values()),
        "communes": sorted(communes),
    }
    return legacy, by_key


def _read_current(
    db: sqlite3.Connection,
) -> tuple[dict, dict[tuple[str, str], str], dict[str, str]]:
    provinces: dict[str, list] = {}
    communes: list[list] = []
    ward_by_key: dict[tuple[str, str], str] = {}
    province_by_key: dict[str, str] = {}
    rows = db.execute(
        "SELECT province, provinceCode, provinceLat, provinceLon,"
        " ward, wardCode, wardLat, wardLon, wardAreaKm2, provinceKey, wardKey"
        " FROM admin_units"
    )
    for p_full, p_code, p_lat, p_lon, w_full, w_code, w_lat, w_lon, area, p_key, w_key in rows:
        provinces.setdefault(
            p_code, [p_code, *_split_type(p_full), _coord(p_lat), _coord(p_lon), None]
        )
        communes.append([w_code, p_code, *_split_type(w_full), _coord(w_lat), _coord(w_lon), area])
        ward_by_key[(p_key, w_key)] = w_code
        province_by_key[p_key] = p_code
    current = {"provinces": sorted(provinces.values()), "communes": sorted(communes)}
    return current, ward_by_key, province_by_key


def _legacy_province_keys(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units_legacy"))


def _lineage(
    converter: dict,
    old_by_key: dict,
    new_by_key: dict,
    new_province_by_key: dict,
    old_province_by_key: dict,
) -> dict:
    provinces = sorted(
        [old_province_by_key[old], new_province_by_key[new]]
        for new, olds in converter["DICT_PROVINCE"].items()
        for old in olds
    )
    communes: set[tuple] = set()
    for province_key, mapping in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in mapping.items():
            for old_key in old_keys:
                level, code = old_by_key[old_key]
                communes.add((level, code, new_by_key[(province_key, new_key)], False))
    for province_key, mapping in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in mapping.items():
            level, code = old_by_key[old_key]
            for target in targets:
                communes.add((level, code, new_by_key[(province_key, target["newWardKey"])], True))
    return {"provinces": provinces, "communes": sorted(list(row) for row in communes)}


def _data_dir(source: Path, scratch: Path) -> Path:
    if source.is_dir():
        return source
    with zipfile.ZipFile(source) as wheel:
        wheel.extractall(scratch)
        license_text = wheel.read(f"{PACKAGE}-{VERSION}.dist-info/licenses/LICENSE").decode()
    if "MIT License" not in license_text:
        sys.exit("refusing to use the data: the package's LICENSE is not the MIT licence")
    return scratch / PACKAGE / "data"


def build(data_dir: Path) -> dict:
    """Everything ``ntm`` needs from the package, as one JSON-able dict."""
    db = sqlite3.connect(data_dir / "dataset.db")
    try:
        legacy, old_by_key = _read_legacy(db)
        current, new_by_key, new_province_by_key = _read_current(db)
        old_province_by_key = _legacy_province_keys(db)
    finally:
        db.close()
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    return {
        "source": {
            "package": PACKAGE,
            "version": VERSION,
            "license": "MIT",
            "copyright": "Copyright (c) 2025 Tran Ngoc Minh Hieu",
            "url": "https://github.com/tranngocminhhieu/vietnamadminunits",
        },
        "legacy": legacy,
        "current": current,
        "lineage": _lineage(
            converter, old_by_key, new_by_key, new_province_by_key, old_province_by_key
        ),
    }


def write(data: dict, output: Path) -> None:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    output.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(output, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
    ):
        gz.write(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help=f"{PACKAGE}-{VERSION} wheel, or its data folder")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        data = build(_data_dir(args.source, Path(scratch)))
    write(data, args.output)
    counts = {
        era: {level: len(rows) for level, rows in data[era].items()}
        for era in ("legacy", "current")
    }
    counts["lineage"] = {level: len(rows) for level, rows in data["lineage"].items()}
    print(f"{args.output}: {args.output.stat().st_size:,} bytes, {json.dumps(counts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
