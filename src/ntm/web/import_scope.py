"""Which units an upload may write to: the subtrees the user may edit in full.

Why: ``ntm import`` on the command line is the operator's tool and writes anywhere, but the web
import page acts for one person, so a row naming a unit outside their editing scope is an error
of that row ("outside your scope"), found before anything is written, like any other bad row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ntm.accounts.access import EDITING_ROLES, subtree_q
from ntm.accounts.models import RoleAssignment
from ntm.criteria.inputs import Period
from ntm.imports.unit_refs import IndexedUnits
from ntm.units.models import AdminUnit

MSG_OUTSIDE_SCOPE = "Đơn vị “{ref}” nằm ngoài phạm vi bạn được nhập số liệu."


def editable_roots(user: Any) -> list[AdminUnit]:
    """The units under which the user may enter every indicator (empty: may not import)."""
    if not getattr(user, "is_authenticated", False):
        return []
    assignments = RoleAssignment.objects.filter(user=user, role__in=EDITING_ROLES, unit__isnull=False)
    return [a.unit for a in assignments.select_related("unit")]


def may_import(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(editable_roots(user))


def editable_unit_ids(user: Any) -> set[int] | None:
    """Ids of the units the user may import into; None means every unit (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    condition = Q(pk__in=[])
    for root in editable_roots(user):
        condition |= subtree_q(root)
    return set(AdminUnit.objects.filter(condition).values_list("pk", flat=True))


class ScopedUnits:
    """A ``UnitResolver`` that finds units like the importer does, then keeps the user's only."""

    def __init__(self, user: Any) -> None:
        self.inner = IndexedUnits.from_db()
        self.allowed = editable_unit_ids(user)

    def resolve(self, ref: str, period: Period) -> tuple[int | None, str]:
        unit_id, reason = self.inner.resolve(ref, period)
        if unit_id is not None and self.allowed is not None and unit_id not in self.allowed:
            return None, MSG_OUTSIDE_SCOPE.format(ref=ref)
        return unit_id, reason
