"""A province's criteria file as uploaded, and whether it is the one in force.

Why the text is stored: the active folder (``settings.PROVINCIAL_SETS_DIR``) is what the
criteria registry reads, but the database keeps every version, who uploaded and activated it,
when, and from which date it applies, with its history (django-simple-history).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ntm.units.models import AdminUnit

STATUS_CHOICES = [
    ("draft", "Chờ kích hoạt"),
    ("active", "Đang áp dụng"),
    ("replaced", "Đã được thay thế"),
    ("withdrawn", "Đã ngừng áp dụng"),
]


class ProvincialSet(models.Model):
    province = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="provincial_sets"
    )
    code = models.CharField(max_length=64, db_index=True)
    base = models.CharField(max_length=64, blank=True, help_text="the national set it overrides")
    name = models.CharField(max_length=255)
    file_name = models.CharField(max_length=255)
    content = models.TextField(help_text="the uploaded YAML, as sent")
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default="draft")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    effective_from = models.DateField(
        null=True, blank=True, help_text="the date the provincial decision applies from"
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_status_display()})"

    @property
    def active_file_name(self) -> str:
        return f"{self.province.code}-{self.code}.yaml"
