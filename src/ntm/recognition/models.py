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

from ntm.criteria.model import level_reached_vi
from ntm.textnorm import upper_first
from ntm.units.models import AdminUnit

# The words are the pure core's (``level_reached_vi``): "Đạt chuẩn NTM nâng cao"…
LEVEL_CHOICES = [
    *((tier, upper_first(level_reached_vi(tier))) for tier in ("ntm", "advanced", "model")),
    *((f"village-{tier}", f"Thôn, bản {level_reached_vi(tier)}") for tier in ("ntm", "model")),
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
    ("carry", "Kế thừa khi sắp xếp đơn vị (đã xác nhận)"),
    ("case", "Hồ sơ xét công nhận"),
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


# --- the recognition workflow: cases, their dossier and their timeline ----------------------

CASE_STATUS_CHOICES = [
    ("open", "Đang xét"),
    ("decided", "Đã có quyết định công nhận"),
    ("withdrawn", "Đã rút hồ sơ"),
]
EVENT_CHOICES = [
    ("open", "Mở hồ sơ"),
    ("approve", "Chuyển bước"),
    ("return", "Trả lại"),
    ("withdraw", "Rút hồ sơ"),
    ("decide", "Quyết định công nhận"),
    ("unlock", "Mở khóa số liệu"),
    ("relock", "Khóa lại số liệu"),
    ("values-changed", "Số liệu thay đổi trong khi thẩm định"),
    ("reopen", "Mở lại vì số liệu thay đổi sau khi duyệt"),
    ("document", "Cập nhật hồ sơ"),
]


def dossier_path(instance: "DossierItem", filename: str) -> str:
    return f"recognition-cases/{instance.case_id}/{filename}"


class RecognitionCase(models.Model):
    """One unit's application for recognition at ``level``, moving through the steps of the
    workflow ``(workflow, workflow_version)`` (``ntm.recognition.workflow``).

    ``locked`` is kept by every transition (the current step ``locks_values`` and the case is
    open and not ``unlocked``), so the value-write hook asks one cheap question.
    """

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="recognition_cases")
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES)
    workflow = models.CharField(max_length=64)
    workflow_version = models.PositiveIntegerField()
    set_code = models.CharField(max_length=64, blank=True)
    period = models.CharField(max_length=16, blank=True, help_text="kỳ số liệu được xét")
    step = models.CharField(max_length=64)
    step_since = models.DateField(help_text="ngày hồ sơ đến bước hiện tại")
    status = models.CharField(max_length=16, choices=CASE_STATUS_CHOICES, default="open")
    locked = models.BooleanField(default=False)
    unlocked = models.BooleanField(default=False)
    recognition = models.ForeignKey(
        Recognition, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.level} {self.workflow} {self.step} {self.status}"


class CaseEvent(models.Model):
    """One line of a case's timeline: who did what at which step, and why."""

    case = models.ForeignKey(RecognitionCase, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=64)
    action = models.CharField(max_length=16, choices=EVENT_CHOICES)
    to_step = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "pk"]


class DossierItem(models.Model):
    """A checklist item of a step, done: its document (scan) and a note."""

    case = models.ForeignKey(RecognitionCase, on_delete=models.CASCADE, related_name="items")
    step = models.CharField(max_length=64)
    item = models.CharField(max_length=64)
    document = models.FileField(upload_to=dossier_path, blank=True)
    note = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "step", "item"], name="unique_dossier_item")
        ]


# --- resident-satisfaction surveys --------------------------------------------------------


class SatisfactionSurvey(models.Model):
    """One survey round of a commune (``code``: the round's name, e.g. "2023")."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="surveys")
    code = models.CharField(max_length=32)
    date = models.DateField(null=True, blank=True)
    households = models.PositiveIntegerField(
        null=True, blank=True, help_text="số hộ của xã (để tính tỷ lệ hộ được lấy ý kiến)"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="unique_survey")]
        ordering = ["unit_id", "-date", "-code"]


class SurveyResponse(models.Model):
    """One household's answer on one content area: satisfied or not yet (with the reason)."""

    survey = models.ForeignKey(
        SatisfactionSurvey, on_delete=models.CASCADE, related_name="responses"
    )
    village = models.ForeignKey(
        AdminUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    household = models.CharField(max_length=128)
    area = models.CharField(
        max_length=32, help_text="nội dung lấy ý kiến: số tiêu chí hoặc 'chung'"
    )
    satisfied = models.BooleanField()
    reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "household", "area"], name="unique_survey_answer"
            )
        ]
