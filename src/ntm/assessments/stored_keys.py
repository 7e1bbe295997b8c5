"""What a stored result rests on, and how many ids go in one query.

Why a module of its own: the reads (``stored``), the grouped level query (``stored_levels``)
and the writers' propagation (``propagate``) all fingerprint units the same way; one
definition keeps a row made by one of them fresh for the others.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from ntm.units.models import AdminUnit
from ntm.units.selectors import profile_columns

CHUNK = 900  # ids per IN list: under SQLite's bound-parameter limit on every build
PROFILE_KEY_LENGTH = 8  # hex digits of the profile fingerprint ending every digest


def digest_for(unit: AdminUnit, set_digest_text: str) -> str:
    """The set's rules and the unit's profile (region, group, flags): what a result rests on."""
    return f"{set_digest_text}:{profile_key(unit)}"


def profile_key(unit: AdminUnit) -> str:
    """The fingerprint of the unit's ``PROFILE_FIELDS`` ending every digest, kept on the unit
    object for the request (a unit read for the three sets of its ladder: fingerprinted once)."""
    key = getattr(unit, "_ntm_profile_key", None)
    if key is None:
        key = f"{zlib.crc32(repr(profile_columns(unit)).encode()) & 0xFFFFFFFF:08x}"
        unit._ntm_profile_key = key  # type: ignore[attr-defined]
    return str(key)


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
