"""The summary's "recognised" section: units recognised by decision, as of the period's end.

Pure. Why a section of its own and not the summary's first line: that line answers "which
units meet the set in force, by the data"; this one answers "which units a decision recognises
(and no later decision revoked)". Reports print both, each labelled (design.md §10).

Counts in the JSON are inclusive (a model commune is also advanced and NTM). The sentence
writes the communes above NTM each once at its highest level, as the seeds do ("11 xã đạt
chuẩn NTM nâng cao, 2 xã đạt chuẩn NTM kiểu mẫu" are thirteen communes beyond NTM).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ntm.criteria.model import LEVEL_WORDS_EN as LEVEL_WORDS_EN_TIERS
from ntm.criteria.model import level_reached_vi
from ntm.reports.narrative import count_vi
from ntm.textnorm import format_date_vi, upper_first

# Village levels are the ntm and model tiers, said of a village.
LEVEL_WORDS_VI = {
    **{tier: level_reached_vi(tier) for tier in ("ntm", "advanced", "model")},
    "village-ntm": level_reached_vi("ntm"),
    "village-model": level_reached_vi("model"),
}
LEVEL_WORDS_EN = {
    **{tier: LEVEL_WORDS_EN_TIERS[tier] for tier in ("ntm", "advanced", "model")},
    "village-ntm": f"village {LEVEL_WORDS_EN_TIERS['ntm']}",
    "village-model": "model village NTM",
}
# Fills no placeholder of the summary; tells it that recognitions now answer "recognised as",
# so the note "levels come from data, not decisions" gives way to one naming both answers.
ANSWERS_RECOGNISED = "levels_from_data_note"
ROW_LABELS = {
    ("communes", "ntm"): (
        "Số xã được công nhận đạt chuẩn NTM (theo quyết định)",
        "Communes recognised NTM (by decision)",
    ),
    ("communes", "advanced"): (
        "Số xã được công nhận NTM nâng cao (theo quyết định)",
        "Communes recognised advanced (by decision)",
    ),
    ("communes", "model"): (
        "Số xã được công nhận NTM kiểu mẫu (theo quyết định)",
        "Communes recognised model (by decision)",
    ),
    ("villages", "ntm"): (
        "Số {v} được công nhận đạt chuẩn NTM (theo quyết định)",
        "Villages recognised NTM (by decision)",
    ),
    ("villages", "model"): (
        "Số {v} được công nhận NTM kiểu mẫu (theo quyết định)",
        "Villages recognised model (by decision)",
    ),
}


@dataclass(frozen=True, slots=True)
class OwnRecognition:
    """A recognition of the summary's unit itself (a district recognised NTM)."""

    level: str
    decision: str
    date: date
    issuer: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "decision": self.decision, "date": self.date.isoformat()}


@dataclass(frozen=True, slots=True)
class RecognisedCount:
    """Inclusive counts (``communes``: ntm/advanced/model; ``villages``: ntm/model) and the
    communes and villages by their highest level, on one date."""

    on: date
    communes: Mapping[str, int]
    villages: Mapping[str, int]
    communes_by_top: Mapping[str, int] = field(default_factory=dict)
    villages_by_top: Mapping[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.communes.values()) and not any(self.villages.values())


@dataclass(frozen=True, slots=True)
class RecognisedSection:
    """``SummarySection`` "recognised" (``ntm.reports.sections``)."""

    unit_label: str  # "huyện Quan Sơn"
    unit_name: str
    now: RecognisedCount
    earlier: RecognisedCount | None = None
    own: Sequence[OwnRecognition] = ()
    village_word: str = "thôn"
    key: str = "recognised"

    @property
    def replaces(self) -> tuple[str, ...]:
        return (ANSWERS_RECOGNISED,) if (not self.now.empty or self.own) else ()

    def to_json(self) -> dict[str, Any]:
        return {
            "communes": {k: self.now.communes.get(k, 0) for k in ("ntm", "advanced", "model")},
            "villages": {k: self.now.villages.get(k, 0) for k in ("ntm", "model")},
            "unit": [r.to_json() for r in self.own],
        }

    def lines(self, lang: str) -> list[str]:
        return self._lines_en() if lang == "en" else self._lines_vi()

    def _lines_vi(self) -> list[str]:
        when = format_date_vi(self.now.on)
        head = f"Theo quyết định công nhận (chưa bị thu hồi), lũy kế đến {when}"
        if self.now.empty:
            lines = [
                f"{head}: chưa có xã, {self.village_word} nào trong {self.unit_label} được ghi "
                "nhận công nhận đạt chuẩn NTM."
            ]
        else:
            lines = [
                f"{head}: toàn {self.unit_label} đã có "
                f"{recognised_text_vi(self.now, self.village_word)}."
            ]
        lines += [
            f"{upper_first(self.unit_label)} được công nhận "
            f"{LEVEL_WORDS_VI[r.level]} theo Quyết định số {r.decision} ngày "
            f"{format_date_vi(r.date)}{f' của {r.issuer}' if r.issuer else ''}."
            for r in self.own
        ]
        return lines

    def _lines_en(self) -> list[str]:
        head = f"By recognition decision (not revoked), as of {self.now.on.isoformat()}"
        c, v = self.now.communes, self.now.villages
        if self.now.empty:
            lines = [
                f"{head}: no commune or village of {self.unit_name} is recorded as recognised NTM."
            ]
        else:
            lines = [
                f"{head}: {c.get('ntm', 0)} communes and {v.get('ntm', 0)} villages "
                "recognised NTM, "
                f"of which {c.get('advanced', 0)} communes advanced (including model), "
                f"{c.get('model', 0)} communes and {v.get('model', 0)} villages model."
            ]
        lines += [
            f"{self.unit_name} is recognised {LEVEL_WORDS_EN[r.level]} by Decision {r.decision} "
            f"of {r.date.isoformat()}."
            for r in self.own
        ]
        return lines

    def rows(self, lang: str) -> list[list[Any]]:
        rows = []
        for (group, level), labels in ROW_LABELS.items():
            label = labels[1] if lang == "en" else labels[0].format(v=self.village_word)
            now = getattr(self.now, group).get(level, 0)
            before = getattr(self.earlier, group).get(level, 0) if self.earlier else None
            rows.append(
                [
                    label,
                    "xã" if group == "communes" else self.village_word,
                    before,
                    now,
                    None if before is None else now - before,
                ]
            )
        return rows


def recognised_text_vi(count: RecognisedCount, village: str) -> str:
    """ "02 xã, 56 bản đạt chuẩn NTM; 09 bản đạt chuẩn NTM kiểu mẫu" (seed 004's words)."""
    c, v = count.communes, count.villages
    ntm = [
        f"{count_vi(n)} {word}"
        for n, word in ((c.get("ntm", 0), "xã"), (v.get("ntm", 0), village))
        if n
    ]
    text = f"{', '.join(ntm)} đạt chuẩn NTM"
    above = [
        (count.communes_by_top.get("advanced", 0), "xã đạt chuẩn NTM nâng cao"),
        (count.communes_by_top.get("model", 0), "xã đạt chuẩn NTM kiểu mẫu"),
        (v.get("model", 0), f"{village} đạt chuẩn NTM kiểu mẫu"),
    ]
    parts = [f"{count_vi(n)} {what}" for n, what in above if n]
    return f"{text}; {', '.join(parts)}" if parts else text
