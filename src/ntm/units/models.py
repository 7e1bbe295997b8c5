"""Administrative units: provinces, districts (until 1 July 2025), communes and villages.

Both structures live side by side: the three-tier one valid until 30 June 2025 and the two-tier
one from 1 July 2025, each unit with validity dates, and ``UnitLineage`` rows saying which old
communes became which new one. History stays reportable on the units it happened on.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from ntm.criteria.model import REGION_NAMES
from ntm.textnorm import normalize_name, unit_label

LEVEL_CHOICES = [
    ("province", "Tỉnh/Thành phố"),
    ("district", "Huyện/Quận/Thị xã/Thành phố thuộc tỉnh"),
    ("commune", "Xã/Phường/Thị trấn/Đặc khu"),
    ("village", "Thôn/Bản/Ấp/Tổ dân phố"),
]
LEVEL_DEPTH = {"province": 0, "district": 1, "commune": 2, "village": 3}
REGION_CHOICES = list(REGION_NAMES.items())
GROUP_CHOICES = [("1", "Nhóm 1"), ("2", "Nhóm 2"), ("3", "Nhóm 3")]
ERA_CHOICES = [("2008", "Trước 1/7/2025 (3 cấp)"), ("2025", "Từ 1/7/2025 (2 cấp)")]


class AdminUnit(models.Model):
    """One administrative unit in one era.

    ``code`` is the statistics-office (GSO) code; villages get a code ``<commune code>-<n>``.
    ``path`` is the chain of ids from the root (``/12/345/6789/``) so a subtree is one
    ``path__startswith`` query. ``match_name`` is the name normalised by ``ntm.textnorm``.
    """

    code = models.CharField(max_length=32, db_index=True)
    era = models.CharField(max_length=4, choices=ERA_CHOICES, default="2008")
    name = models.CharField(max_length=128)
    unit_type = models.CharField(
        max_length=32,
        help_text="xã, phường, thị trấn, huyện, quận, thị xã, thành phố, tỉnh, bản, thôn…",
    )
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, blank=True)
    match_name = models.CharField(max_length=128, db_index=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    region = models.CharField(max_length=8, choices=REGION_CHOICES, blank=True)
    province_code = models.CharField(
        max_length=32,
        blank=True,
        help_text="code of the province above (its own for a province): no query per unit",
    )
    commune_group = models.CharField(max_length=1, choices=GROUP_CHOICES, blank=True)
    extremely_difficult = models.BooleanField(default=False)
    safety_zone = models.BooleanField(default=False)
    poor_district = models.BooleanField(
        default=False,
        help_text=(
            "in a poor district (huyện nghèo): with safety_zone, the northern-mountain thresholds"
        ),
    )
    poverty_exit_district = models.BooleanField(default=False)
    dimensions = models.JSONField(
        default=dict,
        blank=True,
        help_text='a province\'s own dimensions, e.g. {"zone": "1"} (Vùng 1)',
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    bbox = models.JSONField(null=True, blank=True, help_text="[min_lon, min_lat, max_lon, max_lat]")
    registered = models.BooleanField(
        default=False,
        help_text=(
            "added by a unit-history file (not in the bundled data): ``ntm init`` never touches it"
        ),
    )
    note = models.TextField(
        blank=True, help_text="where the unit's history comes from (decision, date)"
    )
    history = HistoricalRecords(
        excluded_fields=["path", "match_name", "bbox", "latitude", "longitude"]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "era"], name="unique_unit_code_per_era")
        ]
        ordering = ["path"]

    def __str__(self) -> str:
        return unit_label(self.unit_type, self.name)

    def save(self, *args, **kwargs) -> None:
        """Keep ``match_name`` in step with ``name`` however the unit is edited (admin, shell)."""
        self.match_name = normalize_name(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "match_name"}
        super().save(*args, **kwargs)


CHANGE_CHOICES = [
    ("merger", "Sáp nhập"),
    ("split", "Chia tách"),
    ("rename", "Đổi tên"),
    ("reorganisation", "Sắp xếp lại (1/7/2025)"),
]


class UnitLineage(models.Model):
    """Old unit -> new unit, for the changes that took effect on ``effective``.

    ``kind`` says what happened (the 2025 reorganisation, or a merger, split or rename a
    unit-history file registered); a unit whose validity ends with no lineage was dissolved.
    """

    old = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successors")
    new = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessors")
    effective = models.DateField()
    partial = models.BooleanField(
        default=False, help_text="only part of the old unit went to the new one"
    )
    kind = models.CharField(max_length=16, choices=CHANGE_CHOICES, default="reorganisation")
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="unique_lineage_pair")]


class UnitBoundary(models.Model):
    """A unit's boundary as GeoJSON geometry, imported by ``ntm boundaries``."""

    unit = models.OneToOneField(AdminUnit, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField()
