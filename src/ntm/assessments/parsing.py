"""Turn what a person typed (or a spreadsheet cell held) into the value the engine compares.

One function for the web form, the API and the importer, so "95,5%" means the same everywhere.
The parsed value is stored next to the raw text: the raw text is what people recognise in the
history, the parsed value is what the engine reads.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ntm.criteria.inputs import NOT_APPLICABLE
from ntm.criteria.model import Indicator
from ntm.textnorm import format_number_vi, is_not_applicable, parse_bool, parse_number

MSG_NOT_A_NUMBER = 'Giá trị "{raw}" không phải là số (ví dụ: 95,5)'
MSG_NOT_A_PERCENT = 'Giá trị "{raw}" không phải là tỷ lệ phần trăm (ví dụ: 95,5 hoặc 95,5%)'
MSG_NOT_A_BOOLEAN = (
    'Giá trị "{raw}" không phải là Đạt/Chưa đạt (dùng: Đạt, Chưa đạt, Không đạt, x, có, không)'
)
MSG_TOO_LONG = "Giá trị dài quá {limit} ký tự"
MSG_NOT_APPLICABLE_REFUSED = (
    'Chỉ tiêu {code} không thuộc loại "nếu có": không được khai "không áp dụng", hãy nhập giá trị'
)
MSG_NOT_APPLICABLE_REFUSED_EN = (
    'Indicator {code} always applies: "not applicable" is not accepted, enter a value'
)
MSG_PERCENT_RANGE = "Tỷ lệ {raw} nằm ngoài khoảng 0-100%"
MSG_PERCENT_RANGE_EN = "Percentage {raw} is outside 0-100%"
MSG_NOT_A_NUMBER_EN = 'Value "{raw}" is not a number (e.g. 95.5)'
MSG_NOT_A_PERCENT_EN = 'Value "{raw}" is not a percentage (e.g. 95.5 or 95.5%)'
MSG_NOT_A_BOOLEAN_EN = 'Value "{raw}" is not met/unmet (use: Đạt, Chưa đạt, yes, no)'

MSG_NEGATIVE = "Giá trị {raw} âm: chỉ tiêu này chỉ nhận số từ 0 trở lên"
MSG_NEGATIVE_EN = "Value {raw} is negative: this indicator takes numbers from 0 up"
MSG_DIGITS = 'Giá trị "{raw}" có chữ số không phải 0-9 (chỉ số mũ, chữ số của ngôn ngữ khác…)'
MSG_DIGITS_EN = 'Value "{raw}" has digits other than 0-9 (superscripts, other scripts…)'

RAW_MAX_LENGTH = 255
# A note explains a value in a sentence or two; it lives in the history for ever, so a pasted
# document (a 5 MB note made the entry page 10 MB) is refused wherever notes come in.
NOTE_MAX_LENGTH = 2000
CHANGE_REASON_MAX = 100  # history_change_reason's width
MSG_NOTE_TOO_LONG = "Ghi chú dài quá {limit} ký tự"
MSG_NOTE_TOO_LONG_EN = "The note is longer than {limit} characters"
MSG_NUL = "Văn bản có ký tự NUL (0x00), không lưu được"
MSG_NUL_EN = "The text holds a NUL character (0x00), which cannot be stored"


_SIGNED = re.compile(r"^\s*[-+\u2212\u2013\u2014]\s*\d")


class ValueParseError(ValueError):
    """A raw value that does not fit its indicator's kind; ``message`` is for the user."""

    def __init__(self, message: str, message_en: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


@dataclass(frozen=True, slots=True)
class StoredValue:
    """The columns of ``IndicatorValue`` that hold a parsed value (all empty: missing)."""

    value_number: float | None = None
    value_bool: bool | None = None
    value_text: str = ""
    not_applicable: bool = False


MISSING = StoredValue()


def parse_value(indicator: Indicator, raw: Any) -> Any:
    """The engine's value for ``raw``: float, bool, str, ``NOT_APPLICABLE``, or None if empty.

    ``raw`` is usually text; a spreadsheet cell may also hand over a number or a bool, which
    are taken as they are when they fit the kind.
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        if len(text) > RAW_MAX_LENGTH:
            raise ValueParseError(MSG_TOO_LONG.format(limit=RAW_MAX_LENGTH))
        if "\x00" in text:
            raise ValueParseError(MSG_NUL, MSG_NUL_EN)
        if is_not_applicable(text):
            if not (indicator.optional or indicator.applies_if):
                raise ValueParseError(
                    MSG_NOT_APPLICABLE_REFUSED.format(code=indicator.code),
                    MSG_NOT_APPLICABLE_REFUSED_EN.format(code=indicator.code),
                )
            return NOT_APPLICABLE
    kind = indicator.kind
    if kind == "boolean":
        return _parse_boolean(raw)
    if kind in ("percent", "number"):
        return _parse_number(raw, kind)
    return raw.strip() if isinstance(raw, str) else raw_text(raw)


def _parse_boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, int | float) or _SIGNED.match(str(raw)):
        # "-1" would read as "1" once dashes count as spaces; no sign or other number is a yes/no.
        raise ValueParseError(
            MSG_NOT_A_BOOLEAN.format(raw=raw), MSG_NOT_A_BOOLEAN_EN.format(raw=raw)
        )
    try:
        return parse_bool(str(raw))
    except ValueError:
        raise ValueParseError(
            MSG_NOT_A_BOOLEAN.format(raw=raw), MSG_NOT_A_BOOLEAN_EN.format(raw=raw)
        ) from None


def _parse_number(raw: Any, kind: str) -> float:
    message, message_en = (
        (MSG_NOT_A_PERCENT, MSG_NOT_A_PERCENT_EN)
        if kind == "percent"
        else (MSG_NOT_A_NUMBER, MSG_NOT_A_NUMBER_EN)
    )
    if isinstance(raw, bool):
        raise ValueParseError(message.format(raw=raw), message_en.format(raw=raw))
    if isinstance(raw, str) and any(c.isdigit() and not ("0" <= c <= "9") for c in raw):
        # NFKC would read "²" or "٣" as a digit: a superscript is a footnote, not a value.
        raise ValueParseError(MSG_DIGITS.format(raw=raw), MSG_DIGITS_EN.format(raw=raw))
    try:
        number = parse_number(raw)
    except ValueError:
        raise ValueParseError(message.format(raw=raw), message_en.format(raw=raw)) from None
    if not math.isfinite(number):
        raise ValueParseError(message.format(raw=raw), message_en.format(raw=raw))
    if kind == "percent" and not 0 <= number <= 100:
        raise ValueParseError(
            MSG_PERCENT_RANGE.format(raw=raw), MSG_PERCENT_RANGE_EN.format(raw=raw)
        )
    if number < 0:
        # Every number indicator of the law is a count, an income or an area: never negative.
        raise ValueParseError(MSG_NEGATIVE.format(raw=raw), MSG_NEGATIVE_EN.format(raw=raw))
    return number


def check_note(note: str | None) -> None:
    """Refuse a note over ``NOTE_MAX_LENGTH`` characters (``ValueParseError``)."""
    if note and len(note) > NOTE_MAX_LENGTH:
        raise ValueParseError(
            MSG_NOTE_TOO_LONG.format(limit=NOTE_MAX_LENGTH),
            MSG_NOTE_TOO_LONG_EN.format(limit=NOTE_MAX_LENGTH),
        )
    if note and "\x00" in note:
        raise ValueParseError(MSG_NUL, MSG_NUL_EN)


def raw_text(raw: Any) -> str:
    """The text kept as "raw" for a value that came as a cell: numbers the Vietnamese way."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "Đạt" if raw else "Chưa đạt"
    if isinstance(raw, int | float):
        return format_number_vi(float(raw))
    return str(raw).strip()


def to_stored(parsed: Any) -> StoredValue:
    """The columns for a parsed value."""
    if parsed is None:
        return MISSING
    if parsed is NOT_APPLICABLE:
        return StoredValue(not_applicable=True)
    if isinstance(parsed, bool):
        return StoredValue(value_bool=parsed)
    if isinstance(parsed, int | float):
        return StoredValue(value_number=float(parsed))
    return StoredValue(value_text=str(parsed))


def from_columns(number: float | None, flag: bool | None, text: str, not_applicable: bool) -> Any:
    """The engine's value from stored columns; None when nothing was stored (missing)."""
    if not_applicable:
        return NOT_APPLICABLE
    if flag is not None:
        return flag
    if number is not None:
        return number
    return text or None
