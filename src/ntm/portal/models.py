"""What an office has published for residents: a publication per unit and period, and the
figures it fixed at that moment.

Why a snapshot and not a live view of the values: the public sees what an office chose to
publish, not whatever was typed since. A later change to a value shows on the portal only when
the office publishes again; a withdrawn publication shows nothing. Publications are never
edited or deleted (the history keeps who published and who withdrew).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ntm.units.models import AdminUnit

PENDING, READY, FAILED = "pending", "ready", "failed"
STATUS_CHOICES = [
    (PENDING, "Đang tính số liệu"),
    (READY, "Đã công bố"),
    (FAILED, "Không tính được"),
]


class Publication(models.Model):
    """An office publishes ``unit`` and everything under it, as of ``period``.

    ``status``: a publication asked for on the web or the API is recorded at once (pending) and
    its figures are computed after the answer (``ntm.portal.background``); the portal shows a
    publication's figures only once they are all there (ready).
    """

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="publications")
    period = models.CharField(max_length=7, help_text="YYYY or YYYY-MM")
    period_index = models.IntegerField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=8, choices=STATUS_CHOICES, default=READY)
    error = models.TextField(blank=True, help_text="why the figures could not be computed")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["period_index", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}"


class PublishedFigure(models.Model):
    """One unit's figures in one publication, fixed when it was published.

    ``level_by_data`` is the level the stored values reach under the engine (never a
    recognition); ``recognised`` is the recognition decision in force then, if any, as the
    recognition records said ({"level", "decision", "date"}).
    """

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="figures")
    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="published_figures")
    period = models.CharField(max_length=7)
    period_index = models.IntegerField()
    set_code = models.CharField(max_length=64, blank=True)
    set_name = models.CharField(max_length=255, blank=True)
    has_data = models.BooleanField(default=False)
    criteria_met = models.PositiveIntegerField(default=0)
    criteria_total = models.PositiveIntegerField(default=0)
    indicators_met = models.PositiveIntegerField(default=0)
    indicators_total = models.PositiveIntegerField(default=0)
    level_by_data = models.CharField(max_length=16, blank=True)
    criteria = models.JSONField(default=list, help_text='[{"number", "name", "status"}]')
    recognised = models.JSONField(null=True, blank=True)
    sections = models.JSONField(
        default=dict, blank=True, help_text="Summary sections (OCOP, funds...) by key."
    )

    class Meta:
        indexes = [models.Index(fields=["unit", "period_index"]), models.Index(fields=["period"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period} {self.criteria_met}/{self.criteria_total}"
