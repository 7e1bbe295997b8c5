"""Targets (seeds 000, 001, 003: "17/17 xã … kiểu mẫu" by 2025; "đạt chuẩn NTM nâng cao trước
năm 2024"): progress, a projection from the trend, and an at-risk flag. Pure.

The projection is a straight line through the observed points (least squares over time in
years), read at the due date. Why so simple: offices judge "on track" from a handful of yearly
figures; anything cleverer would pretend to a precision the data do not have. It is labelled a
projection, never a forecast of recognition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ntm.criteria.model import LEVEL_WORDS_EN as LEVEL_WORDS_EN_TIERS
from ntm.criteria.model import level_name, level_reached_vi

# "17 xã NTM kiểu mẫu" reads as it is; NTM alone needs its verb: "17 xã đạt chuẩn NTM".
LEVEL_WORDS_VI = {
    tier: level_reached_vi(tier) if tier == "ntm" else level_name(tier)
    for tier in ("ntm", "advanced", "model")
}
LEVEL_WORDS_EN = {tier: LEVEL_WORDS_EN_TIERS[tier] for tier in ("ntm", "advanced", "model")}
STATE_MET, STATE_ON_TRACK, STATE_AT_RISK, STATE_MISSED = "met", "on_track", "at_risk", "missed"


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


def project(points: Sequence[tuple[date, float]], when: date) -> float | None:
    """The least-squares line through ``points`` read at ``when``; None with fewer than two
    dates."""
    if len({d for d, _ in points}) < 2:
        return None
    origin = points[0][0]
    xs = [years_between(origin, d) for d, _ in points]
    ys = [float(v) for _, v in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return my + slope * (years_between(origin, when) - mx)


@dataclass(frozen=True, slots=True)
class TargetProgress:
    """Where a target stands at ``as_of``: ``current`` of ``goal`` (communes at the level for a
    count target; criteria met of the level's set for a unit target), and the projection."""

    unit: str
    unit_name: str
    kind: str  # "unit" or "count"
    level: str
    goal: float
    due: date
    decision: str
    as_of: date
    current: float
    projected: float | None
    history: tuple[tuple[date, float], ...] = ()

    @property
    def reached(self) -> bool:
        return self.current >= self.goal

    @property
    def state(self) -> str:
        if self.reached:
            return STATE_MET
        if self.as_of > self.due:
            return STATE_MISSED
        if self.projected is None or self.projected < self.goal:
            return STATE_AT_RISK
        return STATE_ON_TRACK

    @property
    def at_risk(self) -> bool:
        return self.state in (STATE_AT_RISK, STATE_MISSED)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "kind": self.kind,
            "level": self.level,
            "goal": self.goal,
            "due": self.due.isoformat(),
            "decision": self.decision,
            "current": self.current,
            "projected": None if self.projected is None else round(self.projected, 2),
            "state": self.state,
            "at_risk": self.at_risk,
        }

    def what(self, lang: str = "vi") -> str:
        """ "17 xã NTM kiểu mẫu trước 31/12/2025" / "17 communes at model NTM by 31/12/2025"."""
        if lang == "en":
            level = LEVEL_WORDS_EN.get(self.level, self.level)
            what = (
                f"{_n(self.goal)} communes at {level}"
                if self.kind == "count"
                else f"{self.unit_name} at {level}"
            )
            return f"{what} by {self.due:%d/%m/%Y}"
        level = LEVEL_WORDS_VI.get(self.level, self.level)
        what = (
            f"{_n(self.goal)} xã {level}" if self.kind == "count" else f"{self.unit_name} {level}"
        )
        return f"{what} trước {self.due:%d/%m/%Y}"

    def sentence(self, lang: str = "vi") -> str:
        if lang == "en":
            state = {
                "met": "reached",
                "on_track": "on track",
                "at_risk": "AT RISK",
                "missed": "missed",
            }[self.state]
            return (
                f"Target ({self.decision}): {self.what(lang)}: now "
                f"{_n(self.current)}/{_n(self.goal)}, {state}."
            )
        state = {
            "met": "đã đạt",
            "on_track": "đúng tiến độ",
            "at_risk": "CÓ NGUY CƠ KHÔNG ĐẠT",
            "missed": "không đạt đúng hạn",
        }[self.state]
        return (
            f"Mục tiêu ({self.decision}): {self.what(lang)}: hiện "
            f"{_n(self.current)}/{_n(self.goal)}, {state}."
        )


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class TargetsSection:
    """The summary's "targets" block (``ntm.reports.sections.SummarySection``)."""

    items: tuple[TargetProgress, ...]
    key: str = "targets"
    replaces: tuple[str, ...] = ()

    def to_json(self) -> list[dict[str, Any]]:
        return [t.to_json() for t in self.items]

    def lines(self, lang: str) -> list[str]:
        return [t.sentence(lang) for t in self.items]

    def rows(self, lang: str) -> list[list[Any]]:
        label, measure = (
            ("Target", {"count": "communes", "unit": "criteria"})
            if lang == "en"
            else ("Mục tiêu", {"count": "xã", "unit": "tiêu chí"})
        )
        return [
            [f"{label}: {t.what(lang)}", measure[t.kind], None, t.current, None] for t in self.items
        ]
