"""Cross-row check shared by record kinds: the same natural key twice in one file."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from ntm.imports.records import RecordContext, RecordRow
from ntm.imports.rows import RowError

MSG_DUPLICATE_KEY = "Trùng với dòng {first} ({what})"


def duplicate_key_checker(
    key: Callable[[Any], Hashable], what: str, column: str = "unit"
) -> Callable[[list[tuple[RecordRow, Any]], RecordContext], list[RowError]]:
    """A ``check_file`` that names every row repeating an earlier row's natural key.

    ``what`` says which columns make the key ("đơn vị, sản phẩm, năm"), so the reader knows why."""

    def check(rows: list[tuple[RecordRow, Any]], ctx: RecordContext) -> list[RowError]:
        seen: dict[Hashable, int] = {}
        errors = []
        for row, record in rows:
            k = key(record)
            if k in seen:
                errors.append(
                    RowError(
                        row.row,
                        column,
                        MSG_DUPLICATE_KEY.format(first=seen[k], what=what),
                        row.sheet,
                    )
                )
            else:
                seen[k] = row.row
        return errors

    return check
