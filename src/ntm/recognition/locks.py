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
    """One query: is any case open (so written values may concern it: locked, unlocked, or past
    an approval that the new values undo)?"""
    return RecognitionCase.objects.filter(status="open").exists()


def guard_values(written: list[tuple[int, str, Period]], author: Any) -> None:
    """Refuse values of a locked unit; note on the timeline the ones written while unlocked."""
    from ntm.recognition.cases import current_step, reopen_for_changed_values

    unit_ids = {unit_id for unit_id, _set, _period in written}
    open_cases = list(
        RecognitionCase.objects.filter(status="open", unit_id__in=unit_ids).select_related("unit")
    )
    for case in open_cases:
        if not case.locked and not case.unlocked:
            reopen_for_changed_values(case, _written_text(written, case.unit_id), author)
    cases = [c for c in open_cases if c.locked or c.unlocked]
    for case in cases:
        if case.locked:
            step = current_step(case).name
            raise ValuesLocked(
                MSG_LOCKED.format(unit=case.unit, step=step),
                MSG_LOCKED_EN.format(unit=case.unit, step=step),
            )
    for case in cases:
        what = _written_text(written, case.unit_id)
        CaseEvent.objects.create(
            case=case,
            step=case.step,
            action="values-changed",
            reason=MSG_CHANGED_WHILE_UNLOCKED.format(what=what),
            actor=author if getattr(author, "pk", None) is not None else None,
        )


def _written_text(written: list[tuple[int, str, Period]], unit_id: int) -> str:
    return ", ".join(
        f"{set_code} {period}" for unit, set_code, period in written if unit == unit_id
    )
