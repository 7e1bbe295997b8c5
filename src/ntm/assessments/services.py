"""Writes to indicator values (HackSoft/Zulip style: ``do_*``, keyword-only, one transaction).

The value and its history row are written together, never by a signal, so a failed save
leaves neither. Optimistic locking: a caller that read version N passes ``expected_version=N``;
if someone saved in between, nothing changes and the caller is told who and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ntm.assessments.catalog import (
    UnknownIndicator,
    check_set_level,
    enterable_indicator,
    get_set,
)
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


@dataclass(frozen=True, slots=True)
class Entry:
    """One value of a form or of a batch API call: the indicator, the raw text as typed, its
    note, and the version the caller read (None: the caller does not care; 0: a new value)."""

    indicator_code: str
    raw: Any
    note: str = ""
    expected_version: int | None = None


class EntriesRejected(Exception):
    """Some entries are bad; nothing was written. ``errors`` pairs each bad entry's position
    (0 = first) with its error (``ValueParseError``, ``WrongLevel`` or ``UnknownIndicator``:
    each has ``message``, and the first two ``message_en``)."""

    def __init__(self, errors: list[tuple[int, Exception]]) -> None:
        super().__init__("; ".join(getattr(e, "message", str(e)) for _, e in errors))
        self.errors = errors


class EntriesConflict(Exception):
    """Some values moved on since the caller read them; nothing was written. ``conflicts``
    maps each such indicator to its ``ValueConflict`` (who, when, the value now stored)."""

    def __init__(self, conflicts: dict[str, ValueConflict]) -> None:
        super().__init__("; ".join(c.message for c in conflicts.values()))
        self.conflicts = conflicts


MSG_DUPLICATE_ENTRY = 'Chỉ tiêu "{code}" được gửi hai lần trong cùng một lần lưu.'
MSG_DUPLICATE_ENTRY_EN = 'Indicator "{code}" is sent twice in one submission.'


@transaction.atomic
def do_set_entries(
    *,
    unit: AdminUnit,
    set_code: str,
    period: str | Period,
    entries: Sequence[Entry],
    source: str,
    author: Any,
    reason: str = "",
) -> dict[str, IndicatorValue]:
    """Store a form's values (one unit, set and period) at once: all or nothing.

    Why one call and not ``do_set_value`` per value: the stored results of the unit and its
    parents are refreshed once for the form, not once per value, and the values are locked,
    compared with the versions read and written in one query each. The rule for each value is
    ``do_set_value``'s (parsing, "unchanged", optimistic locking, history rows): that function
    is this one with a single entry. Raises ``EntriesRejected`` (every bad entry: its note and
    indicator, then its value), ``WrongLevel`` or ``ValueParseError`` (the set is not for the
    unit's level, or takes no values for the period: the form's own errors, checked between the
    two), or ``EntriesConflict`` (every value changed meanwhile). Returns the stored values by
    indicator code.
    """
    if not entries:
        return {}
    codes = [e.indicator_code for e in entries]
    _raise_rejected(_entry_errors(set_code, entries))
    criteria_set = get_set(set_code)
    check_set_level(criteria_set, unit)  # the form's own errors: raised as they are
    parsed_period = parse_period(period, criteria_set)
    rows: list[ValueRow] = []
    errors: list[tuple[int, Exception]] = []
    for position, entry in enumerate(entries):
        try:
            stored = to_stored(
                parse_value(enterable_indicator(set_code, entry.indicator_code), entry.raw)
            )
        except ValueParseError as exc:
            errors.append((position, exc))
            continue
        raw = entry.raw
        rows.append(
            ValueRow(
                unit.pk,
                set_code,
                entry.indicator_code,
                str(parsed_period),
                parsed_period.index,
                raw.strip() if isinstance(raw, str) else raw_text(raw),
                stored.value_number,
                stored.value_bool,
                stored.value_text,
                stored.not_applicable,
                entry.note,
            )
        )
    _raise_rejected(errors)
    key = {"unit": unit, "set_code": set_code, "period": str(parsed_period)}
    locked = {
        v.indicator_code: v
        for v in IndicatorValue.objects.select_for_update().filter(**key, indicator_code__in=codes)
    }
    conflicts = {}
    for entry in entries:
        value = locked.get(entry.indicator_code)
        wanted = entry.expected_version
        if (value is not None and wanted is not None and wanted != value.version) or (
            value is None and wanted
        ):
            conflicts[entry.indicator_code] = ValueConflict(value)
    if conflicts:
        raise EntriesConflict(conflicts)
    try:
        write_rows(rows, author=author, source=source, reason=reason, savepoint=False)
    except IntegrityError:
        # Someone created one of the values between our read and our write.
        raise EntriesConflict({c: ValueConflict(None) for c in codes if c not in locked}) from None
    stored_now = IndicatorValue.objects.select_related("author").filter(
        **key, indicator_code__in=codes
    )
    return {v.indicator_code: v for v in stored_now}


def _entry_errors(set_code: str, entries: Sequence[Entry]) -> list[tuple[int, Exception]]:
    """The note, the indicator and duplicates of each entry, before anything is read."""
    errors: list[tuple[int, Exception]] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries):
        try:
            check_note(entry.note)
            enterable_indicator(set_code, entry.indicator_code)
        except (ValueParseError, UnknownIndicator) as exc:
            errors.append((position, exc))
            continue
        if entry.indicator_code in seen:
            code = entry.indicator_code
            errors.append(
                (
                    position,
                    ValueParseError(
                        MSG_DUPLICATE_ENTRY.format(code=code),
                        MSG_DUPLICATE_ENTRY_EN.format(code=code),
                    ),
                )
            )
        seen.add(entry.indicator_code)
    return errors


def _raise_rejected(errors: list[tuple[int, Exception]]) -> None:
    if errors:
        raise EntriesRejected(errors)


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
    nothing is written then. ``do_set_entries`` with one entry, and that writes through the
    importer's ``writes.write_rows``: one path, one history mechanism, for a form, the API and
    a file.
    """
    try:
        return do_set_entries(
            unit=unit,
            set_code=set_code,
            period=period,
            entries=[Entry(indicator_code, raw, note, expected_version)],
            source=source,
            author=author,
            reason=reason,
        )[indicator_code]
    except EntriesRejected as exc:
        raise exc.errors[0][1] from None
    except EntriesConflict as exc:
        raise exc.conflicts[indicator_code] from None


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
