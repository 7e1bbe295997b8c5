"""Writing checked rows: upsert in batches, with history, inside the caller's transaction.

Per batch, one query fetches the stored values the batch could touch; each row is then new
(created), different (updated, version + 1) or identical (left alone, no history row), so
importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history
from tqdm import tqdm

from ntm.assessments.models import IndicatorValue
from ntm.imports.validate import ValidRow

BATCH_SIZE = 2000
CHANGE_REASON_MAX = 100
UPDATED_FIELDS = (
    "raw", "value_number", "value_bool", "value_text", "not_applicable", "note", "source", "author",
    "updated_at", "version",
)
_EXISTING_COLUMNS = (
    "id", "unit_id", "set_code", "indicator_code", "period", "raw", "value_number", "value_bool",
    "value_text", "not_applicable", "note", "version",
)


@dataclass(slots=True)
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def write_rows(
    rows: Sequence[ValidRow],
    *,
    author: Any = None,
    source: str = "import",
    reason: str = "",
    dry_run: bool = False,
    progress: bool = False,
) -> WriteCounts:
    """Upsert ``rows``; with ``dry_run`` only count what would change."""
    counts = WriteCounts()
    author = author if getattr(author, "pk", None) else None
    reason = (reason or source)[:CHANGE_REASON_MAX]
    bar = tqdm(total=len(rows), disable=not progress, unit=" giá trị", desc="Ghi", leave=False)
    with bar, transaction.atomic():
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start:start + BATCH_SIZE]
            creates, updates = _plan(batch, author, source, counts)
            if not dry_run:
                _apply(creates, updates, author, reason)
            bar.update(len(batch))
    return counts


def _existing(batch: Sequence[ValidRow]) -> dict[tuple[int, str, str, str], tuple]:
    query = IndicatorValue.objects.filter(
        unit_id__in={r.unit_id for r in batch},
        set_code__in={r.set_code for r in batch},
        indicator_code__in={r.indicator_code for r in batch},
        period__in={r.period for r in batch},
    ).values_list(*_EXISTING_COLUMNS)
    return {(e[1], e[2], e[3], e[4]): e for e in query}


def _plan(batch: Sequence[ValidRow], author: Any, source: str, counts: WriteCounts):
    existing = _existing(batch)
    now = timezone.now()
    creates: list[IndicatorValue] = []
    updates: list[IndicatorValue] = []
    for r in batch:
        stored = existing.get((r.unit_id, r.set_code, r.indicator_code, r.period))
        if stored is None:
            creates.append(
                IndicatorValue(
                    unit_id=r.unit_id, set_code=r.set_code, indicator_code=r.indicator_code,
                    period=r.period, period_index=r.period_index, raw=r.raw,
                    value_number=r.value_number, value_bool=r.value_bool, value_text=r.value_text,
                    not_applicable=r.not_applicable, note=r.note or "", source=source, author=author,
                    version=1,
                )
            )
            continue
        note = stored[10] if r.note is None else r.note
        if (r.raw, r.value_number, r.value_bool, r.value_text, r.not_applicable, note) == stored[5:11]:
            counts.unchanged += 1
            continue
        updates.append(
            IndicatorValue(
                id=stored[0], unit_id=r.unit_id, set_code=r.set_code, indicator_code=r.indicator_code,
                period=r.period, period_index=r.period_index, raw=r.raw,
                value_number=r.value_number, value_bool=r.value_bool, value_text=r.value_text,
                not_applicable=r.not_applicable, note=note, source=source, author=author,
                updated_at=now, version=stored[11] + 1,
            )
        )
    counts.created += len(creates)
    counts.updated += len(updates)
    return creates, updates


def _apply(creates: list[IndicatorValue], updates: list[IndicatorValue], author: Any, reason: str) -> None:
    if creates:
        bulk_create_with_history(
            creates, IndicatorValue, batch_size=BATCH_SIZE, default_user=author, default_change_reason=reason
        )
    if updates:
        bulk_update_with_history(
            updates, IndicatorValue, list(UPDATED_FIELDS), batch_size=BATCH_SIZE,
            default_user=author, default_change_reason=reason,
        )
