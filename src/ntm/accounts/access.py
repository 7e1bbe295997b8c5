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

from datetime import date
from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import Q, QuerySet
from django.http import Http404

from ntm.accounts.models import RoleAssignment
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree, path_within, subtree_q

EDITING_ROLES = frozenset({"province", "district", "commune"})
SCOPED_ROLES = frozenset({"province", "district", "commune", "department", "viewer"})

User = Any  # a django.contrib.auth user or AnonymousUser (Django ships no type information here)

__all__ = [
    "UNIT_CODE_AMBIGUOUS",
    "UnitCodeAmbiguous",
    "UNIT_NOT_FOUND",
    "UNIT_NOT_FOUND_EN",
    "access_unit_for_user",
    "can_edit_any_value",
    "can_edit_value",
    "can_view_unit",
    "criterion_number",
    "editable_criteria",
    "forget_roles",
    "import_roots",
    "import_scope",
    "may_import",
    "may_see_evidence",
    "may_manage_provincial_sets",
    "may_see_national",
    "step_actors",
    "provincial_set_provinces",
    "may_see_reports",
    "path_in_import_scope",
    "scope_root_units",
    "subtree_q",
    "units_visible_to",
]

UNIT_NOT_FOUND = "Không tìm thấy đơn vị hoặc bạn không có quyền xem đơn vị này."
UNIT_NOT_FOUND_EN = "Unit not found, or you may not see it."


def _assignments(user: User) -> list[RoleAssignment]:
    """The user's role assignments, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_ntm_role_assignments", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        user._ntm_role_assignments = cached
    return cached


def forget_roles(user: User) -> None:
    """Drop the cached assignments after a change to them."""
    user.__dict__.pop("_ntm_role_assignments", None)


def _sees_everything(user: User) -> bool:
    return bool(getattr(user, "is_superuser", False)) or any(
        a.role == "national" for a in _assignments(user)
    )


def scope_root_units(user: User) -> list[AdminUnit]:
    """The top units of the user's scope (their assignments' units), for dashboards and menus.

    National users and superusers get the provinces: their scope is the whole country.
    """
    if _sees_everything(user):
        return list(AdminUnit.objects.filter(level="province").order_by("era", "name"))
    roots = {a.unit.pk: a.unit for a in _assignments(user) if a.role in SCOPED_ROLES and a.unit}
    # Drop a root that lies under another root, so each unit is shown once.
    return [
        u
        for u in roots.values()
        if not any(other.pk != u.pk and in_subtree(u, other) for other in roots.values())
    ]


def units_visible_to(user: User) -> QuerySet[AdminUnit]:
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


def can_view_unit(user: User, unit: AdminUnit) -> bool:
    if _sees_everything(user):
        return True
    return any(
        a.role in SCOPED_ROLES and a.unit and in_subtree(unit, a.unit) for a in _assignments(user)
    )


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
        for a in _assignments(user)
    )


def editable_criteria(user: User, unit: AdminUnit, set_code: str) -> set[int] | None:
    """Criterion numbers of ``set_code`` the user may edit on ``unit``; ``None`` means all."""
    if not can_view_unit(user, unit):
        return set()
    if getattr(user, "is_superuser", False):
        return None
    numbers: set[int] = set()
    for a in _assignments(user):
        if not a.unit or not in_subtree(unit, a.unit):
            continue
        if a.role in EDITING_ROLES:
            return None
        if a.role == "department":
            numbers.update(int(n) for n in (a.criteria or {}).get(set_code, []))
    return numbers


class UnitCodeAmbiguous(BadRequest):  # type: ignore[misc]
    """A bare code names a pre-2025 unit and a post-2025 one and nothing says which: a 400
    whose message lists both ways of writing it, never a silent choice."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(UNIT_CODE_AMBIGUOUS.format(code=code))


UNIT_CODE_AMBIGUOUS = (
    "Mã đơn vị {code} có ở cả trước và từ 1/7/2025: ghi {code}@2008 hoặc {code}@2025, "
    "hoặc chọn kỳ để biết đơn vị nào còn hiệu lực."
)
UNIT_CODE_AMBIGUOUS_EN = (
    "Unit code {code} exists both before and from 1 July 2025: write {code}@2008 or "
    "{code}@2025, or choose a period so the unit in force is known."
)
ERA_SWITCH = date(2025, 7, 1)


def _valid_on(unit: AdminUnit, on: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= on) and (
        unit.valid_to is None or unit.valid_to >= on
    )


def access_unit_for_user(
    user: User, code: str, *, era: str | None = None, on: date | None = None
) -> AdminUnit:
    """The unit with ``code`` if the user may see it, else ``Http404``.

    A code can exist in both eras (a province, a commune that kept its code in 2025). Pickers
    and links write ``CODE@2008`` / ``CODE@2025`` for such units (the ``unit_ref`` filter); a
    bare code is decided by ``on`` (the period's date): the unit valid that day, or the era of
    that day when neither has dates. With no date it is ambiguous: ``UnitCodeAmbiguous`` (400).
    """
    code, _, written_era = str(code).partition("@")
    era = era or written_era or None
    units = units_visible_to(user).filter(code=code)
    if era:
        units = units.filter(era=era)
    found = list(units.order_by("era")[:2])
    if not found:
        raise Http404(UNIT_NOT_FOUND)
    if len(found) == 1:
        return found[0]
    if on is None:
        raise UnitCodeAmbiguous(code)
    valid = [u for u in found if _valid_on(u, on)] or found
    if len(valid) > 1:
        wanted = "2025" if on >= ERA_SWITCH else "2008"
        valid = [u for u in valid if u.era == wanted] or valid
    if len(valid) > 1:
        raise UnitCodeAmbiguous(code)
    return valid[0]


def may_see_reports(user: User, unit: AdminUnit) -> bool:
    """Reports of a unit (review, summary, progress) are read by whoever may see the unit."""
    return can_view_unit(user, unit)


def may_see_national(user: User) -> bool:
    """The national view (every province's communes at once) is for those whose scope is the
    whole country: the national role and administrators. A province office has its dashboard."""
    return _sees_everything(user)


def provincial_set_provinces(user: User) -> list[AdminUnit]:
    """The provinces whose own criteria sets the user may upload and activate: a province's
    criteria are issued by its People's Committee, so only the province office (the ``province``
    role on that province) acts for it; administrators may act for any province."""
    if getattr(user, "is_superuser", False):
        return list(AdminUnit.objects.filter(level="province").order_by("era", "name"))
    return [
        a.unit
        for a in _assignments(user)
        if a.role == "province" and a.unit is not None and a.unit.level == "province"
    ]


def may_manage_provincial_sets(user: User, province: AdminUnit) -> bool:
    return any(p.pk == province.pk for p in provincial_set_provinces(user))


def may_see_evidence(user: User, unit: AdminUnit) -> bool:
    """Evidence files of a unit's values are read by whoever may see the unit."""
    return can_view_unit(user, unit)


def import_roots(user: User) -> list[AdminUnit]:
    """The units under which the user may enter every indicator: the roots of a web import.

    Why only the editing roles: ``ntm import`` on the command line is the operator's tool and
    writes anywhere, but the web import page acts for one person, so a row naming a unit
    outside their editing scope is an error of that row, found before anything is written.
    A department officer edits some criteria only, so imports nothing.
    """
    return [a.unit for a in _assignments(user) if a.role in EDITING_ROLES and a.unit]


def may_import(user: User) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(import_roots(user))


def import_scope(user: User) -> list[str] | None:
    """The ``within`` paths for ``run_import``: the user's editable subtrees (None: everything)."""
    if getattr(user, "is_superuser", False):
        return None
    return [root.path for root in import_roots(user)]


def path_in_import_scope(path: str, within: list[str] | tuple[str, ...] | None) -> bool:
    """Whether an import restricted to ``within`` (from ``import_scope``) may write to the unit
    at ``path``; ``None``: anywhere (the command line)."""
    return within is None or path_within(path, within)


# --- follow-up (ntm.planning): gaps, what-if, tasks ----------------------------------------------


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


OFFICE_ROLES = frozenset({"province", "district"})


def can_set_targets(user: User, unit: AdminUnit) -> bool:
    """Targets are set by decisions of the province or district (seeds 000, 001, 003): only
    their coordination offices record them, for a unit in their subtree."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in OFFICE_ROLES and a.unit and in_subtree(unit, a.unit) for a in _assignments(user)
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


def can_delete_value(user: User, unit: AdminUnit, set_code: str, indicator_code: str) -> bool:
    """Deleting a value is changing it: whoever may enter it may remove it (the history keeps
    it)."""
    return can_edit_value(user, unit, set_code, indicator_code)


def can_publish(user: User, unit: AdminUnit) -> bool:
    """May the user publish figures of ``unit`` (and its subtree) to the public portal?

    Publishing speaks for an office: only the district and province coordination offices (and
    administrators) over their own subtree; a commune officer, a department or a viewer may not.
    """
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in OFFICE_ROLES and a.unit and in_subtree(unit, a.unit) for a in _assignments(user)
    )


def publishable_roots(user: User) -> list[AdminUnit]:
    """The units whose subtrees the user may publish (for menus); administrators: the provinces."""
    if getattr(user, "is_superuser", False):
        return list(AdminUnit.objects.filter(level="province").order_by("era", "name"))
    return [a.unit for a in _assignments(user) if a.role in OFFICE_ROLES and a.unit]


def can_record_recognition(user: User, unit: AdminUnit) -> bool:
    """May the user enter or revoke recognition decisions for ``unit``?

    Decisions are issued above the commune (province, Prime Minister); the offices that keep
    the records are the province's and the district's, in their subtree. Commune officers,
    departments and viewers see the decisions but do not record them.
    """
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in OFFICE_ROLES and a.unit and in_subtree(unit, a.unit) for a in _assignments(user)
    )


def can_edit_resources(user: User, unit: AdminUnit) -> bool:
    """May the user record OCOP products, funds, outputs, awards or reported figures for ``unit``?

    The offices that edit values there (province, district, commune roles) do; departments and
    viewers see them only. Why not per criterion: these records belong to no criterion.
    """
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.unit and a.role in EDITING_ROLES and in_subtree(unit, a.unit) for a in _assignments(user)
    )


def can_edit_reported_figures(user: User, unit: AdminUnit) -> bool:
    """Reported figures are compiled by the office above the unit (the province compiles its
    districts' reports), so a unit's own officers cannot overwrite what was reported about it."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.unit and a.role in EDITING_ROLES and in_subtree(unit, a.unit) and a.unit.pk != unit.pk
        for a in _assignments(user)
    )


# --- the recognition workflow (ntm.recognition) -------------------------------------------------


def can_act_on_step(user: User, unit: AdminUnit, roles: tuple[str, ...] | list[str]) -> bool:
    """May the user act (approve, return, attach the dossier) at a workflow step of ``unit``'s
    case whose actors are ``roles`` (the workflow data names them)? The role on a unit above or
    at ``unit``; administrators always."""
    if getattr(user, "is_superuser", False):
        return True
    return any(a.role in roles and a.unit and in_subtree(unit, a.unit) for a in _assignments(user))


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
        a.role in EDITING_ROLES and a.unit and in_subtree(unit, a.unit) for a in _assignments(user)
    )


def can_unlock_case_values(user: User, unit: AdminUnit) -> bool:
    """Unlocking the values of a unit under appraisal is the province office's call (it
    appraises); administrators too."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role == "province" and a.unit and in_subtree(unit, a.unit) for a in _assignments(user)
    )


def can_record_survey(user: User, unit: AdminUnit) -> bool:
    """Satisfaction-survey answers are entered for the commune's Fatherland Front by those who
    enter its values (the commune officers and the offices above); departments and viewers
    read them."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in EDITING_ROLES and a.unit and in_subtree(unit, a.unit) for a in _assignments(user)
    )
