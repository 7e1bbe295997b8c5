"""Who may read reports and evidence of a unit, and publish its figures to the portal."""

from __future__ import annotations

from ntm.accounts.access.roles import OFFICE_ROLES, User, assignments
from ntm.accounts.access.units import can_view_unit
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree


def may_see_reports(user: User, unit: AdminUnit) -> bool:
    """Reports of a unit (review, summary, progress) are read by whoever may see the unit."""
    return can_view_unit(user, unit)


def may_see_evidence(user: User, unit: AdminUnit) -> bool:
    """Evidence files of a unit's values are read by whoever may see the unit."""
    return can_view_unit(user, unit)


def can_publish(user: User, unit: AdminUnit) -> bool:
    """May the user publish figures of ``unit`` (and its subtree) to the public portal?

    Publishing speaks for an office: only the district and province coordination offices (and
    administrators) over their own subtree; a commune officer, a department or a viewer may not.
    """
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in OFFICE_ROLES and a.unit and in_subtree(unit, a.unit) for a in assignments(user)
    )


def publishable_roots(user: User) -> list[AdminUnit]:
    """The units whose subtrees the user may publish (for menus); administrators: the provinces."""
    if getattr(user, "is_superuser", False):
        return list(AdminUnit.objects.filter(level="province").order_by("era", "name"))
    return [a.unit for a in assignments(user) if a.role in OFFICE_ROLES and a.unit]
