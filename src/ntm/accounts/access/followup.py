"""The follow-up (``ntm.planning``): tasks, targets and the communes' monthly reports."""

from __future__ import annotations

from typing import Any

from ntm.accounts.access.roles import OFFICE_ROLES, User, assignments
from ntm.accounts.access.units import can_view_unit
from ntm.accounts.access.values import can_edit_any_value, editable_criteria
from ntm.accounts.models import RoleAssignment
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree


def can_manage_tasks(user: User, unit: AdminUnit, set_code: str, criterion: int) -> bool:
    """May the user create or change a task on ``criterion`` of ``set_code`` for ``unit``?
    The same rule as values: offices of the unit's subtree, a department for its criteria."""
    if not can_view_unit(user, unit):
        return False
    allowed = editable_criteria(user, unit, set_code)
    return allowed is None or int(criterion) in allowed


def can_update_task_status(
    user: User, unit: AdminUnit, set_code: str, criterion: int, owner_user_id: int | None
) -> bool:
    """Report progress on a task: those who manage it, and the person it is assigned to."""
    if not can_view_unit(user, unit):
        return False
    return can_manage_tasks(user, unit, set_code, criterion) or (
        owner_user_id is not None and owner_user_id == getattr(user, "pk", None)
    )


def can_set_targets(user: User, unit: AdminUnit) -> bool:
    """Targets are set by decisions of the province or district (seeds 000, 001, 003): only
    their coordination offices record them, for a unit in their subtree."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in OFFICE_ROLES and a.unit and in_subtree(unit, a.unit) for a in assignments(user)
    )


def users_reporting_for(unit: AdminUnit) -> list[Any]:
    """The users a commune's monthly report is expected from (the commune role on exactly that
    unit): whom a reminder goes to."""
    return [
        a.user
        for a in RoleAssignment.objects.filter(unit=unit, role="commune").select_related("user")
        if a.user.is_active
    ]


def can_file_progress_report(user: User, unit: AdminUnit) -> bool:
    """A commune's report is filed by those who may enter its values (its officers, the offices
    above)."""
    return unit.level == "commune" and can_edit_any_value(user, unit)
