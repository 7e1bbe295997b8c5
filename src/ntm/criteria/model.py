"""The in-memory shape of a criteria set, as the loader builds it from a YAML file.

Frozen dataclasses: a loaded set is shared by every evaluation and must never change under it.
Pure Python, no Django (design.md §2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm.textnorm import upper_first

KINDS = ("boolean", "percent", "number", "text")
OPS = (">=", ">", "<=", "<", "==", "in", "is_true")
LEVELS = ("commune", "village", "district", "province")
TIERS = ("ntm", "advanced", "model", "modern")
DIMENSIONS = ("region", "group", "year")
REGIONS = ("TDMNPB", "ĐBSH", "BTB", "DHNTB", "TN", "ĐNB", "ĐBSCL")
# The words for the codes above, named once here (the pure core); the web translates them once,
# through its catalogue (msgctxt "level" for levels).
REGION_NAMES = {
    "TDMNPB": "Trung du và miền núi phía Bắc",
    "ĐBSH": "Đồng bằng sông Hồng",
    "BTB": "Bắc Trung Bộ",
    "DHNTB": "Duyên hải Nam Trung Bộ",
    "TN": "Tây Nguyên",
    "ĐNB": "Đông Nam Bộ",
    "ĐBSCL": "Đồng bằng sông Cửu Long",
}
LEVEL_NAMES_VI = {
    "ntm": "NTM",
    "advanced": "NTM nâng cao",
    "model": "NTM kiểu mẫu",
    "modern": "NTM hiện đại",
}
# A level inside an English sentence ("communes at advanced NTM"); capitalised for tables.
LEVEL_WORDS_EN = {
    "ntm": "NTM",
    "advanced": "advanced NTM",
    "model": "model NTM",
    "modern": "modern NTM",
}
LEVEL_NAMES_EN = {level: upper_first(words) for level, words in LEVEL_WORDS_EN.items()}
NO_LEVEL_VI, NO_LEVEL_EN = "Chưa đạt chuẩn", "Not reached"


def level_name(level: str | None, lang: str = "vi") -> str:
    """A level (tier) as tables and legends name it: "NTM nâng cao", or "Chưa đạt chuẩn" for
    None."""
    names, none = (LEVEL_NAMES_EN, NO_LEVEL_EN) if lang == "en" else (LEVEL_NAMES_VI, NO_LEVEL_VI)
    return names.get(level, level) if level else none


def level_reached_vi(level: str | None) -> str:
    """A level in a sentence: "đạt chuẩn NTM nâng cao", "chưa đạt chuẩn NTM"."""
    return f"đạt chuẩn {LEVEL_NAMES_VI.get(level, level)}" if level else "chưa đạt chuẩn NTM"


GROUPS = ("1", "2", "3")
CONDITIONS_NUMBER = 0


@dataclass(frozen=True, slots=True)
class Dimension:
    """A dimension a province file declares for its own thresholds ("zone": Vùng 1 / Vùng 2).

    Why: a province's set may split communes by something the national sets do not know
    (Thanh Hóa's 2024 set distinguishes "Vùng 1" and "Vùng 2"); each commune is assigned a
    value like its commune group (``ntm profiles`` with a column named after ``key``).
    """

    key: str
    label: str
    values: tuple[tuple[str, str], ...]  # (code, label): ("1", "Vùng 1")

    def value_label(self, code: str) -> str:
        return dict(self.values).get(code, code)


@dataclass(frozen=True, slots=True)
class ThresholdRef:
    """A threshold taken from another set's indicator, times a factor.

    Why: the model commune (319) needs income at least 10% above the advanced-commune income
    threshold "at the same time", so the value must follow that threshold, not be copied.
    """

    set_code: str
    indicator: str
    factor: float = 1.0


@dataclass(frozen=True, slots=True)
class ThresholdSpec:
    """A threshold tree: a leaf ``value``, or a branch ``by`` one dimension.

    ``cases`` maps a region code, a commune group ("1".."3") or a year ("2023") to a sub-tree;
    ``default`` is the general value (chỉ tiêu chung) used where no case matches.
    """

    value: Any = None
    by: str | None = None
    cases: tuple[tuple[str, ThresholdSpec | ThresholdRef], ...] = ()
    default: ThresholdSpec | ThresholdRef | None = None

    @property
    def is_leaf(self) -> bool:
        return self.by is None


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A district indicator computed from its communes' results (Decision 320).

    ``measure``: ``share_at_level`` (percent of communes that reached ``level``) or
    ``share_meeting_set`` (percent of communes meeting every criterion of ``set_code``).
    """

    measure: str
    level: str | None = None
    set_code: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator. ``optional``: the law says "(nếu có)", so a unit may declare it does not
    apply; any other indicator must be given a value."""

    code: str
    name: str
    kind: str
    op: str
    threshold: ThresholdSpec | ThresholdRef | None
    unit: str = ""
    source: str = ""
    verified: bool = False
    note: str = ""
    department: str = ""
    applies_if: str | None = None
    aggregate: Aggregate | None = None
    overridden_by: str = ""
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Criterion:
    number: int
    name: str
    indicators: tuple[Indicator, ...]
    group: str = ""
    department: str = ""
    key: bool = False

    @property
    def is_condition(self) -> bool:
        """Criterion 0 holds conditions outside the law's numbered criteria (Decision 320's
        conditions on a district's communes): required, but not counted in "9/9 tiêu chí"."""
        return self.number == CONDITIONS_NUMBER


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    code: str
    name: str
    level: str
    tier: str
    threshold_by: str | None
    declared_criteria: int
    declared_indicators: int
    criteria: tuple[Criterion, ...]
    valid_from: str = ""
    valid_to: str = ""
    source: str = ""
    source_url: str = ""
    requires: tuple[str, ...] = ()
    province: str | None = None
    # The era of the province an override belongs to ("2008" or "2025", "" when the file does
    # not say): a code both eras hold may name two provinces (91: Kiên Giang, then An Giang).
    province_era: str = ""
    base: str | None = None
    notes: str = ""
    path: str = ""
    revocation_key_criteria: tuple[int, ...] = field(default=())
    dimensions: tuple[Dimension, ...] = ()
    # The first year whose values the set takes, when not the year it came into force
    # (``ntm.criteria.validity``).
    periods_from: int | None = None
    # Whether the set's source as a whole was confirmed (province data must say; None: the file
    # does not say, as the national files, whose provenance is per indicator).
    verified: bool | None = None

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for c in self.criteria for i in c.indicators)

    @property
    def encoded_indicators(self) -> int:
        return sum(len(c.indicators) for c in self.criteria)

    @property
    def counted_criteria(self) -> tuple[Criterion, ...]:
        """The numbered criteria the law counts (criterion 0, the conditions, left out)."""
        return tuple(c for c in self.criteria if not c.is_condition)

    @property
    def complete(self) -> bool:
        """True when every indicator the law declares is encoded (e.g. not "12 of 47")."""
        return (
            len(self.counted_criteria) == self.declared_criteria
            and self.encoded_indicators == self.declared_indicators
        )

    def criterion(self, number: int) -> Criterion:
        for c in self.criteria:
            if c.number == number:
                return c
        raise KeyError(number)

    def indicator(self, code: str) -> Indicator:
        for i in self.indicators:
            if i.code == code:
                return i
        raise KeyError(code)
