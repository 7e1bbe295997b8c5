"""Importing the facts that choose a commune's thresholds: its 2026-2030 group and the flags
(extremely difficult, safety zone, district that left poverty) that send it to the
northern-mountain thresholds. Provinces publish these as lists; offices keep them in Excel.

CSV, UTF-8 (BOM tolerated), comma or semicolon: ``unit`` plus any of ``commune_group``,
``extremely_difficult``, ``safety_zone``, ``poor_district``, ``poverty_exit_district``, and a
column for each dimension a loaded criteria set declares (``zone`` for Thanh Hóa's "Vùng 1/2",
``schools`` for indicator 5.1 of 2021-2025; the cell holds the value's code or label). An empty
cell leaves the field as it is. All or nothing: any bad row rejects the file, every bad row listed.

Why in ``imports``: reading and checking a file is this app's job (it owns the CSV decoding and
the row errors); the write is the units app's service ``set_commune_flags``, so ``units`` never
reaches up into ``imports``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from ntm.criteria.model import Dimension
from ntm.imports.csv_source import decode, sniff_delimiter
from ntm.imports.rows import FileFormatError, RowError
from ntm.textnorm import normalize_text, parse_bool
from ntm.units.index import UnitIndex, UnitLookupError
from ntm.units.models import GROUP_CHOICES, AdminUnit
from ntm.units.services import set_commune_flags

FLAG_COLUMNS = ("extremely_difficult", "safety_zone", "poor_district", "poverty_exit_district")
COLUMNS = ("commune_group", *FLAG_COLUMNS)
MSG_NO_UNIT_COLUMN = "Thiếu cột unit ở dòng tiêu đề (cần: unit và ít nhất một cột {columns})"
MSG_NO_FIELD_COLUMN = "Cần ít nhất một cột {columns}"
MSG_UNKNOWN_COLUMNS = "Cột không được hỗ trợ: {columns}"
MSG_NOT_COMMUNE = "Đơn vị {name} không phải cấp xã"
MSG_BAD_GROUP = "Nhóm xã {value!r} không hợp lệ (dùng 1, 2 hoặc 3)"
MSG_DUPLICATE = "Đơn vị này đã có ở dòng {row}"
MSG_BAD_DIMENSION = (
    "{label} {value!r} không được khai báo trong bộ tiêu chí của tỉnh; dùng một trong: {choices}"
)


@dataclass(frozen=True, slots=True)
class ProfileChange:
    unit_id: int
    fields: dict


@dataclass(frozen=True, slots=True)
class ProfileImportResult:
    changes: tuple[ProfileChange, ...]
    errors: tuple[RowError, ...]
    written: bool


def declared_dimensions() -> dict[str, Dimension]:
    """The dimensions the loaded criteria sets declare (a province file's "zone"…), by key."""
    from ntm.criteria.registry import load_registry

    return {d.key: d for s in load_registry().sets() for d in s.dimensions}


def read_profiles(
    text: str,
    index: UnitIndex,
    on: date | None = None,
    dimensions: dict[str, Dimension] | None = None,
) -> tuple[list[ProfileChange], list[RowError]]:
    """Parse and check every row; nothing is written here."""
    dimensions = declared_dimensions() if dimensions is None else dimensions
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise FileFormatError(MSG_NO_UNIT_COLUMN.format(columns=", ".join(COLUMNS)))
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(lines[0]))
    header = [h.strip().lower() for h in next(reader)]
    if "unit" not in header:
        raise FileFormatError(MSG_NO_UNIT_COLUMN.format(columns=", ".join(COLUMNS)))
    unknown = [h for h in header if h not in ("unit", *COLUMNS, *dimensions)]
    if unknown:
        raise FileFormatError(MSG_UNKNOWN_COLUMNS.format(columns=", ".join(unknown)))
    if not any(h in COLUMNS or h in dimensions for h in header):
        raise FileFormatError(MSG_NO_FIELD_COLUMN.format(columns=", ".join(COLUMNS)))
    changes: list[ProfileChange] = []
    errors: list[RowError] = []
    seen: dict[int, int] = {}
    for row_number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        record = dict(zip(header, (c.strip() for c in cells), strict=False))
        try:
            unit = index.resolve(record.get("unit", ""), on=on)
        except UnitLookupError as exc:
            errors.append(RowError(row_number, "unit", str(exc)))
            continue
        if unit.level != "commune":
            errors.append(RowError(row_number, "unit", MSG_NOT_COMMUNE.format(name=unit.name)))
            continue
        if unit.id in seen:
            errors.append(RowError(row_number, "unit", MSG_DUPLICATE.format(row=seen[unit.id])))
            continue
        seen[unit.id] = row_number
        fields, row_errors = _fields(record, row_number, dimensions)
        errors.extend(row_errors)
        if not row_errors and fields:
            changes.append(ProfileChange(unit.id, fields))
    return changes, errors


def _fields(
    record: dict, row_number: int, dimensions: dict[str, Dimension]
) -> tuple[dict, list[RowError]]:
    fields: dict = {}
    errors: list[RowError] = []
    for key, dimension in dimensions.items():
        raw = record.get(key, "")
        if not raw:
            continue
        by_label = {normalize_text(label): code for code, label in dimension.values}
        code = raw if raw in dict(dimension.values) else by_label.get(normalize_text(raw))
        if code is None:
            choices = ", ".join(f"{c} ({lbl})" for c, lbl in dimension.values)
            errors.append(
                RowError(
                    row_number,
                    key,
                    MSG_BAD_DIMENSION.format(label=dimension.label, value=raw, choices=choices),
                )
            )
        else:
            fields.setdefault("dimensions", {})[key] = code
    group = record.get("commune_group", "")
    if group:
        if group not in {g for g, _ in GROUP_CHOICES}:
            errors.append(RowError(row_number, "commune_group", MSG_BAD_GROUP.format(value=group)))
        else:
            fields["commune_group"] = group
    for column in FLAG_COLUMNS:
        raw = record.get(column, "")
        if raw:
            try:
                fields[column] = parse_bool(raw)
            except ValueError as exc:
                errors.append(RowError(row_number, column, str(exc)))
    return fields, errors


def import_profiles(
    path: str | Path, *, dry_run: bool = False, on: date | None = None
) -> ProfileImportResult:
    """Read, check and (unless ``dry_run`` or any error) apply in one transaction."""
    text = decode(Path(path).read_bytes())
    changes, errors = read_profiles(text, UnitIndex.from_db(), on=on)
    if errors or dry_run:
        return ProfileImportResult(tuple(changes), tuple(errors), False)
    with transaction.atomic():
        units = AdminUnit.objects.in_bulk([c.unit_id for c in changes])
        for change in changes:
            set_commune_flags(units[change.unit_id], **change.fields)
    return ProfileImportResult(tuple(changes), (), True)
