"""OCOP products and their star ratings (Decision 148/QĐ-TTg 2023, amended by 1489/2025).

One row is one rating of one product: a product re-evaluated in a later year gets a new row,
so the history of its stars is kept. The natural key of a rating is (unit, product name as
normalised by ``ntm.textnorm``, evaluation year): importing the same file again changes nothing.
A certificate is valid for 36 months from its decision date (or from 1 January of the
evaluation year when the file gives no date).
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db import models
from simple_history.models import HistoricalRecords

from ntm.units.models import AdminUnit

VALIDITY_MONTHS = 36
GROUP_CHOICES = [
    (1, "Thực phẩm"),
    (2, "Đồ uống"),
    (3, "Thảo dược"),
    (4, "Vải và may mặc"),
    (5, "Lưu niệm - nội thất - trang trí"),
    (6, "Dịch vụ du lịch cộng đồng và điểm du lịch"),
]
STAR_CHOICES = [(3, "3 sao"), (4, "4 sao"), (5, "5 sao")]
LEVEL_CHOICES = [
    ("district", "cấp huyện"),
    ("province", "cấp tỉnh"),
    ("national", "cấp trung ương"),
]
PRODUCER_KIND_CHOICES = [
    ("cooperative", "Hợp tác xã"),
    ("enterprise", "Doanh nghiệp"),
    ("household", "Hộ sản xuất, kinh doanh"),
    ("other", "Khác"),
]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31/1 + 1 month is 28 or 29/2)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class OcopProducer(models.Model):
    """The product's owner (chủ thể OCOP): a cooperative, an enterprise or a household business."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="ocop_producers")
    name = models.CharField(max_length=255)
    match_name = models.CharField(max_length=255, db_index=True)
    kind = models.CharField(max_length=16, choices=PRODUCER_KIND_CHOICES, default="other")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "match_name"], name="unique_ocop_producer_per_unit"
            )
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OcopProduct(models.Model):
    """One star rating of one OCOP product."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="ocop_products")
    name = models.CharField(max_length=255)
    match_name = models.CharField(max_length=255, db_index=True)
    producer = models.ForeignKey(OcopProducer, on_delete=models.PROTECT, related_name="products")
    group = models.PositiveSmallIntegerField(choices=GROUP_CHOICES)
    year = models.PositiveSmallIntegerField(help_text="năm đánh giá, phân hạng")
    score = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="điểm /100"
    )
    score_a = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="phần A (tối đa 40)"
    )
    score_b = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="phần B (tối đa 25)"
    )
    score_c = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="phần C (tối đa 35)"
    )
    stars = models.PositiveSmallIntegerField(choices=STAR_CHOICES)
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES)
    decision = models.CharField(max_length=128, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=64, blank=True, help_text="how it came: import, web, demo")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "match_name", "year"], name="unique_ocop_rating_per_year"
            ),
        ]
        ordering = ["unit__path", "name", "year"]

    def __str__(self) -> str:
        return f"{self.name} ({self.stars} sao, {self.year})"

    @property
    def effective_on(self) -> date:
        """The day the rating counts from: its decision date, or 1 January of its year."""
        return self.decided_on or date(self.year, 1, 1)

    @property
    def expires_on(self) -> date:
        return add_months(self.effective_on, VALIDITY_MONTHS)
