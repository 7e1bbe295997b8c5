"""Unit names on the pages: how they are shown, filtered and sorted.

Why a module: Python's default string order puts "Thuận Minh" before "Thọ Diên" (code point of
"ọ" is above "u") and a plain substring test misses "xuan hoa" in "Xuân Hòa", so every page
that lists or filters units must go through the same Vietnamese-aware rules. The matching keys
come from ``ntm.textnorm`` (the unit search and the importer use the same ones).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ntm.textnorm import canonical_tones, normalize_name, normalize_text
from ntm.textnorm import unit_label as textnorm_unit_label

__all__ = ["fold", "search_key", "sort_units", "unit_label", "vietnamese_key"]

# Vietnamese letters in dictionary order (CLDR "vi": ă, â, đ, ê, ô, ơ, ư are letters of their
# own); tones come after the letters: none, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TOKEN_RE = re.compile(r"\d+|\s+|.", re.DOTALL)


def fold(text: str) -> str:
    """Lower case without tone or vowel marks and with đ as d: "Xuân Hoà" -> "xuan hoa".

    The same folding the dashboard's filter script applies to what is typed (table.js).
    """
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(bare.split())


@lru_cache(maxsize=65_536)
def search_key(unit_type: str, name: str) -> str:
    """What the dashboard filter matches typed text against: the folded "type name" and the
    folded ``normalize_name`` key (which writes a lone final y as i), one per line so a match
    never spans both."""
    keys = [fold(f"{unit_type} {name}"), fold(normalize_name(name))]
    return "\n".join(dict.fromkeys(k for k in keys if k))


def _letter_and_tone(ch: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", ch)
    tone = next((_TONE_RANK[m] for m in decomposed if m in _TONE_RANK), 0)
    letter = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONE_RANK))
    rank = _LETTER_RANK.get(letter)
    if rank is not None:
        return (3, rank), tone
    if letter.isalpha():
        return (4, ord(letter[:1])), tone
    return (
        1,
        ord(letter[:1] or " "),
    ), tone  # punctuation before digits and letters: "M'gar" < "Mốt"


@lru_cache(maxsize=65_536)
def vietnamese_key(text: str) -> tuple:
    """A sort key in Vietnamese dictionary order, as the browser's ``Intl.Collator("vi")``
    sorts: letters in the Vietnamese alphabet (a < ă < â < b ... d < đ ... o < ô < ơ ... u < ư),
    after spaces, punctuation and numbers; digit runs by their value ("Thôn 2" < "Thôn 10");
    tones only to break ties.

    "Thọ Diên" < "Thuận Minh", "Tây Hồ" < "Trường Xuân", "Hòa" and "Hoà" sort together.
    """
    normal = normalize_text(canonical_tones(str(text)))
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    for token in _TOKEN_RE.findall(normal):
        if token.isspace():
            primary.append((0, 0))
        elif token.isdigit():
            primary.append((2, int(token)))
        else:
            letter, tone = _letter_and_tone(token)
            primary.append(letter)
            tones.append(tone)
    return tuple(primary), tuple(tones), normal


def sort_units(units: Any, name: str = "name") -> list:
    """Units (or dicts) by their ``name`` in Vietnamese order."""

    def key(item: Any) -> tuple:
        return vietnamese_key(item[name] if isinstance(item, dict) else getattr(item, name))

    return sorted(units, key=key)


unit_label = (
    textnorm_unit_label  # one definition, in the pure layer (AdminUnit.__str__ uses it too)
)
