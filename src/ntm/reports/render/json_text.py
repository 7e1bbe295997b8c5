"""The reports' JSON text: exactly what ``json.dumps(data, ensure_ascii=False, indent=2)`` writes,
written faster.

Why: with ``indent`` the standard library falls back to its pure-Python encoder (the C one only
writes compact text), one generator step per value. The review of the whole country is about
1.3 million values (12 MB), most of them in lists of plain strings or integers (commune codes
and names, criterion numbers); here such a list is written in one ``join`` over C-level string
conversions, and only dictionaries and mixed lists are walked in Python. The text is the same
byte for byte (a test compares both on reports and on generated data), so the JSON contract
does not depend on which encoder wrote it.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

INDENT = "  "
MSG_BAD_KEY = "keys must be str, int, float, bool or None, not {kind}"
MSG_NOT_SERIALIZABLE = "Object of type {kind} is not JSON serializable"
_INFINITY = float("inf")


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, for the types it accepts."""
    out: list[str] = []
    _Writer(out).write(data, "\n")
    return "".join(out)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _true_or_false(value: bool) -> str:
    return "true" if value else "false"


def _null(value: None) -> str:
    return "null"


# The writer of each plain type, looked up by exact type (a subclass goes through ``_scalar``).
_PLAIN: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: _true_or_false,
    type(None): _null,
}


def _scalar(value: Any) -> str | None:
    """The text of a value that is not a container, or None for a list or a dictionary, in the
    order the standard library tests types."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple, dict)):
        return None
    raise TypeError(MSG_NOT_SERIALIZABLE.format(kind=value.__class__.__name__))


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(MSG_BAD_KEY.format(kind=key.__class__.__name__))


def _plain_items(items: list[Any] | tuple[Any, ...], separator: str) -> str | None:
    """A list whose items are all of one plain type (str, int), written in one join; None
    otherwise."""
    kinds = set(map(type, items))
    if kinds == {str}:
        return separator.join(map(encode_basestring, items))
    if kinds == {int}:
        return separator.join(map(int.__repr__, items))
    return None


class _Writer:
    """Appends text to ``out``; dictionary keys written once per text (reports repeat a few
    keys thousands of times)."""

    def __init__(self, out: list[str]) -> None:
        self.out = out
        self.keys: dict[Any, str] = {}

    def write(self, value: Any, newline: str) -> None:
        """Append ``value``'s text; ``newline`` is a line break and its depth's indentation."""
        plain = _PLAIN.get(type(value))
        text = plain(value) if plain is not None else _scalar(value)
        out = self.out
        if text is not None:
            out.append(text)
            return
        inner = newline + INDENT
        separator = "," + inner
        if isinstance(value, dict):
            if not value:
                out.append("{}")
                return
            keys = self.keys
            lead = "{" + inner
            for key, item in value.items():
                # Two keys equal as values (1 and True) are written apart.
                known = keys.get(key) if type(key) is str else None
                if known is None:
                    known = _key(key) + ": "
                    if type(key) is str:
                        keys[key] = known
                out.append(lead + known)
                lead = separator
                plain = _PLAIN.get(type(item))
                if plain is not None:
                    out.append(plain(item))
                else:
                    self.write(item, inner)
            out.append(newline + "}")
            return
        if not value:
            out.append("[]")
            return
        joined = _plain_items(value, separator)
        if joined is not None:
            out.append("[" + inner + joined + newline + "]")
            return
        lead = "[" + inner
        for item in value:
            out.append(lead)
            lead = separator
            plain = _PLAIN.get(type(item))
            if plain is not None:
                out.append(plain(item))
            else:
                self.write(item, inner)
        out.append(newline + "]")
