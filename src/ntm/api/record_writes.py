"""Checking and writing one record sent to the API (``record_kinds``): the importer's checks,
the API's answers.

A body is one row of the record type's import file (the same column names, values written the
same ways); it goes through the kind's ``check_row`` and ``check_file``, so a record is refused
through the API exactly when that row would be refused in a file, with the same Vietnamese
reason per column. Order of the answers: 404 when the unit is outside the caller's units
(whatever else is wrong, so nothing hints that it exists), 403 when the caller may see but not
write it, 400 with every bad column, then 409 for a stale version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from rest_framework.request import Request

from ntm.accounts.access import can_view_unit
from ntm.api import errors
from ntm.api.etag import if_match_version
from ntm.api.record_kinds import UPDATED, WritableKind, version_of
from ntm.imports.records import (
    CELL_MAX_LENGTH,
    MSG_CELL_TOO_LONG,
    RecordContext,
    RecordRow,
)
from ntm.imports.unit_refs import IndexedUnits
from ntm.recognition.imports import REVOKE
from ntm.units.models import AdminUnit
from ntm.units.selectors import index_for

BAD_RECORD = (
    "Nothing was written: 'errors' names every bad field with its reason (in Vietnamese).",
    "Không ghi gì: 'errors' nêu từng trường sai và lý do.",
)
NOT_AN_OBJECT = ("The body must be a JSON object.", "Nội dung gửi lên phải là một đối tượng JSON.")
MSG_UNKNOWN_FIELD = "Trường không được hỗ trợ"
MSG_NOT_TEXT = "Cần chữ hoặc số"
MAY_NOT_WRITE = (
    "You may see this unit but not record this here.",
    "Bạn được xem đơn vị này nhưng không được ghi loại hồ sơ này.",
)
RECORD_EXISTS = (
    "A record with this key exists already (id {id}): change it with PUT and its version.",
    "Đã có hồ sơ cùng khóa (id {id}): hãy sửa nó bằng PUT với phiên bản đã đọc.",
)
KEY_CHANGED = (
    "A change may not alter {columns}: delete the record and create another instead.",
    "Không được sửa {columns} của hồ sơ: hãy xóa và tạo hồ sơ mới.",
)
KEY_CHANGED_NO_DELETE = (
    "A change may not alter {columns}.",
    "Không được sửa {columns} của hồ sơ.",
)
STALE = (
    "Someone changed this record since you read it (now version {version}); nothing was written.",
    "Hồ sơ đã được người khác sửa sau khi bạn đọc (nay là phiên bản {version}); không ghi gì.",
)
DUPLICATE_WRITE = (
    "Someone wrote the same record meanwhile; nothing was written. Send it again.",
    "Có người vừa ghi cùng hồ sơ; không ghi gì. Hãy gửi lại.",
)
# Fields of the answer a client may send back unchanged (they are ignored, never written).
READ_ONLY_FIELDS = frozenset(
    {"id", "version", "unit_name", "name", "group_name", "expires_on", "in_force", "revoked"}
)


class _TrackedUnits(IndexedUnits):
    """The units the row's checker resolved, remembered so that scope is judged afterwards."""

    def __init__(self, ref: str) -> None:
        super().__init__(index_for(ref))
        self.resolved: list[int] = []

    def resolve_on(self, ref: str, on: date | None) -> tuple[int | None, str]:
        unit_id, reason = super().resolve_on(ref, on)
        if unit_id is not None:
            self.resolved.append(unit_id)
        return unit_id, reason


def body_cells(kind: WritableKind, body: Any) -> dict[str, Any]:
    """The body as a row's cells: known columns only, each text or a number (or null)."""
    if not isinstance(body, dict):
        raise errors.api_error(400, "invalid", NOT_AN_OBJECT)
    columns = kind.import_kind.required + kind.import_kind.optional
    problems: dict[str, list[str]] = {}
    cells: dict[str, Any] = {}
    for name, value in body.items():
        if name in READ_ONLY_FIELDS:
            continue
        if name not in columns:
            problems[str(name)] = [MSG_UNKNOWN_FIELD]
        elif value is not None and (
            isinstance(value, bool) or not isinstance(value, str | int | float)
        ):
            problems[name] = [MSG_NOT_TEXT]
        elif isinstance(value, str) and len(value) > CELL_MAX_LENGTH:
            problems[name] = [MSG_CELL_TOO_LONG.format(limit=CELL_MAX_LENGTH)]
        else:
            cells[name] = value
    if problems:
        raise errors.ApiError(400, "invalid", *BAD_RECORD, errors=problems)
    return cells


def check_record(kind: WritableKind, cells: dict[str, Any], user: Any) -> tuple[Any, AdminUnit]:
    """The checked record (what the kind's ``do_*`` takes) and its unit, or the API's refusal."""
    units = _TrackedUnits(str(cells.get("unit") or ""))
    context = RecordContext(units, author=user, source_name="API")
    row = RecordRow(1, dict(cells))
    data = kind.import_kind.check_row(row, context)
    for unit in AdminUnit.objects.filter(pk__in=units.resolved):
        if not can_view_unit(user, unit):
            raise errors.api_error(404, "not_found", errors.NOT_FOUND)
        if not kind.may_write(user, unit):
            raise errors.api_error(403, "may_not_write", MAY_NOT_WRITE)
    if not row.problems and data is not None and kind.import_kind.check_file is not None:
        row.problems += kind.import_kind.check_file([(row, data)], context)
    if row.problems or data is None:
        problems: dict[str, list[str]] = {}
        for problem in row.problems:
            problems.setdefault(problem.column or "non_field_errors", []).append(problem.reason)
        raise errors.ApiError(400, "invalid", *BAD_RECORD, errors=problems)
    return data, AdminUnit.objects.get(pk=data.unit_id)


def create_record(kind: WritableKind, data: Any, user: Any) -> tuple[Any, str]:
    """Write a new record (POST). The same record sent again is "unchanged"; a record whose key
    exists with other content is refused (409): a change goes through PUT and its version.
    A revoking decision is the one POST that changes a stored record (the one it ends)."""
    try:
        with transaction.atomic():
            record, outcome = kind.save(data, user)
            if outcome == UPDATED and getattr(data, "action", None) != REVOKE:
                raise errors.api_error(409, "exists", RECORD_EXISTS, id=record.pk)
    except IntegrityError:
        raise errors.api_error(409, "conflict", DUPLICATE_WRITE) from None
    return record, outcome


def change_record(
    kind: WritableKind, record: Any, data: Any, user: Any, expected: int, status_code: int
) -> tuple[Any, str]:
    """Write ``data`` over ``record`` if it is still at version ``expected`` (else 409, or 412
    when the version came as If-Match); its key columns may not change."""
    if kind.key(data) != kind.record_key(record):
        columns = ", ".join(kind.key_columns)
        pair = KEY_CHANGED if kind.delete is not None else KEY_CHANGED_NO_DELETE
        raise errors.api_error(400, "key_changed", pair, columns=columns)
    with transaction.atomic():
        locked = kind.model.objects.select_for_update().get(pk=record.pk)
        _check_version(locked, expected, status_code)
        return kind.save(data, user)


def delete_record(
    kind: WritableKind, record: Any, user: Any, expected: int, status_code: int
) -> None:
    assert kind.delete is not None
    with transaction.atomic():
        locked = kind.model.objects.select_for_update().get(pk=record.pk)
        _check_version(locked, expected, status_code)
        kind.delete(locked, user)


def _check_version(record: Any, expected: int, status_code: int) -> None:
    current = version_of(record)
    if current != expected:
        code = "conflict" if status_code == 409 else "precondition_failed"
        raise errors.api_error(status_code, code, STALE, version=current)


def expected_version(request: Request, sent: Any) -> tuple[int, int]:
    """The version the client read, from ``sent`` (body or query) or If-Match, and the status
    a stale one answers: 409 for the field, 412 for the header alone."""
    header = if_match_version(request)
    if sent is None or sent == "":
        if header is None:
            raise errors.api_error(400, "version_required", errors.VERSION_REQUIRED)
        return header, 412
    if isinstance(sent, bool) or not str(sent).strip().isdigit():
        raise errors.ApiError(
            400, "invalid", *errors.INVALID_INPUT, errors={"version": ["Cần số nguyên"]}
        )
    version = int(str(sent).strip())
    if header is not None and header != version:
        raise errors.api_error(400, "version_mismatch", errors.VERSION_MISMATCH)
    return version, 409
