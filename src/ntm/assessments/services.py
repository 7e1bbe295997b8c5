"""Writes to indicator values (HackSoft/Zulip style: ``do_*``, keyword-only, one transaction).

The value and its history row are written together, never by a signal, so a failed save
leaves neither. Optimistic locking: a caller that read version N passes ``expected_version=N``;
if someone saved in between, nothing changes and the caller is told who and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ntm.assessments.catalog import check_set_level, enterable_indicator, get_set
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError, check_note, parse_value, raw_text, to_stored
from ntm.assessments.writes import ValueRow, WriteCounts, write_rows
from ntm.criteria.inputs import (
    MSG_BAD_PERIOD as MSG_BAD_PERIOD,  # the one message, imported by tests
)
from ntm.criteria.inputs import Period, PeriodError
from ntm.criteria.model import CriteriaSet
from ntm.criteria.validity import check_period_in_set
from ntm.units.models import AdminUnit

MSG_VALUE_CONFLICT = (
    'Giá trị này vừa được {who} thay đổi lúc {when} (hiện là "{raw}"). '
    "Số liệu của bạn chưa được lưu: hãy xem giá trị mới rồi nhập lại."
)
MSG_VALUE_CONFLICT_EN = (
    'This value was changed by {who} at {when} (now "{raw}"). '
    "Your change was not saved: review the new value and enter it again."
)
MSG_VALUE_CONFLICT_UNKNOWN = (
    "Giá trị này vừa được người khác tạo hoặc thay đổi. "
    "Số liệu của bạn chưa được lưu: hãy tải lại trang rồi nhập lại."
)
MSG_VALUE_CONFLICT_UNKNOWN_EN = (
    "Someone else just created or changed this value. "
    "Your change was not saved: reload and enter it again."
)
MSG_SOMEONE = "người khác"
MSG_SOMEONE_EN = "someone else"


class ValueConflict(Exception):
    """The stored value moved on since the caller read it (optimistic lock)."""

    def __init__(self, current: IndicatorValue | None) -> None:
        self.current = current
        if current is None:
            self.message, self.message_en = (
                MSG_VALUE_CONFLICT_UNKNOWN,
                MSG_VALUE_CONFLICT_UNKNOWN_EN,
            )
        else:
            who, when, raw = _who_when(current)
            self.message = MSG_VALUE_CONFLICT.format(who=who or MSG_SOMEONE, when=when, raw=raw)
            self.message_en = MSG_VALUE_CONFLICT_EN.format(
                who=who or MSG_SOMEONE_EN, when=when, raw=raw
            )
        super().__init__(self.message)


def _who_when(value: IndicatorValue) -> tuple[str, str, str]:
    """Who changed the value ("" when unknown: each message says "someone else" in its own
    language), when, and what it holds now."""
    author = value.author
    who = (author.get_full_name() or author.get_username()) if author else ""
    when = (
        timezone.localtime(value.updated_at).strftime("%H:%M %d/%m/%Y") if value.updated_at else ""
    )
    return who, when, value.raw


def parse_period(period: str | Period, criteria_set: CriteriaSet | None = None) -> Period:
    """``Period.read`` for the writers, raising ``ValueParseError`` (the message is the same);
    with ``criteria_set``, also a period the set takes values for (``criteria.validity``)."""
    try:
        parsed = Period.read(period)
        if criteria_set is not None:
            check_period_in_set(criteria_set, parsed)
        return parsed
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
    when the caller does not care). Saving the same raw text and note again changes nothing
    (``writes.is_unchanged``, the importer's rule). Raises ``UnknownIndicator``,
    ``ValueParseError`` (``WrongLevel`` for a set of another level) or ``ValueConflict``;
    nothing is written then. The write itself is the importer's (``writes.write_rows``): one
    path, one history mechanism, for a form, the API and a file.
    """
    check_note(note)
    indicator = enterable_indicator(set_code, indicator_code)
    criteria_set = get_set(set_code)
    check_set_level(criteria_set, unit)
    parsed_period = parse_period(period, criteria_set)
    stored = to_stored(parse_value(indicator, raw))
    text = raw.strip() if isinstance(raw, str) else raw_text(raw)
    key = {
        "unit": unit,
        "set_code": set_code,
        "indicator_code": indicator_code,
        "period": str(parsed_period),
    }
    value = IndicatorValue.objects.select_for_update().filter(**key).first()
    if value is not None and expected_version is not None and expected_version != value.version:
        raise ValueConflict(value)
    if value is None and expected_version:
        raise ValueConflict(None)
    row = ValueRow(
        unit.pk,
        set_code,
        indicator_code,
        str(parsed_period),
        parsed_period.index,
        text,
        stored.value_number,
        stored.value_bool,
        stored.value_text,
        stored.not_applicable,
        note,
    )
    try:
        write_rows([row], author=author, source=source, reason=reason, savepoint=False)
    except IntegrityError:
        # Someone created or changed the same value between our read and our write.
        raise ValueConflict(None) from None
    return IndicatorValue.objects.select_related("author").get(**key)


def do_set_values(
    rows: Sequence[ValueRow],
    *,
    author: Any = None,
    source: str = "import",
    reason: str = "",
    dry_run: bool = False,
    progress: bool = False,
) -> WriteCounts:
    """Store many checked values in one transaction (the importer's measured bulk path):
    created, updated or left alone by the same rule as ``do_set_value``, with history rows."""
    return write_rows(
        rows, author=author, source=source, reason=reason, dry_run=dry_run, progress=progress
    )
