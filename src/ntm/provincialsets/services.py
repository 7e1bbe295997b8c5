"""Writes of provincial criteria sets: upload (checked, stored as a draft) and activation
(checked again, written to the active folder, the previous version marked replaced), each with
its history row in the same transaction (Zulip-style ``do_*``)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from ntm.assessments.rebuild import rebuild_province, rebuild_set
from ntm.criteria.candidate import (
    Candidate,
    CandidateError,
    FileProblem,
    check_candidate,
    line_of,
    parse_text,
)
from ntm.criteria.registry import criteria_dirs
from ntm.provincialsets.apps import active_sets_dir
from ntm.provincialsets.models import ProvincialSet
from ntm.units.models import AdminUnit

MSG_PROVINCE_FIELD = (
    'trường province phải là mã của tỉnh đang tải lên ("{code}", {name}); tệp ghi "{written}"'
)
MSG_NOT_DRAFT = "Chỉ kích hoạt được một bộ đang chờ kích hoạt."
MSG_NOT_ACTIVE = "Chỉ ngừng áp dụng được một bộ đang áp dụng."
MSG_DIFFERS = {
    "valid_from": (
        "valid_from trong tệp ({written}) khác ngày áp dụng đã nhập ({given}); "
        "hãy sửa một trong hai cho khớp"
    ),
    "era": 'era trong tệp ("{written}") khác thời kỳ của tỉnh đang tải lên ("{given}")',
}
MAX_BYTES = 1_000_000
MSG_TOO_BIG = "tệp quá lớn (tối đa 1 MB)"


def check_for_province(province: AdminUnit, file_name: str, content: bytes | str) -> Candidate:
    """The file checked with the sets in use, and its ``province`` field against the province
    uploading it (a province cannot put a set in another's name)."""
    if len(content) > MAX_BYTES:
        raise CandidateError(FileProblem(file_name, None, "", MSG_TOO_BIG))
    candidate = check_candidate(file_name, content, criteria_dirs())
    written = str(candidate.data.get("province") or "")
    if written != province.code:
        raise CandidateError(
            FileProblem(
                file_name,
                None,
                "province",
                MSG_PROVINCE_FIELD.format(code=province.code, name=province.name, written=written),
            )
        )
    return candidate


@transaction.atomic
def do_upload_provincial_set(
    *, province: AdminUnit, file_name: str, content: bytes, user: Any
) -> ProvincialSet:
    """Store a checked file as a draft; raises ``CandidateError`` (nothing stored) if invalid."""
    candidate = check_for_province(province, file_name, content)
    text = content.decode("utf-8-sig")
    item = ProvincialSet(
        province=province,
        code=candidate.criteria_set.code,
        base=candidate.criteria_set.base or "",
        name=candidate.criteria_set.name,
        file_name=file_name,
        content=text,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    item._history_user = user
    item.save()
    return item


def _write_active(name: str, text: str) -> None:
    """Write the file atomically (a reader never sees half of it); the folder's change makes
    every process reload its registry."""
    folder = active_sets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, folder / name)


def activated_text(provincial_set: ProvincialSet, effective_from: date) -> str:
    """The file as it is put in force: with ``valid_from`` the date its decision applies from,
    so the set is used for the periods from then on only, and ``era`` its province's era, so a
    province code both eras hold names this province only (``ntm.criteria.provincial``). A
    file that says its own ``valid_from`` or ``era`` must say the same."""
    name, text = provincial_set.file_name, provincial_set.content
    data = parse_text(name, text)
    added = []
    for key, value, shown in (
        ("valid_from", effective_from.isoformat(), effective_from.strftime("%d/%m/%Y")),
        ("era", provincial_set.province.era, provincial_set.province.era),
    ):
        written = data.get(key)
        if written in (None, ""):
            added.append(f'{key}: "{value}"')
        elif str(written) != value:
            problem = MSG_DIFFERS[key].format(written=written, given=shown)
            raise CandidateError(FileProblem(name, line_of(text, key), key, problem))
    return "\n".join([text.rstrip(), *added]) + "\n" if added else text


def _recompute(provincial_set: ProvincialSet) -> None:
    """Stored results under the rules just changed, recomputed in the writer's transaction
    (the registry reads the folder just written): the rows of the set's own code and every row
    of the province's units, whose set in force changed."""
    rebuild_set(provincial_set.code)
    rebuild_province(provincial_set.province.code, provincial_set.base or None)


@transaction.atomic
def do_activate_provincial_set(
    *, provincial_set: ProvincialSet, user: Any, effective_from: date
) -> ProvincialSet:
    """Put a draft in force from ``effective_from``: checked again with the sets in use now,
    written to the active folder (with that date as its ``valid_from``), the set it replaces
    marked so; audited (who, when). From then on the province's units are measured against it
    in place of the national set it is based on."""
    if provincial_set.status != "draft":
        raise CandidateError(FileProblem(provincial_set.file_name, None, "", MSG_NOT_DRAFT))
    text = activated_text(provincial_set, effective_from)
    check_for_province(provincial_set.province, provincial_set.file_name, text)
    for old in ProvincialSet.objects.filter(
        province=provincial_set.province, code=provincial_set.code, status="active"
    ):
        old.status = "replaced"
        old._history_user = user
        old.save(update_fields=["status"])
    provincial_set.status = "active"
    provincial_set.activated_by = user
    provincial_set.activated_at = timezone.now()
    provincial_set.effective_from = effective_from
    provincial_set._history_user = user
    provincial_set.save()
    # Last, inside the transaction: if the file cannot be written nothing is recorded; the
    # rows written before it are plain updates, so the commit after it does not fail in practice.
    _write_active(provincial_set.active_file_name, text)
    _recompute(provincial_set)
    return provincial_set


@transaction.atomic
def do_withdraw_provincial_set(*, provincial_set: ProvincialSet, user: Any) -> ProvincialSet:
    """Stop applying an active set: its file leaves the active folder, so the province's units
    are measured against the national set again; audited (who, when)."""
    if provincial_set.status != "active":
        raise CandidateError(FileProblem(provincial_set.file_name, None, "", MSG_NOT_ACTIVE))
    provincial_set.status = "withdrawn"
    provincial_set.withdrawn_by = user
    provincial_set.withdrawn_at = timezone.now()
    provincial_set._history_user = user
    provincial_set.save()
    (active_sets_dir() / provincial_set.active_file_name).unlink(missing_ok=True)
    _recompute(provincial_set)
    return provincial_set
