"""Follow-up: tasks per unmet criterion (with their status each reporting period) and targets.

Seed 002: "phân công nhiệm vụ cụ thể cho từng thành viên phụ trách các tiêu chí … thời gian hoàn
thành trước 30/9/2023"; seeds 000, 001, 003: targets with dates. Every change is audited
(``HistoricalRecords``) and made through ``ntm.planning.services``.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ntm.reports.targets import LEVEL_WORDS_VI as TARGET_LEVEL_WORDS
from ntm.textnorm import upper_first
from ntm.units.models import AdminUnit

NOT_STARTED, IN_PROGRESS, DONE, CANCELLED = "not-started", "in-progress", "done", "cancelled"
STATUS_CHOICES = [
    (NOT_STARTED, "Chưa thực hiện"),
    (IN_PROGRESS, "Đang thực hiện"),
    (DONE, "Hoàn thành"),
    (CANCELLED, "Hủy"),
]
CLOSED_STATUSES = (DONE, CANCELLED)
# The words of the targets' sentences (``ntm.reports.targets``), capitalised for a list.
TARGET_LEVEL_CHOICES = [(tier, upper_first(words)) for tier, words in TARGET_LEVEL_WORDS.items()]
TARGET_KIND_CHOICES = [("unit", "Đơn vị đạt mức"), ("count", "Số xã đạt mức")]


class Task(models.Model):
    """One assignment: who closes which criterion (or indicator) of which unit, by when."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="tasks")
    set_code = models.CharField(max_length=64)
    criterion = models.PositiveSmallIntegerField()
    indicator_code = models.CharField(max_length=16, blank=True)
    department = models.CharField(max_length=200)
    owner = models.CharField(max_length=200, help_text="người phụ trách, như ghi trong kế hoạch")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    start = models.DateField()
    due = models.DateField()
    budget = models.FloatField(null=True, blank=True, help_text="VNĐ")
    target_value = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=NOT_STARTED)
    note = models.TextField(blank=True)
    closed_by_value = models.TextField(
        blank=True, help_text="why the task closed itself: the value that met the threshold"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["unit", "set_code", "criterion"])]
        ordering = ["due", "id"]

    def __str__(self) -> str:
        what = self.indicator_code or f"TC {self.criterion}"
        return f"{self.unit_id} {self.set_code} {what} ({self.owner})"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


class TaskUpdate(models.Model):
    """The task's status in one reporting period, with the officer's comment (the history of
    progress the monthly report reads)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES)
    comment = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]


class Target(models.Model):
    """A target set by a decision or plan: ``unit`` reaches ``level`` by ``due`` (kind ``unit``),
    or ``count`` communes under ``unit`` reach ``level`` by ``due`` (kind ``count``)."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(max_length=8, choices=TARGET_KIND_CHOICES)
    level = models.CharField(max_length=12, choices=TARGET_LEVEL_CHOICES)
    count = models.PositiveIntegerField(null=True, blank=True)
    due = models.DateField()
    decision = models.CharField(max_length=300, help_text="quyết định / kế hoạch đặt mục tiêu")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "id"]


class ProgressReport(models.Model):
    """A commune's monthly progress report (seed 002: "Định kỳ vào ngày 25 hàng tháng, báo cáo
    tiến độ"): what moved, what is hard, what it asks for. Values changed and tasks advanced are
    read from the data at report time; the commune adds its own words."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="progress_reports")
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    submitted_at = models.DateTimeField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tasks_note = models.TextField(blank=True, help_text="nhiệm vụ đã triển khai trong tháng")
    difficulties = models.TextField(blank=True)
    proposals = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="one_progress_report_per_month")
        ]
        ordering = ["period", "unit_id"]
