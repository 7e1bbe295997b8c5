"""Writes to accounts: role assignments and the demo users (HackSoft ``services`` style)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from ntm.accounts.access import forget_roles
from ntm.accounts.models import ROLE_CHOICES, RoleAssignment
from ntm.units.models import AdminUnit

ROLES = dict(ROLE_CHOICES)
UNKNOWN_ROLE = "Vai trò không hợp lệ: {role}."
ROLE_NEEDS_UNIT = "Vai trò {role} phải gắn với một đơn vị hành chính."
NATIONAL_HAS_NO_UNIT = "Vai trò trung ương không gắn với đơn vị nào."
DEPARTMENT_NEEDS_CRITERIA = "Cán bộ phòng, ban, ngành phải được giao ít nhất một tiêu chí."

# The unit level each role is meant for; a mismatch is a data-entry mistake worth refusing.
ROLE_LEVELS = {
    "province": {"province"},
    "district": {"district"},
    "commune": {"commune"},
    "department": {"province", "district", "commune"},
    "viewer": {"province", "district", "commune", "village"},
}
ROLE_LEVEL_MISMATCH = "Vai trò {role} không gắn được với đơn vị cấp {level}."


class RoleError(ValueError):
    """A role assignment that does not make sense; the message is for the user (Vietnamese)."""


def checked_role(
    role: str, unit: AdminUnit | None, criteria: dict[str, Any] | None
) -> dict[str, list[int]]:
    """Refuse an assignment that makes no sense; returns the criteria, cleaned and sorted.

    Shared by ``do_assign_role`` and the admin form, so both refuse the same things.
    """
    if role not in ROLES:
        raise RoleError(UNKNOWN_ROLE.format(role=role))
    if role == "national":
        if unit is not None:
            raise RoleError(NATIONAL_HAS_NO_UNIT)
    else:
        if unit is None:
            raise RoleError(ROLE_NEEDS_UNIT.format(role=ROLES[role]))
        if unit.level not in ROLE_LEVELS[role]:
            raise RoleError(ROLE_LEVEL_MISMATCH.format(role=ROLES[role], level=unit.level))
    cleaned = {
        code: sorted({int(n) for n in numbers}) for code, numbers in (criteria or {}).items()
    }
    cleaned = {code: numbers for code, numbers in cleaned.items() if numbers}
    if role == "department" and not cleaned:
        raise RoleError(DEPARTMENT_NEEDS_CRITERIA)
    return cleaned


@transaction.atomic
def do_assign_role(
    *,
    user: Any,
    role: str,
    unit: AdminUnit | None = None,
    criteria: dict[str, list[int]] | None = None,
) -> RoleAssignment:
    """Give ``user`` ``role`` on ``unit`` (idempotent: assigning again updates ``criteria``)."""
    cleaned = checked_role(role, unit, criteria)
    assignment, _ = RoleAssignment.objects.update_or_create(
        user=user, role=role, unit=unit, defaults={"criteria": cleaned}
    )
    forget_roles(user)
    return assignment


@dataclass(frozen=True)
class DemoUser:
    """One demo login, as ``ntm demo`` prints it (also unpacks as a 4-tuple)."""

    username: str
    password: str
    role: str
    unit: AdminUnit | None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.username, self.password, self.role, self.unit))


DEMO_PASSWORD_SUFFIX = "-NongThonMoi-2023"

# (username, role, unit name path or None, criteria) — units found by name so that the demo
# follows whatever codes the loaded administrative units carry.
DEMO_ACCOUNTS: tuple[tuple[str, str, str | None, dict[str, list[int]] | None], ...] = (
    ("tinh.thanhhoa", "province", "Thanh Hóa", None),
    ("huyen.thoxuan", "district", "Thanh Hóa/Thọ Xuân", None),
    ("huyen.quanson", "district", "Thanh Hóa/Quan Sơn", None),
    ("xa.xuanhoa", "commune", "Thanh Hóa/Thọ Xuân/Xuân Hòa", None),
    (
        "giaothong.thoxuan",
        "department",
        "Thanh Hóa/Thọ Xuân",
        {"xa-ntm-2021-2025": [2], "xa-ntm-nang-cao-2021-2025": [2]},
    ),
    ("xem.thoxuan", "viewer", "Thanh Hóa/Thọ Xuân", None),
    ("trunguong", "national", None, None),
)


def demo_password(username: str) -> str:
    """A password the validators accept, easy to read off the demo's printed list."""
    return username.replace(".", "-").title() + DEMO_PASSWORD_SUFFIX


def _find_demo_unit(path: str) -> AdminUnit:
    from ntm.units.selectors import find_unit

    return find_unit(path, era="2008")


@transaction.atomic
def create_demo_users() -> list[DemoUser]:
    """Create (or reset) one user per demo role on the seed districts; returns their logins.

    Safe to run again: existing demo users get their password and roles reset.
    """
    User = get_user_model()
    created: list[DemoUser] = []
    for username, role, unit_path, criteria in DEMO_ACCOUNTS:
        unit = _find_demo_unit(unit_path) if unit_path else None
        password = demo_password(username)
        user, _ = User.objects.get_or_create(username=username)
        validate_password(password, user)
        user.set_password(password)
        user.is_active = True
        user.save()
        for old in RoleAssignment.objects.filter(user=user):
            old.delete()  # one by one, so each removal leaves its history row
        forget_roles(user)
        do_assign_role(user=user, role=role, unit=unit, criteria=criteria)
        created.append(DemoUser(username, password, role, unit))
    return created
