"""Recognition decisions: what a unit IS by decision (design.md §10 "Recognition").

A ``Recognition`` is one decision recognising one unit at one level; a later decision may
revoke it (the ``revoked_*`` fields). Why one row holds both: a recognition is in force from
its date until the date of the decision that revokes it, and every question asked of it
("recognised as what on 31/3/2023?") is about that interval. The level a unit *meets by data*
is computed by the engine and never stored here: the two answers stay apart.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ntm.units.models import AdminUnit

LEVEL_CHOICES = [
    ("ntm", "Đạt chuẩn NTM"),
    ("advanced", "Đạt chuẩn NTM nâng cao"),
    ("model", "Đạt chuẩn NTM kiểu mẫu"),
    ("village-ntm", "Thôn, bản đạt chuẩn NTM"),
    ("village-model", "Thôn, bản đạt chuẩn NTM kiểu mẫu"),
]
LEVELS = tuple(code for code, _ in LEVEL_CHOICES)
VILLAGE_LEVELS = ("village-ntm", "village-model")
# The tier of the criteria ladder each level stands for (a model village is at the model tier).
LEVEL_TIERS = {
    "ntm": "ntm",
    "advanced": "advanced",
    "model": "model",
    "village-ntm": "ntm",
    "village-model": "model",
}
SOURCE_CHOICES = [
    ("form", "Nhập trên web"),
    ("import", "Nhập từ tệp"),
    ("api", "API"),
    ("demo", "Dữ liệu mẫu"),
]


def decision_path(instance: "Recognition", filename: str) -> str:
    return f"recognitions/{instance.unit_id}/{filename}"


class Recognition(models.Model):
    """One decision recognising ``unit`` at ``level``, in force from ``date`` until revoked.

    ``decision`` is the decision's number as written ("881/QĐ-TTg"); numbers the demo could not
    find in its sources carry "(demo)" so nobody mistakes them for real ones.
    """

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="recognitions")
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES)
    decision = models.CharField(max_length=128, help_text="số quyết định, ví dụ 881/QĐ-TTg")
    date = models.DateField(help_text="ngày ký quyết định công nhận")
    issuer = models.CharField(
        max_length=255, help_text="cơ quan, người ký: Thủ tướng Chính phủ, UBND tỉnh…"
    )
    set_code = models.CharField(
        max_length=64, blank=True, help_text="bộ tiêu chí đã dùng để công nhận"
    )
    note = models.TextField(blank=True)
    document = models.FileField(
        upload_to=decision_path, blank=True, help_text="bản quét quyết định"
    )
    revoked_decision = models.CharField(max_length=128, blank=True)
    revoked_date = models.DateField(null=True, blank=True)
    revoked_issuer = models.CharField(max_length=255, blank=True)
    revoked_note = models.TextField(blank=True)
    source = models.CharField(max_length=8, choices=SOURCE_CHOICES, default="form")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "level", "decision"], name="unique_recognition_decision"
            )
        ]
        ordering = ["date", "unit_id", "level"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.level} {self.decision} {self.date}"

    @property
    def tier(self) -> str:
        return LEVEL_TIERS[self.level]

    def in_force_on(self, on) -> bool:
        return self.date <= on and (self.revoked_date is None or self.revoked_date > on)
