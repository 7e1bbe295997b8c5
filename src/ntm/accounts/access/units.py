"""Which units a user sees: the subtrees of their assignments, and a unit fetched by code.

A unit's subtree is one ``path__startswith`` query (``AdminUnit.path`` is the chain of ids from
the root, ending with the unit's own id). Outside the scope the answer is 404, never a hint
that the unit exists.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import BadRequest
from django.db.models import Q, QuerySet
from django.http import Http404

from ntm.accounts.access.roles import SCOPED_ROLES, User, assignments, sees_everything
from ntm.units.models import AdminUnit
from ntm.units.selectors import in_subtree, subtree_q

UNIT_NOT_FOUND = "Không tìm thấy đơn vị hoặc bạn không có quyền xem đơn vị này."
UNIT_NOT_FOUND_EN = "Unit not found, or you may not see it."


def scope_root_units(user: User) -> list[AdminUnit]:
    """The top units of the user's scope (their assignments' units), for dashboards and menus.

    National users and superusers get the provinces: their scope is the whole country.
    """
    if sees_everything(user):
        return list(AdminUnit.objects.filter(level="province").order_by("era", "name"))
    roots = {a.unit.pk: a.unit for a in assignments(user) if a.role in SCOPED_ROLES and a.unit}
    # Drop a root that lies under another root, so each unit is shown once.
    return [
        u
        for u in roots.values()
        if not any(other.pk != u.pk and in_subtree(u, other) for other in roots.values())
    ]


def units_visible_to(user: User) -> QuerySet[AdminUnit]:
    """Every unit the user may see."""
    if sees_everything(user):
        return AdminUnit.objects.all()
    roots = [a.unit for a in assignments(user) if a.role in SCOPED_ROLES and a.unit]
    if not roots:
        return AdminUnit.objects.none()
    condition = Q()
    for root in roots:
        condition |= subtree_q(root)
    return AdminUnit.objects.filter(condition)


def can_view_unit(user: User, unit: AdminUnit) -> bool:
    if sees_everything(user):
        return True
    return any(
        a.role in SCOPED_ROLES and a.unit and in_subtree(unit, a.unit) for a in assignments(user)
    )


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


def may_see_national(user: User) -> bool:
    """The national view (every province's communes at once) is for those whose scope is the
    whole country: the national role and administrators. A province office has its dashboard."""
    return sees_everything(user)
