"""The summary's structures: a unit's standing, the figures a summary counts, averages, the rank
among siblings, and the summary itself with its JSON.

Why here, at the bottom of ``ntm.reports``: ``programme_text`` and ``summary_text_en`` read these
to write the summary, and ``summary`` builds them with that text. Every name stays importable
from ``ntm.reports.summary``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ntm.criteria.model import TIERS
from ntm.criteria.results import Outcome
from ntm.reports.structures.review import UnitRef
from ntm.reports.structures.sections import SummarySection

LADDER = TIERS
COMMUNE_LEVELS = ("ntm", "advanced", "model")
VILLAGE_LEVELS = ("ntm", "model")
PLACEHOLDERS = ("ocop_products", "funds_mobilised", "physical_outputs")


@dataclass(frozen=True, slots=True)
class UnitStanding:
    """A commune or village at one period: the level it reached and criteria met per set.

    ``criteria_met`` holds the sets the unit reports against at the period by the one rule every
    per-unit figure uses (``Outcome.is_current``: a value no older than 12 months), so a
    summary's average over a set counts the communes the review of that set lists. ``level`` is
    the level by data on the ladder (values of any age: a level reached stays reached until
    data say otherwise), and ``has_values`` says whether the unit has any value at all (None:
    as ``criteria_met`` says, for standings made by hand).
    """

    code: str
    name: str
    level: str | None
    criteria_met: Mapping[str, int] = field(default_factory=dict)
    has_values: bool | None = None

    @property
    def has_data(self) -> bool:
        """Some value of any age for a set of the ladder: "chưa có số liệu" when not."""
        return bool(self.criteria_met) if self.has_values is None else self.has_values

    @classmethod
    def of(
        cls, code: str, name: str, level: str | None, results: Mapping[str, Outcome]
    ) -> UnitStanding:
        """From the unit's results per set: criteria met of the current ones only."""
        return cls(
            code,
            name,
            level,
            {s: r.criteria_met for s, r in results.items() if r.is_current},
            has_values=any(r.has_values for r in results.values()),
        )


@dataclass(frozen=True, slots=True)
class SummarySets:
    """Which criteria sets the averages use: commune NTM, commune advanced, village."""

    ntm: str | None
    advanced: str | None = None
    village: str | None = None


@dataclass(frozen=True, slots=True)
class Average:
    """An average over the units with data for the set; ``of`` is how many units there are,
    so a reader sees that "17,6 tiêu chí/xã" was counted over 12 of 27 communes."""

    value: float
    units: int  # how many units report against the set (current values: ``UnitStanding``)
    of: int | None = None  # how many units the figure covers in all

    def to_json(self) -> dict[str, Any]:
        return {"value": round(self.value, 2), "units": self.units, "of": self.of}


@dataclass(frozen=True, slots=True)
class ProgrammeFigures:
    """Everything a summary counts, for one unit at one period."""

    period: str
    communes: int
    communes_at: Mapping[str, int]
    villages: int
    villages_at: Mapping[str, int]
    average_ntm: Average | None
    average_advanced: Average | None
    average_village: Average | None
    sets: SummarySets
    communes_no_data: int = 0  # communes with no value for any set of the ladder
    villages_no_data: int = 0
    carried_forward: bool = (
        False  # no value dated within the period: figures are an earlier period's
    )
    # The unit did not exist yet at the period: the figures are the sum of the units it was made
    # from (its predecessors in force then), never the unit's own. ``partial``: units only part
    # of which went into it, counted whole.
    aggregate_of: tuple[UnitRef, ...] = ()
    aggregate_partial: tuple[str, ...] = ()

    @property
    def ntm_share(self) -> float:
        """Percent of communes at NTM or above (0 when there are no communes)."""
        return 100.0 * self.communes_at.get("ntm", 0) / self.communes if self.communes else 0.0

    def to_json(self) -> dict[str, Any]:
        def avg(a: Average | None) -> dict[str, Any] | None:
            return a.to_json() if a else None

        out: dict[str, Any] = {
            "period": self.period,
            "carried_forward": self.carried_forward,
            "communes": {
                "total": self.communes,
                **dict(self.communes_at),
                "ntm_share": round(self.ntm_share, 2),
                "no_data": self.communes_no_data,
            },
            "villages": {
                "total": self.villages,
                **dict(self.villages_at),
                "no_data": self.villages_no_data,
            },
            "average_criteria": {
                "commune_ntm": avg(self.average_ntm),
                "commune_advanced": avg(self.average_advanced),
                "village": avg(self.average_village),
            },
            "sets": {
                "ntm": self.sets.ntm,
                "advanced": self.sets.advanced,
                "village": self.sets.village,
            },
        }
        if self.aggregate_of:
            out["aggregate_of"] = [
                {
                    "code": u.code,
                    "name": u.name,
                    "type": u.kind,
                    "partial": u.code in self.aggregate_partial,
                }
                for u in self.aggregate_of
            ]
        return out


@dataclass(frozen=True, slots=True)
class SiblingShare:
    """A sibling unit (another district of the province…) and its communes at NTM.

    ``has_data``: some commune of it has values for the period. A sibling without data is
    not ranked: counting it at 0% would put a district with one NTM commune "first"."""

    code: str
    name: str
    communes: int
    ntm_communes: int
    has_data: bool = True
    reported: str = (
        ""  # the figures are the sibling's own report (this says whose, when), not computed
    )

    @property
    def share(self) -> float:
        return self.ntm_communes / self.communes if self.communes else 0.0


@dataclass(frozen=True, slots=True)
class Rank:
    """Position among the siblings with data (``of`` of them); ``siblings`` counts them all."""

    position: int
    of: int
    share: float
    parent: UnitRef | None = None
    siblings_label: str = ""  # "huyện, thị xã, thành phố": what the siblings are called
    siblings: int | None = None  # all siblings valid at the period, with data or not
    siblings_label_en: str = ""  # "districts"
    reported: tuple[
        tuple[str, str, str], ...
    ] = ()  # (code, name, source) of siblings ranked on reported figures

    @property
    def siblings_total(self) -> int:
        return self.of if self.siblings is None else self.siblings

    @property
    def all_have_data(self) -> bool:
        return self.siblings_total == self.of

    def to_json(self) -> dict[str, Any]:
        return (
            sibling_place(self.position, self.of, self.siblings_total)
            | {
                "ntm_share": round(100 * self.share, 2),
                "by": "ntm_share",
                "parent": {"code": self.parent.code, "name": self.parent.name}
                if self.parent
                else None,
            }
            | (
                {"reported": [{"code": c, "name": n, "source": src} for c, n, src in self.reported]}
                if self.reported
                else {}
            )
        )


def sibling_place(position: int, of: int, siblings_total: int) -> dict[str, Any]:
    """THE shape of a rank among siblings in the JSON (the NTM share's and the OCOP products'):
    the position among the ``of`` siblings with a figure, and whether that is all of them (a
    sibling without any figure is not ranked last, it is not ranked)."""
    return {
        "position": position,
        "of": of,
        "among": "all_siblings" if siblings_total == of else "siblings_with_data",
        "siblings_with_data": of,
        "siblings_total": siblings_total,
    }


@dataclass(frozen=True, slots=True)
class Summary:
    unit: UnitRef
    figures: ProgrammeFigures
    earlier: ProgrammeFigures | None = None
    rank: Rank | None = None
    provided: Mapping[str, Any] = field(default_factory=dict)
    village_word: str = "thôn"  # "bản" in the mountains, "ấp" in the south
    text: str = ""
    text_en: str = ""
    since_default: bool = False  # the earlier period was chosen for the user (end of previous year)
    extra_notes: tuple[
        tuple[str, str], ...
    ] = ()  # (vi, en) notes from the caller (unit data caveats)
    notes: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()
    sections: tuple[SummarySection, ...] = ()  # blocks from other apps (recognitions, OCOP, funds…)

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The placeholders no section fills: printed as "no data" (never as zero)."""
        filled = {key for section in self.sections for key in section.replaces}
        return tuple(key for key in PLACEHOLDERS if key not in filled)

    @property
    def changes(self) -> dict[str, Any] | None:
        return changes_between(self.earlier, self.figures) if self.earlier else None

    def to_json(self) -> dict[str, Any]:
        data = {"unit": {"code": self.unit.code, "name": self.unit.name}, **self.figures.to_json()}
        data["since"] = self.earlier.period if self.earlier else None
        data["since_default"] = self.since_default if self.earlier else None
        data["earlier"] = self.earlier.to_json() if self.earlier else None
        data["changes"] = self.changes
        data["rank"] = self.rank.to_json() if self.rank else None
        for section in self.sections:
            data[section.key] = section.to_json()
        if self.placeholders:
            data["not_yet_available"] = {key: self.provided.get(key) for key in self.placeholders}
        data["village_word"] = self.village_word
        data["notes"] = list(self.notes)
        data["notes_en"] = list(self.notes_en)
        data["text"] = self.text
        data["text_en"] = self.text_en
        return data


def changes_between(earlier: ProgrammeFigures, now: ProgrammeFigures) -> dict[str, Any]:
    """Differences now minus earlier; an average missing at either end has no change."""

    def avg(a: Average | None, b: Average | None) -> float | None:
        return round(b.value - a.value, 2) if a and b else None

    return {
        "communes": {
            k: now.communes_at.get(k, 0) - earlier.communes_at.get(k, 0) for k in COMMUNE_LEVELS
        },
        "villages": {
            k: now.villages_at.get(k, 0) - earlier.villages_at.get(k, 0) for k in VILLAGE_LEVELS
        },
        "average_criteria": {
            "commune_ntm": avg(earlier.average_ntm, now.average_ntm),
            "commune_advanced": avg(earlier.average_advanced, now.average_advanced),
            "village": avg(earlier.average_village, now.average_village),
        },
    }
