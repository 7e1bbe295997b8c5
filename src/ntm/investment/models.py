"""Funds mobilised, physical outputs, emulation awards, and figures reported by units.

Natural keys (what a re-import matches on, so importing a file twice changes nothing):
- funds: (unit, period, source) — a new amount for the same key updates the row;
- outputs: (unit, period, kind);
- awards: (unit, date, kind, recipient type, recipient name normalised) — the issuer and note
  are updated;
- reported figures: (unit, period).
Every table keeps its history (django-simple-history): who changed what, when, old and new.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from ntm.units.models import AdminUnit

SOURCE_CHOICES = [
    ("central", "Ngân sách trung ương"),
    ("local", "Ngân sách địa phương"),
    ("integrated", "Lồng ghép các chương trình, dự án"),
    ("credit", "Vốn tín dụng"),
    ("enterprise", "Doanh nghiệp, hợp tác xã"),
    ("community", "Cộng đồng, người dân đóng góp"),
    ("other", "Nguồn khác"),
]
RECIPIENT_CHOICES = [("collective", "Tập thể"), ("individual", "Cá nhân")]
AWARD_KIND_LABELS = {
    "certificate": "giấy khen",
    "merit": "bằng khen",
    "emulation_flag": "cờ thi đua",
}


class _Dated(models.Model):
    """A figure for a unit and a period (``YYYY`` or ``YYYY-MM``); ``period_index`` orders
    periods on one month scale (``Period.index``: a year sorts as its December)."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7)
    period_index = models.IntegerField(db_index=True)
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=64, blank=True, help_text="how it came: import, web, demo")

    class Meta:
        abstract = True


class FundsMobilised(_Dated):
    """Money mobilised for the programme from one source in one unit and period (VND)."""

    fund_source = models.CharField(max_length=16, choices=SOURCE_CHOICES)
    amount_vnd = models.BigIntegerField()
    planned_vnd = models.BigIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "fund_source"], name="unique_funds_key"
            )
        ]
        ordering = ["unit__path", "period_index", "fund_source"]


class PhysicalOutput(_Dated):
    """A quantity built or upgraded (km of road, classrooms…) of a catalogue kind."""

    kind = models.CharField(
        max_length=32, help_text="a code of ntm/investment/data/output_kinds.yaml"
    )
    quantity = models.DecimalField(max_digits=14, decimal_places=3)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "kind"], name="unique_output_key")
        ]
        ordering = ["unit__path", "period_index", "kind"]


class EmulationAward(models.Model):
    """A certificate or merit given to a collective or an individual in the emulation movement."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    awarded_on = models.DateField(db_index=True)
    issuer = models.CharField(max_length=255)
    kind = models.CharField(
        max_length=64, help_text="certificate (giấy khen), merit (bằng khen)… or the file's words"
    )
    recipient_type = models.CharField(max_length=16, choices=RECIPIENT_CHOICES)
    recipient = models.CharField(max_length=255)
    match_recipient = models.CharField(max_length=255, db_index=True)
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "awarded_on", "kind", "recipient_type", "match_recipient"],
                name="unique_award_key",
            ),
        ]
        ordering = ["-awarded_on", "recipient"]

    @property
    def kind_label(self) -> str:
        return AWARD_KIND_LABELS.get(self.kind, self.kind)


class ReportedFigures(_Dated):
    """Figures a unit reported (compiled by the province) where its detailed data is not in
    the system: communes at each level, average criteria, OCOP products, funds.

    Always shown as reported ("số liệu báo cáo"), never mixed silently with figures computed
    from values. ``demo``: invented for the demo, not official.
    """

    communes = models.PositiveIntegerField(help_text="số xã (khu vực nông thôn)")
    communes_ntm = models.PositiveIntegerField()
    communes_advanced = models.PositiveIntegerField(null=True, blank=True)
    communes_model = models.PositiveIntegerField(null=True, blank=True)
    average_criteria = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    ocop_products = models.PositiveIntegerField(null=True, blank=True)
    funds_vnd = models.BigIntegerField(null=True, blank=True)
    reported_by = models.CharField(max_length=255, help_text="nguồn: văn bản, báo cáo")
    reported_on = models.DateField(null=True, blank=True)
    demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="unique_reported_key")
        ]
        ordering = ["unit__path", "period_index"]
