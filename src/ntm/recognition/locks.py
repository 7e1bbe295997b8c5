"""Values under appraisal are locked: the value-write hook refuses them, or writes them on the
case's timeline when an officer unlocked the case.

Why a hook and not a check in each form: every value reaches the database through
``ntm.assessments.writes.write_rows`` (a form, the API, an import), which tells the listeners of
``ntm.assessments.hooks`` inside its transaction. Raising here rolls the whole write back, and
``ValuesLocked`` is a ``ValueParseError``, which every caller already reports to the user
(form message, API 400, import error). Removing a value (``do_delete_value``) tells the
listeners too (the API answers 409 "locked").
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ntm.assessments.parsing import ValueParseError
from ntm.criteria.inputs import Period
from ntm.recognition.models import CaseEvent, RecognitionCase

MSG_LOCKED = (
    "Số liệu của {unit} đang bị khóa: hồ sơ xét công nhận đang ở bước “{step}”. "
    "Muốn sửa, cán bộ của tỉnh phải mở khóa hồ sơ (ghi rõ lý do); không có gì được lưu."
)
MSG_LOCKED_EN = (
    "The values of {unit} are locked: its recognition case is at the step “{step}”. "
    "A province officer must unlock the case (with a reason) first; nothing was saved."
)
MSG_CHANGED_WHILE_UNLOCKED = "Số liệu thay đổi khi đang mở khóa: {what}"


class ValuesLocked(ValueParseError):
    """A value write refused because its unit is under appraisal (nothing is saved)."""


def cases_watch_values() -> bool:
    """One query: is any open case locked or unlocked (so written values concern it)?"""
    return RecognitionCase.objects.filter(Q(locked=True) | Q(unlocked=True), status="open").exists()


def guard_values(written: list[tuple[int, str, Period]], author: Any) -> None:
    """Refuse values of a locked unit; note on the timeline the ones written while unlocked."""
    from ntm.recognition.cases import current_step

    unit_ids = {unit_id for unit_id, _set, _period in written}
    cases = list(
        RecognitionCase.objects.filter(
            Q(locked=True) | Q(unlocked=True), status="open", unit_id__in=unit_ids
        ).select_related("unit")
    )
    for case in cases:
        if case.locked:
            step = current_step(case).name
            raise ValuesLocked(
                MSG_LOCKED.format(unit=case.unit, step=step),
                MSG_LOCKED_EN.format(unit=case.unit, step=step),
            )
    for case in cases:
        what = ", ".join(
            f"{set_code} {period}"
            for unit_id, set_code, period in written
            if unit_id == case.unit_id
        )
        CaseEvent.objects.create(
            case=case,
            step=case.step,
            action="values-changed",
            reason=MSG_CHANGED_WHILE_UNLOCKED.format(what=what),
            actor=author if getattr(author, "pk", None) is not None else None,
        )
