"""Who may change a value: offices of the unit's subtree, a department for its criteria only.

Why apart from the units: a department officer sees a whole subtree but edits only the
criteria listed on their assignment (``RoleAssignment.criteria``: ``{"xa-ntm-2021-2025": [2]}``).
"""

from __future__ import annotations

from ntm.accounts.access.roles import EDITING_ROLES, User, assignments
from ntm.accounts.access.units import can_view_unit
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree


def criterion_number(indicator_code: str) -> int | None:
    """``"17.1"`` -> 17: an indicator code starts with its criterion's number (design.md §4)."""
    head = str(indicator_code).split(".", 1)[0].strip()
    return int(head) if head.isdigit() else None


def can_edit_value(user: User, unit: AdminUnit, set_code: str, indicator_code: str) -> bool:
    """May the user write the value of ``indicator_code`` of ``set_code`` for ``unit``?"""
    allowed = editable_criteria(user, unit, set_code)
    return allowed is None or criterion_number(indicator_code) in allowed


def can_edit_any_value(user: User, unit: AdminUnit) -> bool:
    """Whether to offer the data-entry form at all for ``unit`` (per-indicator checks follow)."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.unit
        and in_subtree(unit, a.unit)
        and (a.role in EDITING_ROLES or (a.role == "department" and a.criteria))
        for a in assignments(user)
    )


def editable_criteria(user: User, unit: AdminUnit, set_code: str) -> set[int] | None:
    """Criterion numbers of ``set_code`` the user may edit on ``unit``; ``None`` means all."""
    if not can_view_unit(user, unit):
        return set()
    if getattr(user, "is_superuser", False):
        return None
    numbers: set[int] = set()
    for a in assignments(user):
        if not a.unit or not in_subtree(unit, a.unit):
            continue
        if a.role in EDITING_ROLES:
            return None
        if a.role == "department":
            numbers.update(int(n) for n in (a.criteria or {}).get(set_code, []))
    return numbers


def can_delete_value(user: User, unit: AdminUnit, set_code: str, indicator_code: str) -> bool:
    """Deleting a value is changing it: whoever may enter it may remove it (the history keeps
    it)."""
    return can_edit_value(user, unit, set_code, indicator_code)
