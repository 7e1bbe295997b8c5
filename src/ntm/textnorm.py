"""Vietnamese text as data: names, numbers, booleans, dates. Pure Python, no Django.

One place for every rule that turns what people type into what the program compares, so the
importer, the web forms and the unit lookup agree. Names are compared after ``normalize_name``:
NFC, lower case, single spaces, administrative prefixes dropped and the tone mark moved to one
canonical vowel, because the same commune is written "Xuân Hòa" by the statistics office and
"Xuân Hoà" by half the province's spreadsheets.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache

__all__ = [
    "unit_label",
    "BOOL_ERROR",
    "NUMBER_ERROR",
    "DATE_ERROR",
    "UNIT_TYPE_LEVELS",
    "canonical_tones",
    "format_date_vi",
    "format_number_vi",
    "is_not_applicable",
    "name_key",
    "normalize_name",
    "normalize_text",
    "parse_bool",
    "parse_date",
    "parse_number",
    "split_prefix",
]

NUMBER_ERROR = "Không đọc được số: {text!r} (ví dụ hợp lệ: 95,5 hoặc 29.229,4 hoặc 95.5)"
BOOL_ERROR = (
    "Không đọc được giá trị đạt/chưa đạt: {text!r} (dùng Đạt, Chưa đạt, Không đạt, x, có, không)"
)

# --- tone marks -------------------------------------------------------------------------------

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VOWEL_MODIFIERS = frozenset("\u0302\u0306\u031b")  # mũ (â ê ô), trăng (ă), móc (ơ ư)
_VOWELS = frozenset("aeiouy")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def _split_marks(word_nfd: str) -> list[tuple[str, list[str]]]:
    """Group a decomposed word into (base letter, combining marks) pairs."""
    letters: list[tuple[str, list[str]]] = []
    for ch in word_nfd:
        if unicodedata.combining(ch) and letters:
            letters[-1][1].append(ch)
        else:
            letters.append((ch, []))
    return letters


def _tone_position(bases: str, modified: list[bool]) -> int | None:
    """Index of the vowel that carries the tone in the traditional ("Hòa", "Thụy") style.

    Returns None when the word is not shaped like one Vietnamese syllable; such a word is left
    as it was written.
    """
    start = 0
    while start < len(bases) and bases[start] not in _VOWELS:
        start += 1
    if start == len(bases):
        return None
    # "qu" and "gi" are consonants when another vowel follows ("quý", "giữa"; but "gì").
    if bases[:2] in ("qu", "gi") and start == 1 and len(bases) > 2 and bases[2] in _VOWELS:
        start = 2
    end = start
    while end < len(bases) and bases[end] in _VOWELS:
        end += 1
    if any(b in _VOWELS for b in bases[end:]) or end - start > 3:
        return None
    with_modifier = [i for i in range(start, end) if modified[i]]
    if with_modifier:
        return with_modifier[-1]
    if end < len(bases):  # a final consonant: the last vowel ("hoàng", "huỳnh")
        return end - 1
    return start + 1 if end - start == 3 else start


@lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str:
    letters = _split_marks(unicodedata.normalize("NFD", word))
    tones = [m for _, marks in letters for m in marks if m in _TONES]
    if len(tones) != 1:
        return word
    bases = "".join(base.lower() for base, _ in letters)
    modified = [any(m in _VOWEL_MODIFIERS for m in marks) for _, marks in letters]
    pos = _tone_position(bases, modified)
    if pos is None:
        return word
    out = []
    for i, (base, marks) in enumerate(letters):
        kept = [m for m in marks if m not in _TONES]
        if i == pos:
            kept.append(tones[0])
        out.append(base + "".join(kept))
    return unicodedata.normalize("NFC", "".join(out))


def canonical_tones(text: str) -> str:
    """Move every syllable's tone mark to the traditional vowel: "Hoà" -> "Hòa", "Thuỵ" -> "Thụy".

    The traditional placement is the one the statistics office uses for unit names. Case and
    everything that is not a syllable are kept; the result is NFC.
    """
    text = unicodedata.normalize("NFC", text)
    return _WORD_RE.sub(lambda m: _canonical_word(m.group(0)), text)


# --- names ------------------------------------------------------------------------------------

_DASHES_RE = re.compile(r"[\-\u2010-\u2015\u2212]")
_SPACES_RE = re.compile(r"\s+")
# The unit types an administrative name may be written with, and the levels each may name
# ("thành phố" is a province or a district). One list: name matching here and unit lookup
# (``ntm.units.index``) both read it.
UNIT_TYPE_LEVELS: dict[str, frozenset[str]] = {
    "tỉnh": frozenset({"province"}),
    "thành phố": frozenset({"province", "district"}),
    "huyện": frozenset({"district"}),
    "quận": frozenset({"district"}),
    "thị xã": frozenset({"district"}),
    "xã": frozenset({"commune"}),
    "phường": frozenset({"commune"}),
    "thị trấn": frozenset({"commune"}),
    "đặc khu": frozenset({"commune"}),
    "thôn": frozenset({"village"}),
    "bản": frozenset({"village"}),
    "ấp": frozenset({"village"}),
    "tổ dân phố": frozenset({"village"}),
}
# Longest first so that "thị xã" is not read as "thị" + "xã". Each must be followed by a space,
# except the dotted abbreviations ("TP.Thanh Hóa", "H. Kiến Thụy", "X. Thụy Hương").
_PREFIXES = tuple(sorted((*UNIT_TYPE_LEVELS, "tp", "tx", "tt"), key=len, reverse=True))
_PREFIX_RE = re.compile(
    r"^(?:(?:tp|tx|tt|h|x|p|q|t)\.\s*|(?:" + "|".join(map(re.escape, _PREFIXES)) + r")\s+)"
)
_LEADING_ZERO_RE = re.compile(r"\b0+(\d)")
_ABBREVIATIONS = {
    "tp": "thành phố",
    "tx": "thị xã",
    "tt": "thị trấn",
    "h": "huyện",
    "x": "xã",
    "p": "phường",
    "q": "quận",
    "t": "tỉnh",
}


def normalize_text(text: str) -> str:
    """NFC, lower case, canonical tone placement, single spaces; dashes count as spaces."""
    text = canonical_tones(str(text)).lower()
    text = _DASHES_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def split_prefix(text: str) -> tuple[str | None, str]:
    """(the administrative prefix written first, or None; the name as ``normalize_name`` gives it).

    ``split_prefix("TP. Thanh Hoá") == ("thành phố", "thanh hóa")``: lets a lookup use the
    prefix as a hint of the level ("huyện" is a district) while matching on the name.
    """
    key = normalize_text(text)
    first: str | None = None
    while True:
        m = _PREFIX_RE.match(key)
        if not m or m.end() == len(key):
            break
        if first is None:
            word = m.group(0).rstrip(". ").strip()
            first = _ABBREVIATIONS.get(word, word)
        key = key[m.end() :]
    key = _WORD_RE.sub(lambda m: _i_for_y(m.group(0)), key)
    return first, _LEADING_ZERO_RE.sub(r"\1", key)


def _i_for_y(word: str) -> str:
    """ "kỳ" -> "kì", "mỹ" -> "mĩ", "quý" -> "quí": the two spellings of a lone final i/y.

    Only where y is the whole vowel of the syllable (after consonants or "qu"); "tày", "thụy"
    and "yên" keep their y.
    """
    decomposed = unicodedata.normalize("NFD", word)
    bases = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    onset = bases[:-1]
    if not bases.endswith("y") or (onset != "qu" and any(ch in _VOWELS for ch in onset)):
        return word
    position = decomposed.rindex("y")
    return unicodedata.normalize("NFC", decomposed[:position] + "i" + decomposed[position + 1 :])


def normalize_name(text: str) -> str:
    """The key two spellings of the same unit name share.

    ``normalize_name("Tỉnh Thanh Hoá") == normalize_name("thanh hóa") == "thanh hóa"``.
    Administrative prefixes are dropped repeatedly ("xã Bản Lầu" and "Bản Lầu" both give
    "lầu"), but never down to nothing; numbers lose leading zeros ("Phường 01" -> "1"); a lone
    final y is written i ("Kỳ Anh" and "Kì Anh" both give "kì anh").
    """
    return split_prefix(text)[1]


name_key = normalize_name


# --- numbers ----------------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"^[+-]?\d[\d.,]*$")


def _grouped(digits: str, sep: str) -> bool:
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", digits) is not None


def parse_number(text: str | float | int) -> float:
    """Read a number written the Vietnamese way ("29.229,4", "95,5%", "6,36") or plainly.

    Rules, in order (spaces and one trailing "%" are ignored; "95,5%" gives 95.5):

    1. Both "." and "," present: the one that comes last is the decimal mark, the other groups
       thousands and must group by threes ("29.229,4" -> 29229.4, "1,234.5" -> 1234.5).
    2. Only ",": one comma is the decimal mark ("6,36" -> 6.36, so "1,234" -> 1.234);
       several commas group thousands ("1,234,567").
    3. Only ".": several dots group thousands ("1.234.567"). A single dot followed by exactly
       three digits, after a whole part of 1-3 digits that is not 0, groups thousands, as a
       Vietnamese table writes it ("1.234" -> 1234, "2.500" -> 2500); any other single dot is
       a decimal mark ("95.5", "0.125", "1234.567").

    Raises ValueError with a Vietnamese message for anything else.
    """
    if isinstance(text, bool):
        raise ValueError(NUMBER_ERROR.format(text=text))
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            raise ValueError(NUMBER_ERROR.format(text=text))
        return float(text)
    raw = str(text)
    s = _SPACES_RE.sub("", unicodedata.normalize("NFKC", raw)).replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1]
    if not _NUMBER_RE.match(s) or s[-1] in ".,":
        raise ValueError(NUMBER_ERROR.format(text=raw))
    sign = -1.0 if s[0] == "-" else 1.0
    body = s.lstrip("+-")
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _, frac = body.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole, group_mark):
            raise ValueError(NUMBER_ERROR.format(text=raw))
        body = whole.replace(group_mark, "") + "." + frac
    elif has_comma:
        if body.count(",") == 1:
            body = body.replace(",", ".")
        elif _grouped(body, ","):
            body = body.replace(",", "")
        else:
            raise ValueError(NUMBER_ERROR.format(text=raw))
    elif has_dot and body.count(".") > 1:
        if not _grouped(body, "."):
            raise ValueError(NUMBER_ERROR.format(text=raw))
        body = body.replace(".", "")
    elif has_dot:
        whole, _, frac = body.partition(".")
        if (
            len(frac) == 3
            and 1 <= len(whole) <= 3
            and int(whole) != 0
            and not whole.startswith("0")
        ):
            body = whole + frac
    return sign * float(body)


def format_number_vi(x: float, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: "6,36", "29.229,4", "1.234".

    With ``decimals`` the number is rounded to that many places (trailing zeros kept);
    without, the shortest form that reads back as the same float is used, so
    ``parse_number(format_number_vi(x)) == x``.
    """
    if not math.isfinite(x):
        raise ValueError(NUMBER_ERROR.format(text=x))
    digits = f"{x:.{decimals}f}" if decimals is not None else format(Decimal(repr(float(x))), "f")
    negative = digits.startswith("-")
    whole, _, frac = digits.lstrip("-").partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    text = grouped + ("," + frac if frac else "")
    if negative and text.strip("0.,"):
        text = "-" + text
    return text


DATE_ERROR = (
    "Không đọc được ngày: {text!r} "
    "(dùng YYYY-MM-DD hoặc DD/MM/YYYY, ví dụ 2023-05-25 hoặc 25/5/2023)"
)
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VI_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str | date) -> date:
    """Read a date as the interchange files write it: ``YYYY-MM-DD`` or ``DD/MM/YYYY``.

    One parser for every file kind (recognitions, tasks, OCOP, awards, unit history), so
    "25/5/2023" means the same everywhere. A ``date`` (a spreadsheet cell) passes through.
    Raises ValueError with a Vietnamese message.
    """
    if isinstance(text, date):
        return text if type(text) is date else date(text.year, text.month, text.day)
    raw = str(text)
    s = unicodedata.normalize("NFKC", raw).strip()
    if s.endswith(" 00:00:00") or s.endswith("T00:00:00"):
        s = s[:10]
    if m := _ISO_DATE_RE.match(s):
        year, month, day = (int(g) for g in m.groups())
    elif m := _VI_DATE_RE.match(s):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError(DATE_ERROR.format(text=raw))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(DATE_ERROR.format(text=raw)) from None


def format_date_vi(d: date) -> str:
    """ "19/5/2023": day and month without leading zeros, as Vietnamese documents write dates."""
    return f"{d.day}/{d.month}/{d.year}"


# --- booleans and "not applicable" ------------------------------------------------------------

_TRUE_WORDS = frozenset({"đạt", "x", "có", "yes", "y", "true", "1", "đúng"})
_FALSE_WORDS = frozenset({"chưa đạt", "không đạt", "không", "no", "n", "false", "0", "sai"})
_NOT_APPLICABLE_WORDS = frozenset({"không áp dụng", "kad", "k/a", "n/a", "na", "-"})


def parse_bool(text: str | bool) -> bool:
    """Read "Đạt"/"Chưa đạt"/"Không đạt"/"x"/"có"/"không"/"yes"/"no"/"true"/"false"/"1"/"0".

    Case, Unicode form and tone placement do not matter. Raises ValueError otherwise.
    """
    if isinstance(text, bool):
        return text
    key = normalize_text(str(text))
    if key in _TRUE_WORDS:
        return True
    if key in _FALSE_WORDS:
        return False
    raise ValueError(BOOL_ERROR.format(text=text))


def is_not_applicable(text: str) -> bool:
    """True for "không áp dụng", "KAD", "N/A", "-": a value kept apart from missing and unmet."""
    key = normalize_text(str(text)) if text is not None else ""
    return key in _NOT_APPLICABLE_WORDS or str(text).strip() == "-"


def upper_first(text: str) -> str:
    """ "đạt chuẩn NTM" -> "Đạt chuẩn NTM": the first letter only (``str.capitalize`` would
    lower "NTM")."""
    return text[:1].upper() + text[1:]


def unit_label(unit_type: str, name: str) -> str:
    """ "thôn Thôn 1" -> "Thôn 1": the type is written before the name unless the name already
    starts with it (compared normalised: "Bản Lầu" of type "bản")."""
    unit_type, name = (unit_type or "").strip(), (name or "").strip()
    if not unit_type:
        return name
    kind, given = normalize_text(unit_type), normalize_text(name)
    if given == kind or given.startswith(kind + " "):
        return name
    return f"{unit_type} {name}"
