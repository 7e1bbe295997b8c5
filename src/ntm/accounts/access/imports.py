"""Who may import from the web, and into which subtrees."""

from __future__ import annotations

from ntm.accounts.access.roles import EDITING_ROLES, User, assignments
from ntm.units.models import AdminUnit
from ntm.units.selectors import path_within


def import_roots(user: User) -> list[AdminUnit]:
    """The units under which the user may enter every indicator: the roots of a web import.

    Why only the editing roles: ``ntm import`` on the command line is the operator's tool and
    writes anywhere, but the web import page acts for one person, so a row naming a unit
    outside their editing scope is an error of that row, found before anything is written.
    A department officer edits some criteria only, so imports nothing.
    """
    return [a.unit for a in assignments(user) if a.role in EDITING_ROLES and a.unit]


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
