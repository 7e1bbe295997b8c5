"""Writes to indicator values (HackSoft/Zulip style: ``do_*``, keyword-only, one transaction).

The value and its history row are written together, never by a signal, so a failed save
leaves neither. Optimistic locking: a caller that read version N passes ``expected_version=N``;
if someone saved in between, nothing changes and the caller is told who and when.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ntm.assessments.catalog import check_set_level, enterable_indicator, get_set
from ntm.assessments.hooks import values_written
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError, check_note, parse_value, raw_text, to_stored
from ntm.criteria.inputs import (
    MSG_BAD_PERIOD as MSG_BAD_PERIOD,  # the one message, imported by tests
)
from ntm.criteria.inputs import Period, PeriodError
from ntm.units.models import AdminUnit

MSG_VALUE_CONFLICT = (
    "Giá trị này vừa được {who} thay đổi lúc {when} (hiện là \"{raw}\"). "
    "Số liệu của bạn chưa được lưu: hãy xem giá trị mới rồi nhập lại."
)
MSG_VALUE_CONFLICT_EN = (
    "This value was changed by {who} at {when} (now \"{raw}\"). "
    "Your change was not saved: review the new value and enter it again."
)
MSG_VALUE_CONFLICT_UNKNOWN = (
    "Giá trị này vừa được người khác tạo hoặc thay đổi. "
    "Số liệu của bạn chưa được lưu: hãy tải lại trang rồi nhập lại."
)
MSG_VALUE_CONFLICT_UNKNOWN_EN = (
    "Someone else just created or changed this value. Your change was not saved: reload and enter it again."
)
MSG_SOMEONE = "người khác"
MSG_SOMEONE_EN = "someone else"
CHANGE_REASON_MAX = 100


class ValueConflict(Exception):
    """The stored value moved on since the caller read it (optimistic lock)."""

    def __init__(self, current: IndicatorValue | None) -> None:
        self.current = current
        if current is None:
            self.message, self.message_en = MSG_VALUE_CONFLICT_UNKNOWN, MSG_VALUE_CONFLICT_UNKNOWN_EN
        else:
            who, when, raw = _who_when(current)
            self.message = MSG_VALUE_CONFLICT.format(who=who or MSG_SOMEONE, when=when, raw=raw)
            self.message_en = MSG_VALUE_CONFLICT_EN.format(who=who or MSG_SOMEONE_EN, when=when, raw=raw)
        super().__init__(self.message)


def _who_when(value: IndicatorValue) -> tuple[str, str, str]:
    """Who changed the value ("" when unknown: each message says "someone else" in its own
    language), when, and what it holds now."""
    author = value.author
    who = (author.get_full_name() or author.get_username()) if author else ""
    when = timezone.localtime(value.updated_at).strftime("%H:%M %d/%m/%Y") if value.updated_at else ""
    return who, when, value.raw


def parse_period(period: str | Period) -> Period:
    """``Period.read`` for the writers, raising ``ValueParseError`` (the message is the same)."""
    try:
        return Period.read(period)
    except PeriodError as exc:
        raise ValueParseError(exc.message, exc.message_en) from None


@transaction.atomic
def do_set_value(
    *,
    unit: AdminUnit,
    set_code: str,
    indicator_code: str,
    period: str | Period,
    raw: Any,
    note: str = "",
    source: str,
    author: Any,
    expected_version: int | None = None,
    reason: str = "",
) -> IndicatorValue:
    """Store one value (parsed per its indicator's kind) and its history row.

    ``expected_version`` is the version the caller started from (0 or None for a new value
    when the caller does not care). Saving the same raw text and note again changes nothing.
    Raises ``UnknownIndicator``, ``ValueParseError`` (``WrongLevel`` for a set of another level)
    or ``ValueConflict``; nothing is written
    then.
    """
    check_note(note)
    indicator = enterable_indicator(set_code, indicator_code)
    check_set_level(get_set(set_code), unit)
    parsed_period = parse_period(period)
    stored = to_stored(parse_value(indicator, raw))
    text = raw.strip() if isinstance(raw, str) else raw_text(raw)
    value = (
        IndicatorValue.objects.select_for_update()
        .filter(unit=unit, set_code=set_code, indicator_code=indicator_code, period=str(parsed_period))
        .first()
    )
    if value is not None and expected_version is not None and expected_version != value.version:
        raise ValueConflict(value)
    if value is None and expected_version:
        raise ValueConflict(None)
    if value is not None and value.raw == text and value.note == note:
        return value
    if value is None:
        value = IndicatorValue(
            unit=unit,
            set_code=set_code,
            indicator_code=indicator_code,
            period=str(parsed_period),
            period_index=parsed_period.index,
            version=0,
        )
    value.raw = text
    value.value_number = stored.value_number
    value.value_bool = stored.value_bool
    value.value_text = stored.value_text
    value.not_applicable = stored.not_applicable
    value.note = note
    value.source = source
    value.author = author if getattr(author, "pk", None) else None
    value.version += 1
    value._history_user = value.author
    value._change_reason = (reason or source)[:CHANGE_REASON_MAX]
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError:
        # Someone created the same value between our read and our insert.
        raise ValueConflict(None) from None
    values_written([(unit.pk, set_code, parsed_period)], value.author)
    return value
