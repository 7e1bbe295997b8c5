"""Role assignments scoped to administrative units."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ntm.units.models import AdminUnit

ROLE_CHOICES = [
    ("national", "Trung ương"),
    ("province", "Văn phòng Điều phối NTM tỉnh"),
    ("district", "Văn phòng Điều phối NTM huyện"),
    ("commune", "Cán bộ xã"),
    ("department", "Cán bộ phòng, ban, ngành"),
    ("viewer", "Người xem"),
]


class RoleAssignment(models.Model):
    """(user, role, unit): the user may act with ``role`` on ``unit`` and its subtree.

    A department officer is further limited to ``criteria`` (criterion numbers, per set code:
    ``{"xa-ntm-2021-2025": [2, 4]}``). A national role has no unit.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=16, choices=ROLE_CHOICES)
    unit = models.ForeignKey(
        AdminUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    criteria = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} {self.unit}"


class LoginGate(models.Model):
    """Password checks granted to one username in the current window, counted in the database.

    Why a row of our own: django-axes checks its count, then the password is checked, then the
    failure is recorded; between check and record several workers all pass the check (issue 15:
    30 parallel guesses got ~11 password checks). A password check is granted only by one
    conditional ``UPDATE`` on this row (``checks < limit``), atomic on SQLite and PostgreSQL
    alike, so the limit holds across processes. ``key`` is a digest of the casefolded username
    (no usernames stored for names that do not exist). A row whose window has ended is replaced
    by the next attempt at that name.
    """

    key = models.CharField(max_length=64, unique=True)
    checks = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.checks}"
