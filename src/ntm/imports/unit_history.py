"""Unit-history files (design.md §10): units and their changes, registered through ``ntm import``.

Header ``code,name,level,parent,valid_from`` (empty when the start is unknown) with optional
``valid_to``, ``successors`` (codes,
``;``-separated) and ``note``. Why a file: the bundled unit data is a mid-2025 snapshot, so a
district merged in 2024 (Đông Sơn into Thanh Hóa city) is missing and a 2023 province ranks
among too few districts. A province registers such changes itself; each row is a unit as it
was (its validity dates), and ``successors`` says what it became when its validity ended:

- one successor that several units flow into: a merger; several successors: a split; one
  successor and one predecessor: a rename; no successor after ``valid_to``: a dissolution.

A row may name as parent or successor a unit of the database or another row of the same file
(a historical district and its communes). All rows are written or none (``ntm.imports.records``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts, register_kind
from ntm.imports.rows import RowError
from ntm.textnorm import normalize_text, split_prefix
from ntm.units.history import UnitRegistration, do_register_unit_history
from ntm.units.index import CODE_RE
from ntm.units.models import LEVEL_DEPTH, AdminUnit
from ntm.units.services import CURRENT_ERA, CURRENT_VALID_FROM, LEGACY_ERA

KIND_NAME = "unit-history"
REQUIRED = ("code", "name", "level", "parent", "valid_from")
OPTIONAL = ("valid_to", "successors", "note")
LEVELS = {
    "province": "province",
    "tỉnh": "province",
    "thành phố trực thuộc trung ương": "province",
    "district": "district",
    "huyện": "district",
    "cấp huyện": "district",
    "commune": "commune",
    "xã": "commune",
    "cấp xã": "commune",
    "village": "village",
    "thôn": "village",
}
PRE_REFORM_DAY = CURRENT_VALID_FROM - timedelta(days=1)  # where a row has no date: an old unit
DEFAULT_TYPES = {"province": "tỉnh", "district": "huyện", "commune": "xã", "village": "thôn"}

MSG_BAD_CODE = "Mã đơn vị {code!r} không hợp lệ: chỉ gồm chữ số (mã thống kê), ví dụ 405 hoặc 15517"
MSG_PARENT_NEEDED = "Đơn vị cấp {level} phải có đơn vị cấp trên"
MSG_PROVINCE_NO_PARENT = "Tỉnh không có đơn vị cấp trên: để trống cột này"
MSG_END_BEFORE_START = "Ngày kết thúc {end} trước ngày bắt đầu {start}"
MSG_SUCCESSORS_NEED_END = "Có đơn vị kế tiếp thì phải ghi ngày kết thúc hiệu lực (valid_to)"
MSG_DUPLICATE = "Mã {code} ({era}) đã có ở dòng {row}"
MSG_UNKNOWN_REF = (
    "Không có đơn vị {ref!r} còn hiệu lực ngày {on} (trong dữ liệu hay trong tệp). {reason}"
)
MSG_PARENT_LEVEL = (
    "Đơn vị cấp trên {ref!r} là cấp {parent_level}, không chứa được đơn vị cấp {level}"
)
MSG_BUNDLED = (
    "Mã {code} ({era}) là đơn vị của dữ liệu gốc ({name}); tệp lịch sử chỉ thêm hoặc sửa đơn vị "
    "đã đăng ký bằng tệp lịch sử"
)
MSG_OUTLIVES_PARENT = (
    "Đơn vị cấp trên {ref} hết hiệu lực ngày {end}: đơn vị này phải hết hiệu lực cùng ngày hoặc "
    "trước đó (ghi valid_to, và đơn vị kế tiếp nếu có)"
)
MSG_SELF_SUCCESSOR = "Đơn vị không thể là đơn vị kế tiếp của chính nó"


@dataclass
class HistoryRow:
    """A checked row: the unit as it was and the references still to resolve."""

    row: int
    code: str
    era: str
    name: str
    unit_type: str
    level: str
    parent_ref: str
    valid_from: date | None
    valid_to: date | None
    successor_refs: tuple[str, ...]
    note: str
    parent_id: int | None = None
    parent_row: HistoryRow | None = None
    successor_ids: tuple[int, ...] = ()
    successor_rows: tuple[HistoryRow, ...] = ()


def era_of(valid_from: date | None) -> str:
    """Units that start on or after 1 July 2025 belong to the two-tier structure; a unit whose
    start is unknown (empty ``valid_from``) is an old one."""
    return (
        CURRENT_ERA if valid_from is not None and valid_from >= CURRENT_VALID_FROM else LEGACY_ERA
    )


def check_row(row: RecordRow, ctx: RecordContext) -> HistoryRow | None:
    code = row.required("code")
    if code is not None and not CODE_RE.match(code):
        row.fail("code", MSG_BAD_CODE.format(code=code))
    written = row.required("name")
    level = row.choice("level", LEVELS)
    valid_from = row.date("valid_from", required=False)
    valid_to = row.date("valid_to", required=False)
    parent_ref = row.optional("parent")
    successors = tuple(s.strip() for s in row.optional("successors").split(";") if s.strip())
    if level == "province" and parent_ref:
        row.fail("parent", MSG_PROVINCE_NO_PARENT)
    elif level not in (None, "province") and not parent_ref:
        row.fail("parent", MSG_PARENT_NEEDED.format(level=level))
    if valid_from and valid_to and valid_to < valid_from:
        row.fail(
            "valid_to",
            MSG_END_BEFORE_START.format(end=valid_to.isoformat(), start=valid_from.isoformat()),
        )
    if successors and valid_to is None:
        row.fail("valid_to", MSG_SUCCESSORS_NEED_END)
    if code in successors:
        row.fail("successors", MSG_SELF_SUCCESSOR)
    if row.problems or None in (code, written, level):
        return None
    prefix, _ = split_prefix(written)
    words = written.split()
    if prefix and normalize_text(written).startswith(prefix + " "):
        words = words[len(prefix.split()) :]
    return HistoryRow(
        row.row,
        code,
        era_of(valid_from),
        " ".join(words),
        prefix or DEFAULT_TYPES[level],
        level,
        parent_ref,
        valid_from,
        valid_to,
        successors,
        row.optional("note"),
    )


def check_file(checked: list[tuple[RecordRow, HistoryRow]], ctx: RecordContext) -> list[RowError]:
    """References (parent, successors) to the database or to other rows; duplicates; bundled
    units."""
    problems: list[RowError] = []
    rows = [r for _, r in checked]
    by_code: dict[tuple[str, str], HistoryRow] = {}
    for r in rows:
        first = by_code.setdefault((r.code, r.era), r)
        if first is not r:
            problems.append(
                _error(r, "code", MSG_DUPLICATE.format(code=r.code, era=r.era, row=first.row))
            )
    bundled = {
        (u.code, u.era): u
        for u in AdminUnit.objects.filter(code__in={r.code for r in rows}, registered=False)
    }
    for r in rows:
        if (r.code, r.era) in bundled:
            unit = bundled[(r.code, r.era)]
            problems.append(
                _error(r, "code", MSG_BUNDLED.format(code=r.code, era=r.era, name=str(unit)))
            )
            continue
        if r.parent_ref:
            problems += _resolve_parent(r, by_code, ctx)
        problems += _resolve_successors(r, by_code, ctx)
    return problems


def _error(r: HistoryRow, column: str, reason: str) -> RowError:
    return RowError(r.row, column, reason)


def _in_file(ref: str, on: date, by_code: dict[tuple[str, str], HistoryRow]) -> HistoryRow | None:
    found = (
        by_code.get((ref, era_of(on)))
        or by_code.get((ref, LEGACY_ERA))
        or by_code.get((ref, CURRENT_ERA))
    )
    if (
        found
        and (found.valid_from is None or found.valid_from <= on)
        and (found.valid_to is None or on <= found.valid_to)
    ):
        return found
    return None


def _resolve_parent(r: HistoryRow, by_code, ctx: RecordContext) -> list[RowError]:
    on = r.valid_from or r.valid_to or PRE_REFORM_DAY
    parent_row = _in_file(r.parent_ref, on, by_code)
    if parent_row is not None:
        r.parent_row, parent_level = parent_row, parent_row.level
        parent_end = parent_row.valid_to
    else:
        unit_id, reason = ctx.units.resolve_on(r.parent_ref, on)
        if unit_id is None or not ctx.units.index.by_id[unit_id].valid_on(on):
            return [
                _error(
                    r,
                    "parent",
                    MSG_UNKNOWN_REF.format(ref=r.parent_ref, on=on.isoformat(), reason=reason),
                )
            ]
        r.parent_id, parent_level = unit_id, ctx.units.level(unit_id)
        parent_end = ctx.units.index.by_id[unit_id].valid_to
    if parent_end is not None and (r.valid_to is None or r.valid_to > parent_end):
        # A unit cannot stay in force under a parent that no longer exists (every view uses
        # the units valid on its period: it would hang under nothing).
        end = parent_end.strftime("%d/%m/%Y")
        return [_error(r, "valid_to", MSG_OUTLIVES_PARENT.format(ref=r.parent_ref, end=end))]
    if LEVEL_DEPTH[parent_level] >= LEVEL_DEPTH[r.level]:
        return [
            _error(
                r,
                "parent",
                MSG_PARENT_LEVEL.format(ref=r.parent_ref, parent_level=parent_level, level=r.level),
            )
        ]
    return []


def _resolve_successors(r: HistoryRow, by_code, ctx: RecordContext) -> list[RowError]:
    if not r.successor_refs or r.valid_to is None:
        return []
    on = r.valid_to + timedelta(days=1)
    ids, found_rows, problems = [], [], []
    for ref in r.successor_refs:
        row = _in_file(ref, on, by_code)
        if row is not None:
            found_rows.append(row)
            continue
        unit_id, reason = ctx.units.resolve_on(ref, on)
        if unit_id is None or not ctx.units.index.by_id[unit_id].valid_on(on):
            problems.append(
                _error(
                    r,
                    "successors",
                    MSG_UNKNOWN_REF.format(ref=ref, on=on.isoformat(), reason=reason),
                )
            )
        else:
            ids.append(unit_id)
    r.successor_ids, r.successor_rows = tuple(ids), tuple(found_rows)
    return problems


def write(rows: list[HistoryRow], ctx: RecordContext) -> WriteCounts:
    """Hand the checked rows to the units service (one transaction with the import)."""
    counts = do_register_unit_history(
        units=[_registration(r) for r in rows],
        author=ctx.author,
        reason=f"tệp lịch sử đơn vị {ctx.source_name}",
    )
    return WriteCounts(created=counts.created, updated=counts.updated, unchanged=counts.unchanged)


def _registration(r: HistoryRow) -> UnitRegistration:
    return UnitRegistration(
        key=id(r),
        code=r.code,
        era=r.era,
        name=r.name,
        unit_type=r.unit_type,
        level=r.level,
        valid_from=r.valid_from,
        valid_to=r.valid_to,
        note=r.note,
        parent_id=r.parent_id,
        parent_key=id(r.parent_row) if r.parent_row is not None else None,
        successor_ids=r.successor_ids,
        successor_keys=tuple(id(s) for s in r.successor_rows),
        successors_written=len(r.successor_refs),
    )


UNIT_HISTORY_KIND = RecordKind(
    KIND_NAME, "lịch sử đơn vị hành chính", REQUIRED, OPTIONAL, check_row, write, check_file
)
register_kind(UNIT_HISTORY_KIND)
