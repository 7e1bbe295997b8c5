"""Who may record what lies beside the values: a province's own criteria sets, OCOP products,
funds, outputs, awards and reported figures."""

from __future__ import annotations

from ntm.accounts.access.roles import EDITING_ROLES, User, assignments
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree


def provincial_set_provinces(user: User) -> list[AdminUnit]:
    """The provinces whose own criteria sets the user may upload and activate: a province's
    criteria are issued by its People's Committee, so only the province office (the ``province``
    role on that province) acts for it; administrators may act for any province."""
    if getattr(user, "is_superuser", False):
        return list(AdminUnit.objects.filter(level="province").order_by("era", "name"))
    return [
        a.unit
        for a in assignments(user)
        if a.role == "province" and a.unit is not None and a.unit.level == "province"
    ]


def may_manage_provincial_sets(user: User, province: AdminUnit) -> bool:
    return any(p.pk == province.pk for p in provincial_set_provinces(user))


def can_edit_resources(user: User, unit: AdminUnit) -> bool:
    """May the user record OCOP products, funds, outputs, awards or reported figures for ``unit``?

    The offices that edit values there (province, district, commune roles) do; departments and
    viewers see them only. Why not per criterion: these records belong to no criterion.
    """
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.unit and a.role in EDITING_ROLES and in_subtree(unit, a.unit) for a in assignments(user)
    )


def can_edit_reported_figures(user: User, unit: AdminUnit) -> bool:
    """Reported figures are compiled by the office above the unit (the province compiles its
    districts' reports), so a unit's own officers cannot overwrite what was reported about it."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.unit and a.role in EDITING_ROLES and in_subtree(unit, a.unit) and a.unit.pk != unit.pk
        for a in assignments(user)
    )
