"""The recognition workflow (``ntm.recognition``): decisions, cases, their steps, surveys."""

from __future__ import annotations

from ntm.accounts.access.roles import EDITING_ROLES, OFFICE_ROLES, User, assignments
from ntm.accounts.models import RoleAssignment
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree


def can_record_recognition(user: User, unit: AdminUnit) -> bool:
    """May the user enter or revoke recognition decisions for ``unit``?

    Decisions are issued above the commune (province, Prime Minister); the offices that keep
    the records are the province's and the district's, in their subtree. Commune officers,
    departments and viewers see the decisions but do not record them.
    """
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in OFFICE_ROLES and a.unit and in_subtree(unit, a.unit) for a in assignments(user)
    )


def can_act_on_step(user: User, unit: AdminUnit, roles: tuple[str, ...] | list[str]) -> bool:
    """May the user act (approve, return, attach the dossier) at a workflow step of ``unit``'s
    case whose actors are ``roles`` (the workflow data names them)? The role on a unit above or
    at ``unit``; administrators always."""
    if getattr(user, "is_superuser", False):
        return True
    return any(a.role in roles and a.unit and in_subtree(unit, a.unit) for a in assignments(user))


def step_actors(unit: AdminUnit, roles: tuple[str, ...] | list[str]) -> list[User]:
    """The active users who may act at a workflow step of ``unit``'s case (``can_act_on_step``
    for each, administrators left out): whom to tell that a case awaits them."""
    above = [int(p) for p in (unit.path or "").strip("/").split("/") if p] or [unit.pk]
    assigned = RoleAssignment.objects.filter(
        role__in=list(roles), unit_id__in=above, user__is_active=True
    ).select_related("user")
    users = {a.user_id: a.user for a in assigned}
    return sorted(users.values(), key=lambda u: u.pk)


def can_open_case(user: User, unit: AdminUnit) -> bool:
    """A recognition case is opened by the unit's officers or the offices above it."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in EDITING_ROLES and a.unit and in_subtree(unit, a.unit) for a in assignments(user)
    )


def can_unlock_case_values(user: User, unit: AdminUnit) -> bool:
    """Unlocking the values of a unit under appraisal is the province office's call (it
    appraises); administrators too."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role == "province" and a.unit and in_subtree(unit, a.unit) for a in assignments(user)
    )


def can_record_survey(user: User, unit: AdminUnit) -> bool:
    """Satisfaction-survey answers are entered for the commune's Fatherland Front by those who
    enter its values (the commune officers and the offices above); departments and viewers
    read them."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in EDITING_ROLES and a.unit and in_subtree(unit, a.unit) for a in assignments(user)
    )
