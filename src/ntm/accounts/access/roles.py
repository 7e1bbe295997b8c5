"""The user's role assignments and the role groups every access question is phrased in.

Why a module: each question (units, values, imports, reports, follow-up, recognition) reads the
same cached assignments; the role groups are named once here.
"""

from __future__ import annotations

from typing import Any

from ntm.accounts.models import RoleAssignment

EDITING_ROLES = frozenset({"province", "district", "commune"})
SCOPED_ROLES = frozenset({"province", "district", "commune", "department", "viewer"})
# the coordination offices: targets, publishing, recognition records
OFFICE_ROLES = frozenset({"province", "district"})

User = Any  # a django.contrib.auth user or AnonymousUser (Django ships no type information here)


def assignments(user: User) -> list[RoleAssignment]:
    """The user's role assignments, cached on the user object for the request.

    For the modules of this package only: callers outside ask a question (``can_…``,
    ``may_…``), never read roles themselves."""
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


def sees_everything(user: User) -> bool:
    """National users and administrators: their scope is the whole country."""
    return bool(getattr(user, "is_superuser", False)) or any(
        a.role == "national" for a in assignments(user)
    )
