"""The progress structure: the summary's figures per period, as a table and as chart series.

Why here, at the bottom of ``ntm.reports``: ``progress_text`` reads it to write its sentences and
``progress`` builds it with that text. The marks a period's label carries (figures carried
forward, figures of predecessor units) are named here because the labels are part of the
structure every renderer prints; the text modules import them from here. Every name stays
importable from ``ntm.reports.progress``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm.reports.structures.review import UnitRef
from ntm.reports.structures.summary import ProgrammeFigures

CARRIED_FORWARD_VI = "số liệu kỳ trước"
CARRIED_FORWARD_EN = "carried forward"
AGGREGATE_MARK_VI = "tổng hợp các đơn vị trước sắp xếp"
AGGREGATE_MARK_EN = "aggregate of predecessor units"

SERIES_LABELS = {
    "ntm_share": ("Tỷ lệ xã đạt chuẩn NTM (%)", "Communes at NTM (%)"),
    "average_ntm": ("Bình quân tiêu chí NTM/xã", "Average NTM criteria per commune"),
    "average_advanced": (
        "Bình quân tiêu chí NTM nâng cao/xã",
        "Average advanced criteria per commune",
    ),
    "communes_ntm": ("Số xã đạt chuẩn NTM", "Communes at NTM"),
    "communes_advanced": ("Số xã đạt NTM nâng cao", "Communes at advanced NTM"),
    "communes_model": ("Số xã đạt NTM kiểu mẫu", "Communes at model NTM"),
    "communes_no_data": ("Số xã chưa có số liệu", "Communes with no data"),
}


@dataclass(frozen=True, slots=True)
class Progress:
    unit: UnitRef
    points: tuple[ProgrammeFigures, ...]
    text: str = ""
    text_en: str = ""

    def series(self) -> dict[str, list[float | None]]:
        """One list per figure, aligned with the periods (None where a figure is unknown)."""

        def avg(p: ProgrammeFigures, name: str) -> float | None:
            a = getattr(p, name)
            return round(a.value, 2) if a else None

        return {
            "ntm_share": [round(p.ntm_share, 2) for p in self.points],
            "average_ntm": [avg(p, "average_ntm") for p in self.points],
            "average_advanced": [avg(p, "average_advanced") for p in self.points],
            "communes_ntm": [p.communes_at.get("ntm", 0) for p in self.points],
            "communes_advanced": [p.communes_at.get("advanced", 0) for p in self.points],
            "communes_model": [p.communes_at.get("model", 0) for p in self.points],
            "communes_no_data": [p.communes_no_data for p in self.points],
        }

    def period_labels(self, lang: str = "vi") -> list[str]:
        """Row labels for tables: "2012 (số liệu kỳ trước)" where no value is dated in the period,
        so a repeated figure is not read as a year without progress."""
        mark = CARRIED_FORWARD_VI if lang == "vi" else CARRIED_FORWARD_EN
        joined = AGGREGATE_MARK_VI if lang == "vi" else AGGREGATE_MARK_EN

        def label(p: ProgrammeFigures) -> str:
            marks = [
                m for m, on in ((joined, bool(p.aggregate_of)), (mark, p.carried_forward)) if on
            ]
            return f"{p.period} ({'; '.join(marks)})" if marks else p.period

        return [label(p) for p in self.points]

    def to_json(self) -> dict[str, Any]:
        series = self.series()
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "periods": [p.period for p in self.points],
            "carried_forward_periods": [p.period for p in self.points if p.carried_forward],
            # periods before the unit existed: its predecessors' figures added up (rows say which)
            "aggregated_periods": [p.period for p in self.points if p.aggregate_of],
            "rows": [p.to_json() for p in self.points],
            "chart": {
                "labels": [p.period for p in self.points],
                "series": [
                    {
                        "key": key,
                        "label": SERIES_LABELS[key][0],
                        "label_en": SERIES_LABELS[key][1],
                        "values": values,
                    }
                    for key, values in series.items()
                ],
            },
            "text": self.text,
            "text_en": self.text_en,
        }
