"""Resolve what people write for a unit (a code, or a name path) to one unit, fast and in memory.

``UnitIndex`` is built once (from the database, or from a handful of rows) and then resolves
many references without a query each: the importer resolves 750,000 CSV rows through one.
A reference is a GSO code ("15517", "15517-2" for a village) or a name path
"Tỉnh/Huyện/Xã" of any depth, prefixes optional, levels may be skipped
("Thanh Hoá/Xuân Hoà"), matched after ``ntm.textnorm.normalize_name``.

When several units match, the one in the era valid on the given date wins (1 July 2025 splits
the eras), then the one whose written path skips fewest levels, then the one alone at the
highest level when named ("Thanh Hóa" is the province, not the city or the commune of that
name; a code that lost its leading zeros gets no such help); a tie
left after that is ambiguous and reported with every candidate, never guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ntm.textnorm import UNIT_TYPE_LEVELS, split_prefix, unit_label

UNIT_NOT_FOUND = "Không tìm thấy đơn vị hành chính {ref!r}."
UNIT_NOT_FOUND_EN = "No administrative unit matches {ref!r}."
UNIT_NOT_FOUND_ON = "Không có đơn vị hành chính {ref!r} còn hiệu lực ngày {on}."
UNIT_NOT_FOUND_ON_EN = "No administrative unit {ref!r} was in force on {on}."
UNIT_AMBIGUOUS = (
    "Tên đơn vị {ref!r} khớp với {count} đơn vị: {candidates}. "
    "Hãy ghi mã đơn vị hoặc ghi rõ tỉnh/huyện."
)
UNIT_AMBIGUOUS_EN = (
    "{ref!r} matches {count} units: {candidates}. Use the unit code or give the province/district."
)

ERA_LABELS = {"2008": "trước 1/7/2025", "2025": "từ 1/7/2025"}
REFORM_DATE = date(2025, 7, 1)  # two tiers (no district) from this day
CODE_RE = re.compile(r"^\d+(?:-\d+)?$")
_DEPTH = {"province": 0, "district": 1, "commune": 2, "village": 3}
CODE_WIDTHS = (2, 3, 5)  # province, district, commune: leading zeros a spreadsheet dropped


class UnitLookupError(LookupError):
    """A reference that does not name exactly one unit. ``message_en`` for the API."""

    def __init__(self, message: str, message_en: str, candidates: tuple[UnitRecord, ...] = ()):
        super().__init__(message)
        self.message_en = message_en
        self.candidates = candidates


class UnitNotFound(UnitLookupError):
    """No unit matches the reference."""


class UnitAmbiguous(UnitLookupError):
    """Several units match equally well; ``candidates`` lists them."""


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """The fields a lookup needs, without a model instance (cheap to hold 14,000 of)."""

    id: int
    code: str
    era: str
    level: str
    name: str
    unit_type: str
    parent_id: int | None
    path: str
    match_name: str
    valid_from: date | None
    valid_to: date | None

    FIELDS = (
        "id",
        "code",
        "era",
        "level",
        "name",
        "unit_type",
        "parent_id",
        "path",
        "match_name",
        "valid_from",
        "valid_to",
    )

    def valid_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class UnitIndex:
    """Units by id, code and normalised name, with their ancestors, for repeated lookups."""

    def __init__(self, records: Iterable[UnitRecord]):
        self.by_id: dict[int, UnitRecord] = {}
        self._by_code: dict[str, list[UnitRecord]] = defaultdict(list)
        self._by_name: dict[str, list[UnitRecord]] = defaultdict(list)
        for record in records:
            if record.id in self.by_id:
                continue
            self.by_id[record.id] = record
            self._by_code[record.code].append(record)
            self._by_name[record.match_name].append(record)

    @classmethod
    def from_db(cls, queryset=None) -> UnitIndex:
        """Every unit in the database (or in ``queryset``): one query."""
        from ntm.units.models import AdminUnit

        rows = (queryset if queryset is not None else AdminUnit.objects.all()).values_list(
            *UnitRecord.FIELDS
        )
        return cls(UnitRecord(*row) for row in rows.order_by())

    def __len__(self) -> int:
        return len(self.by_id)

    def ancestors(self, record: UnitRecord) -> list[UnitRecord]:
        """Parent first, province last."""
        chain = []
        parent_id = record.parent_id
        while parent_id is not None and parent_id in self.by_id:
            parent = self.by_id[parent_id]
            chain.append(parent)
            parent_id = parent.parent_id
        return chain

    def label(self, record: UnitRecord) -> str:
        """ "15517 Thanh Hóa / Thọ Xuân / xã Xuân Hòa (trước 1/7/2025)": to tell candidates
        apart."""
        names = [a.name for a in reversed(self.ancestors(record))] + [
            unit_label(record.unit_type, record.name)
        ]
        return f"{record.code} {' / '.join(names)} ({ERA_LABELS.get(record.era, record.era)})"

    def resolve(
        self, ref: str, *, on: date | None = None, era: str | None = None, strict: bool = False
    ) -> UnitRecord:
        """The one unit ``ref`` names; raises ``UnitNotFound`` or ``UnitAmbiguous``.

        ``on`` (default today) prefers the era valid on that date; ``era`` ("2008", "2025")
        restricts the search to one era; ``strict`` restricts it to the units valid on ``on``
        (a district dissolved in 2024 is not found on a 2026 date).
        """
        text = str(ref).strip()
        is_code = CODE_RE.match(text) is not None
        scored = [(0, r) for r in self._code_matches(text)] if is_code else self._name_matches(text)
        if era is not None:
            scored = [(skips, r) for skips, r in scored if r.era == era]
        on = on or date.today()
        if strict:
            scored = [(skips, r) for skips, r in scored if r.valid_on(on)]
        if not scored:
            message = UNIT_NOT_FOUND_ON if strict else UNIT_NOT_FOUND
            message_en = UNIT_NOT_FOUND_ON_EN if strict else UNIT_NOT_FOUND_EN
            raise UnitNotFound(
                message.format(ref=text, on=on.isoformat()),
                message_en.format(ref=text, on=on.isoformat()),
            )
        preferred = [(skips, r) for skips, r in scored if r.valid_on(on)] or scored
        # Units without dates are valid on every date: 1 July 2025 still says which era wins.
        preferred = [(skips, r) for skips, r in preferred if r.era == _era_on(on)] or preferred
        best = min(skips for skips, _ in preferred)
        winners = sorted(
            {r.id: r for skips, r in preferred if skips == best}.values(), key=lambda r: r.path
        )
        if len(winners) == 1:
            return winners[0]
        top = min(_DEPTH[r.level] for r in winners)
        if not is_code and sum(_DEPTH[r.level] == top for r in winners) == 1:
            return next(r for r in winners if _DEPTH[r.level] == top)
        listed = "; ".join(self.label(r) for r in winners)
        raise UnitAmbiguous(
            UNIT_AMBIGUOUS.format(ref=text, count=len(winners), candidates=listed),
            UNIT_AMBIGUOUS_EN.format(ref=text, count=len(winners), candidates=listed),
            tuple(winners),
        )

    def _code_matches(self, code: str) -> list[UnitRecord]:
        exact = self._by_code.get(code, [])
        if exact or "-" in code:
            return list(exact)
        return [
            r
            for width in CODE_WIDTHS
            if len(code) < width
            for r in self._by_code.get(code.zfill(width), [])
        ]

    def _name_matches(self, text: str) -> list[tuple[int, UnitRecord]]:
        parts = [split_prefix(p) for p in text.split("/") if p.strip()]
        if not parts:
            return []
        prefix, key = parts[-1]
        matches = []
        for record in self._by_name.get(key, []):
            if not _level_fits(prefix, record):
                continue
            skips = self._ancestor_skips(parts[:-1], self.ancestors(record))
            if skips is not None:
                matches.append((skips, record))
        # "thị trấn Yên Viên" and "xã Yên Viên" share a district: the written type decides.
        same_type = [(skips, r) for skips, r in matches if r.unit_type == prefix]
        return same_type or matches

    @staticmethod
    def _ancestor_skips(
        parts: list[tuple[str | None, str]], ancestors: list[UnitRecord]
    ) -> int | None:
        """How many levels the written path skips between its parts, or None if it does not fit.

        Parts are matched from the innermost outwards, each to the nearest ancestor with its
        name; levels above the outermost written part are not counted as skipped.
        """
        skips = 0
        position = 0
        for prefix, key in reversed(parts):
            start = position
            while position < len(ancestors) and not (
                ancestors[position].match_name == key and _level_fits(prefix, ancestors[position])
            ):
                position += 1
            if position == len(ancestors):
                return None
            skips += position - start
            position += 1
        return skips


def _era_on(on: date) -> str:
    return "2025" if on >= REFORM_DATE else "2008"


def _level_fits(prefix: str | None, record: UnitRecord) -> bool:
    return prefix is None or record.level in UNIT_TYPE_LEVELS.get(prefix, frozenset({record.level}))
