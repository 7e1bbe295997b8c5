"""Resolving the unit column of a file through one in-memory ``UnitIndex``.

The period of the row chooses the era: a value for May 2023 belongs to the commune as it was
then, not to the commune it merged into in 2025. An unknown name is answered with the closest
names the index holds, so a typo is fixed in one go.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date

from ntm.accounts.access import path_in_import_scope
from ntm.criteria.inputs import Period
from ntm.textnorm import split_prefix
from ntm.units.selectors import UnitIndex, UnitLookupError, UnitNotFound

MSG_SUGGESTIONS = " Có phải: {names}?"
MSG_OUT_OF_SCOPE = "Đơn vị {label} nằm ngoài phạm vi bạn được nhập số liệu"
MAX_SUGGESTIONS = 3


class IndexedUnits:
    """``UnitResolver`` over a ``UnitIndex`` (built from the database once per import).

    ``within``: the ``path``s of the units whose subtrees the importing user may write to
    (None: anywhere, for the command line); a unit outside them is an error of its row.
    """

    def __init__(self, index: UnitIndex, within: Sequence[str] | None = None) -> None:
        self.index = index
        self.within = tuple(within) if within is not None else None
        self._names: list[str] | None = None

    @classmethod
    def from_db(cls, within: Sequence[str] | None = None) -> IndexedUnits:
        return cls(UnitIndex.from_db(), within)

    def resolve(self, ref: str, period: Period) -> tuple[int | None, str]:
        return self.resolve_on(ref, date(period.year, period.month or 1, 1))

    def resolve_on(self, ref: str, on: date | None) -> tuple[int | None, str]:
        """(unit id, "") or (None, the Vietnamese reason); ``on`` chooses the era (None: any)."""
        try:
            record = self.index.resolve(ref, on=on)
            if not path_in_import_scope(record.path, self.within):
                return None, MSG_OUT_OF_SCOPE.format(label=self.index.label(record))
            return record.id, ""
        except UnitNotFound as exc:
            return None, str(exc) + self._suggestions(ref)
        except UnitLookupError as exc:
            return None, str(exc)

    def level(self, unit_id: int) -> str:
        return self.index.by_id[unit_id].level

    def _suggestions(self, ref: str) -> str:
        parts = [p for p in str(ref).split("/") if p.strip()]
        if not parts or parts[-1].strip().replace("-", "").isdigit():
            return ""
        if self._names is None:
            self._names = sorted({r.match_name for r in self.index.by_id.values()})
        key = split_prefix(parts[-1])[1]
        close = difflib.get_close_matches(key, self._names, n=MAX_SUGGESTIONS, cutoff=0.75)
        if not close:
            return ""
        wanted = set(close)
        records = [r for r in self.index.by_id.values() if r.match_name in wanted]
        # Under the province/district the row wrote, when any is: "Thọ Xuân/Xuân Mỉnh" means
        # Thọ Xuân's Xuân Minh, not Hà Giang's.
        parents = {split_prefix(p)[1] for p in parts[:-1]}
        inside = [r for r in records if parents <= {a.match_name for a in self.index.ancestors(r)}]
        records = inside if parents and inside else records
        records.sort(key=lambda r: (close.index(r.match_name), r.path))
        labels = [self.index.label(r) for r in records[: MAX_SUGGESTIONS * 2]]
        return MSG_SUGGESTIONS.format(names="; ".join(labels))
