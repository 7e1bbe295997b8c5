"""Who may see and change what: every view and API call asks here (Zulip ``access_*`` style).

A user's scope is the union of the subtrees of the units in their role assignments. Outside it
the answer is 404 (``Http404``), never someone else's data and never a hint that it exists.

Roles (``ntm.accounts.models.ROLE_CHOICES``):

- ``province``, ``district``: see and edit every unit and value in their unit's subtree.
- ``commune``: see and edit their commune and its villages.
- ``department``: see their unit's subtree; edit only the criteria listed for them
  (``RoleAssignment.criteria``: ``{"xa-ntm-2021-2025": [2]}``) in that subtree.
- ``viewer``: see their unit's subtree; edit nothing.
- ``national``: see every unit (no unit on the assignment); edit nothing. Values are entered
  by the localities that answer for them; the centre monitors.
- Django superusers see and edit everything (they administer the system).

A unit's subtree is one ``path__startswith`` query (``AdminUnit.path`` is the chain of ids from
the root, ending with the unit's own id).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from ntm.accounts.models import RoleAssignment
from ntm.units.models import AdminUnit

EDITING_ROLES = frozenset({"province", "district", "commune"})
SCOPED_ROLES = frozenset({"province", "district", "commune", "department", "viewer"})

UNIT_NOT_FOUND = "Không tìm thấy đơn vị hoặc bạn không có quyền xem đơn vị này."
UNIT_NOT_FOUND_EN = "Unit not found, or you may not see it."


def _assignments(user) -> list[RoleAssignment]:
    """The user's role assignments, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_ntm_role_assignments", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        user._ntm_role_assignments = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cached assignments after a change to them."""
    user.__dict__.pop("_ntm_role_assignments", None)


def _sees_everything(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or any(
        a.role == "national" for a in _assignments(user)
    )


def subtree_q(unit: AdminUnit, prefix: str = "") -> Q:
    """A filter for ``unit`` and everything under it (``prefix`` for a related lookup)."""
    if not unit.path:
        # A unit without a path has no known descendants; never let "" match everything.
        return Q(**{f"{prefix}pk": unit.pk})
    return Q(**{f"{prefix}path__startswith": unit.path})


def _in_subtree(unit: AdminUnit, root: AdminUnit) -> bool:
    if not root.path:
        return unit.pk == root.pk
    return unit.path.startswith(root.path)


def scope_root_units(user) -> list[AdminUnit]:
    """The top units of the user's scope (their assignments' units), for dashboards and menus.

    National users and superusers get the provinces: their scope is the whole country.
    """
    if _sees_everything(user):
        return list(AdminUnit.objects.filter(level="province").order_by("era", "name"))
    roots = {a.unit.pk: a.unit for a in _assignments(user) if a.role in SCOPED_ROLES and a.unit}
    # Drop a root that lies under another root, so each unit is shown once.
    return [
        u for u in roots.values()
        if not any(other.pk != u.pk and _in_subtree(u, other) for other in roots.values())
    ]


def units_visible_to(user) -> QuerySet[AdminUnit]:
    """Every unit the user may see."""
    if _sees_everything(user):
        return AdminUnit.objects.all()
    roots = [a.unit for a in _assignments(user) if a.role in SCOPED_ROLES and a.unit]
    if not roots:
        return AdminUnit.objects.none()
    condition = Q()
    for root in roots:
        condition |= subtree_q(root)
    return AdminUnit.objects.filter(condition)


def can_view_unit(user, unit: AdminUnit) -> bool:
    if _sees_everything(user):
        return True
    return any(
        a.role in SCOPED_ROLES and a.unit and _in_subtree(unit, a.unit) for a in _assignments(user)
    )


def criterion_number(indicator_code: str) -> int | None:
    """``"17.1"`` -> 17: an indicator code starts with its criterion's number (design.md §4)."""
    head = str(indicator_code).split(".", 1)[0].strip()
    return int(head) if head.isdigit() else None


def can_edit_value(user, unit: AdminUnit, set_code: str, indicator_code: str) -> bool:
    """May the user write the value of ``indicator_code`` of ``set_code`` for ``unit``?"""
    allowed = editable_criteria(user, unit, set_code)
    return allowed is None or criterion_number(indicator_code) in allowed


def can_edit_any_value(user, unit: AdminUnit) -> bool:
    """Whether to offer the data-entry form at all for ``unit`` (per-indicator checks follow)."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.unit and _in_subtree(unit, a.unit) and (a.role in EDITING_ROLES or (a.role == "department" and a.criteria))
        for a in _assignments(user)
    )


def editable_criteria(user, unit: AdminUnit, set_code: str) -> set[int] | None:
    """Criterion numbers of ``set_code`` the user may edit on ``unit``; ``None`` means all."""
    if not can_view_unit(user, unit):
        return set()
    if getattr(user, "is_superuser", False):
        return None
    numbers: set[int] = set()
    for a in _assignments(user):
        if not a.unit or not _in_subtree(unit, a.unit):
            continue
        if a.role in EDITING_ROLES:
            return None
        if a.role == "department":
            numbers.update(int(n) for n in (a.criteria or {}).get(set_code, []))
    return numbers


def access_unit_for_user(user, code: str, *, era: str | None = None) -> AdminUnit:
    """The unit with ``code`` if the user may see it, else ``Http404``.

    A code can exist in both eras (a province, a commune that kept its code in 2025); without
    ``era`` the pre-2025 unit wins, because the history the offices review lives on it.
    """
    units = units_visible_to(user).filter(code=code)
    if era:
        units = units.filter(era=era)
    unit = units.order_by("era").first()
    if unit is None:
        raise Http404(UNIT_NOT_FOUND)
    return unit


def can_edit_resources(user, unit: AdminUnit) -> bool:
    """May the user record OCOP products, funds, outputs, awards or reported figures for ``unit``?

    The offices that edit values there (province, district, commune roles) do; departments and
    viewers see them only. Why not per criterion: these records belong to no criterion.
    """
    if getattr(user, "is_superuser", False):
        return True
    return any(a.unit and a.role in EDITING_ROLES and _in_subtree(unit, a.unit) for a in _assignments(user))


def can_edit_reported_figures(user, unit: AdminUnit) -> bool:
    """Reported figures are compiled by the office above the unit (the province compiles its
    districts' reports), so a unit's own officers cannot overwrite what was reported about it."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.unit and a.role in EDITING_ROLES and _in_subtree(unit, a.unit) and a.unit.pk != unit.pk
        for a in _assignments(user)
    )
