"""Indicator values as entered or imported, with their full history."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ntm.units.models import AdminUnit

SOURCE_CHOICES = [
    ("form", "Nhập trên web"),
    ("import", "Nhập từ tệp"),
    ("api", "API"),
    ("demo", "Dữ liệu mẫu"),
]


class IndicatorValue(models.Model):
    """One value of one indicator of one set for one unit and period.

    ``raw`` keeps the text as entered ("95,5%"); the parsed value lives in exactly one of
    ``value_number``/``value_bool``/``value_text`` or ``not_applicable``. ``version`` is the
    optimistic lock: a save that starts from an older version is refused.
    """

    # One index besides the primary key: the unique (set_code, unit, indicator_code, period),
    # which serves every lookup (a set for some units, a unit's set, one value) and returns a
    # set's values grouped by unit. Each extra index costs a national import (750,000 rows,
    # twice with history) about a tenth of its time.
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    period = models.CharField(max_length=7, help_text="YYYY or YYYY-MM")
    period_index = models.IntegerField(help_text="ntm.criteria.inputs.Period.index")
    set_code = models.CharField(max_length=64)
    indicator_code = models.CharField(max_length=16)
    raw = models.CharField(max_length=255, blank=True)
    value_number = models.FloatField(null=True, blank=True)
    value_bool = models.BooleanField(null=True, blank=True)
    value_text = models.TextField(blank=True)
    not_applicable = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=8, choices=SOURCE_CHOICES, default="form")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # A value's history is read by its id (indexed by simple_history); unit and author indexes
    # on the history table would only slow imports down.
    history = HistoricalRecords(no_db_index=["unit", "author"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["set_code", "unit", "indicator_code", "period"],
                name="unique_value_per_unit_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.set_code} {self.indicator_code} {self.period} = {self.raw}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.value.unit_id}/{instance.value.set_code}/{filename}"


class Evidence(models.Model):
    """A file (PDF, image, office document) supporting a value (minh chứng)."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)


class StoredResult(models.Model):
    """A unit's evaluation for one set as of one period, kept current (issue 13).

    Why stored: pages, reports and the API count criteria for thousands of units; the engine
    runs when values change (``ntm.assessments.stored``), not on every request. ``digest`` is
    the fingerprint of the set's rules and of the unit's profile when this was computed: a row
    under another fingerprint is stale and recomputed when read. ``level`` is the level by data
    on the unit's ladder at this period (never a level by recognition decision). The letters are
    one status per criterion and per indicator, in set order (``ntm.criteria.compact``).

    A row is replaced (deleted and inserted, ``stored.refresh_rows``), never updated in place:
    ids are never reused, so the page cache keys a programme's figures on the rows' ids.
    """

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    set_code = models.CharField(max_length=64)
    period = models.CharField(max_length=7)
    period_index = models.IntegerField()
    digest = models.CharField(max_length=32)
    criteria_met = models.PositiveSmallIntegerField()
    criteria_total = models.PositiveSmallIntegerField()
    indicators_met = models.PositiveSmallIntegerField()
    indicators_total = models.PositiveSmallIntegerField()
    indicators_missing = models.PositiveSmallIntegerField()
    met = models.BooleanField()
    is_current = models.BooleanField()
    has_values = models.BooleanField()
    level = models.CharField(max_length=16, blank=True)
    criteria_letters = models.CharField(max_length=64)
    indicator_letters = models.TextField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["set_code", "period", "unit"], name="unique_result_per_unit_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.set_code} {self.period}: {self.criteria_met}"


class LevelsVersion(models.Model):
    """One row: with the count of ``LevelsChange`` rows, a version that moves whenever the
    communes' stored levels by data might have (``ntm.assessments.levels_version``), so a
    figure drawn from every commune of the country (a province's rank among provinces) is
    cached under it and never read stale.

    Why a counter: the exact key of such a figure (a digest of every commune and its stored
    rows) costs as much as the figure. ``token`` tells databases apart (a restored backup of
    another database may hold the same number) and changes when the changes are compacted."""

    token = models.CharField(max_length=32)
    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.token}:{self.number}"


class LevelsChange(models.Model):
    """One row per change that moved the levels version on PostgreSQL: concurrent writers each
    add a row (an insert waits for no one) where updating one counter row would queue them
    behind each other, and could deadlock with the units they lock. Only ever added to, until
    ``ntm results rebuild`` compacts them under a new token."""
