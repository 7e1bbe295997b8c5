"""Registering units and their changes from a unit-history file (design.md §10): creation,
merger, split, rename, dissolution, with validity dates and lineage, audited.

Apart from ``services`` (the national load, villages, commune flags) because a province's own
history of 2019-2025 is a different job from loading the bundled national data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from ntm.units.models import LEVEL_DEPTH, AdminUnit, UnitLineage
from ntm.units.services import repair_paths


@dataclass(frozen=True)
class UnitRegistration:
    """One unit as a unit-history file describes it, checked, with its references resolved:
    to units of the database (``*_id``/``*_ids``) or to other registrations
    (``*_key``/``*_keys``)."""

    key: int
    code: str
    era: str
    name: str
    unit_type: str
    level: str
    valid_from: date | None
    valid_to: date | None
    note: str
    parent_id: int | None = None
    parent_key: int | None = None
    successor_ids: tuple[int, ...] = ()
    successor_keys: tuple[int, ...] = ()
    successors_written: int = 0


@dataclass
class RegistrationCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def do_register_unit_history(
    *, units: list[UnitRegistration], author: Any = None, reason: str = ""
) -> RegistrationCounts:
    """Create or update registered units (parents first), then their lineage, audited (who,
    when, old and new through the units' and links' history)."""
    counts = RegistrationCounts()
    saved: dict[int, AdminUnit] = {}
    existing = {
        (u.code, u.era): u
        for u in AdminUnit.objects.filter(code__in={r.code for r in units}, registered=True)
    }
    for r in sorted(units, key=lambda r: LEVEL_DEPTH[r.level]):
        parent = (
            saved[r.parent_key]
            if r.parent_key is not None
            else (AdminUnit.objects.get(pk=r.parent_id) if r.parent_id else None)
        )
        unit = existing.get((r.code, r.era))
        changed = _save_registered(unit, r, parent, author, reason, saved)
        if not changed:
            counts.unchanged += 1
        elif unit is None:
            counts.created += 1
        else:
            counts.updated += 1
    repair_paths()
    _save_lineage(units, saved, author)
    return counts


def _save_registered(
    unit: AdminUnit | None,
    r: UnitRegistration,
    parent: AdminUnit | None,
    author: Any,
    reason: str,
    saved: dict[int, AdminUnit],
) -> bool:
    """Create or update one unit; False when it is already as the registration says."""
    values: dict[str, Any] = {
        "name": r.name,
        "unit_type": r.unit_type,
        "level": r.level,
        "parent": parent,
        "valid_from": r.valid_from,
        "valid_to": r.valid_to,
        "note": r.note,
        "region": parent.region if parent else "",
        "province_code": parent.province_code if parent else r.code,
    }
    if unit is not None and all(getattr(unit, k) == v for k, v in values.items()):
        saved[r.key] = unit
        return False
    unit = unit or AdminUnit(code=r.code, era=r.era, registered=True)
    for key, value in values.items():
        setattr(unit, key, value)
    unit._history_user = author
    unit._change_reason = reason[:100]
    unit.save()
    saved[r.key] = unit
    return True


def _save_lineage(units: list[UnitRegistration], saved: dict[int, AdminUnit], author: Any) -> None:
    """Links old -> new effective the day after the old unit's validity ends; the kind follows
    the shape (several successors: split; several predecessors or an older successor: merger;
    else rename)."""
    links: list[tuple[AdminUnit, AdminUnit, date, UnitRegistration]] = []
    incoming: dict[int, int] = {}
    for r in units:
        if r.valid_to is None:
            continue
        targets = [saved[k] for k in r.successor_keys] + list(
            AdminUnit.objects.filter(pk__in=r.successor_ids)
        )
        for target in targets:
            links.append((saved[r.key], target, r.valid_to + timedelta(days=1), r))
            incoming[target.pk] = incoming.get(target.pk, 0) + 1
    for old, new, effective, r in links:
        older = new.valid_from is None or new.valid_from < effective
        kind = (
            "split"
            if r.successors_written > 1
            else "merger"
            if incoming[new.pk] > 1 or older
            else "rename"
        )
        link, created = UnitLineage.objects.get_or_create(
            old=old,
            new=new,
            defaults={
                "effective": effective,
                "partial": r.successors_written > 1,
                "kind": kind,
                "note": r.note,
            },
        )
        if not created and (link.effective, link.kind, link.note) != (effective, kind, r.note):
            link.effective, link.kind, link.note = effective, kind, r.note
            link._history_user = author
            link.save()
