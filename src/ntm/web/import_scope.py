"""Which units an upload may write to: the subtrees the user may edit in full.

Why: ``ntm import`` on the command line is the operator's tool and writes anywhere, but the web
import page acts for one person, so a row naming a unit outside their editing scope is an error
of that row ("outside your scope"), found before anything is written, like any other bad row.
"""

from __future__ import annotations

from typing import Any

from ntm.accounts.access import EDITING_ROLES
from ntm.accounts.models import RoleAssignment
from ntm.units.models import AdminUnit


def editable_roots(user: Any) -> list[AdminUnit]:
    """The units under which the user may enter every indicator (empty: may not import)."""
    if not getattr(user, "is_authenticated", False):
        return []
    assignments = RoleAssignment.objects.filter(user=user, role__in=EDITING_ROLES, unit__isnull=False)
    return [a.unit for a in assignments.select_related("unit")]


def may_import(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(editable_roots(user))


def import_scope(user: Any) -> list[str] | None:
    """The ``within`` paths for ``run_import``: the user's editable subtrees (None: everything)."""
    if getattr(user, "is_superuser", False):
        return None
    return [root.path for root in editable_roots(user)]
