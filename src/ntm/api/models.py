"""API tokens: how province systems and national reporting authenticate (never a password).

Only a SHA-256 digest of a token is stored: the token itself is shown once, when it is made.
A token is long and random (256 bits), so a fast digest is enough; a slow password hash would
cost every API request a fraction of a second for no gain.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

SCOPE_READ = "read"
SCOPE_READ_WRITE = "read-write"
SCOPE_CHOICES = [(SCOPE_READ, "Chỉ đọc"), (SCOPE_READ_WRITE, "Đọc và ghi")]


class ApiToken(models.Model):
    """One named token of one user: it acts as that user, within that user's units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(
        max_length=16, help_text="The token's first characters, to recognise it in lists."
    )
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token (hex).")
    scope = models.CharField(max_length=10, choices=SCOPE_CHOICES, default=SCOPE_READ_WRITE)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name} ({self.prefix}…)"

    @property
    def read_only(self) -> bool:
        return self.scope == SCOPE_READ


class ApiTokenUse(models.Model):
    """The audit of a token's use: one row per authenticated request (who, when, what)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
