"""Can any data set produce these published figures? Pure arithmetic on a published review.

Why: offices publish groups ("04 xã đạt 18/19 tiêu chí, 56/57 chỉ tiêu") and per-criterion counts
("Tiêu chí số 2 có 5 xã chưa đạt") typed by hand. Before reproducing them, or trusting them, we
check that they fit together. Seed 002's advanced list adds up to 55 unmet criteria while its
groups imply 54; its NTM list has a commune meeting 15/19 criteria and 54/57 indicators, which
is impossible (four failed criteria fail at least four indicators, so at most 53 are met).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CONTRADICTION, WARNING = "contradiction", "warning"

GROUP_TOTAL_VI = "Tổng số xã trong các nhóm ({groups}) khác tổng số xã công bố ({total})."
GROUP_TOTAL_EN = "The groups hold {groups} communes but the published total is {total}."
GROUP_NAMES_VI = "Nhóm đạt {met} tiêu chí ghi {count} xã nhưng kể tên {names} xã."
GROUP_NAMES_EN = "The group meeting {met} criteria says {count} communes but names {names}."
CRITERIA_RANGE_VI = "Nhóm đạt {met}/{total} tiêu chí vượt quá số tiêu chí của bộ."
CRITERIA_RANGE_EN = "The group meeting {met}/{total} criteria exceeds the set's criteria."
INDICATOR_ORDER_VI = "Nhóm đạt {met} tiêu chí có khoảng chỉ tiêu {low}-{high} ngược chiều."
INDICATOR_ORDER_EN = (
    "The group meeting {met} criteria has an indicator range {low}-{high} upside down."
)
SINGLE_RANGE_VI = "Nhóm đạt {met} tiêu chí chỉ có 01 xã nhưng ghi khoảng chỉ tiêu {low}-{high}."
SINGLE_RANGE_EN = (
    "The group meeting {met} criteria has one commune but an indicator range {low}-{high}."
)
INDICATOR_CAP_VI = (
    "Xã đạt {met}/{total} tiêu chí có {failed} tiêu chí chưa đạt, mỗi tiêu chí ít nhất 01 chỉ tiêu "
    "chưa đạt, nên đạt tối đa {cap}/{indicators} chỉ tiêu; số công bố {high}/{indicators} là không "
    "thể."
)
INDICATOR_CAP_EN = (
    "A commune meeting {met}/{total} criteria fails {failed} criteria, each on at least one "
    "indicator, so it meets at most {cap}/{indicators} indicators; the published {high} is "
    "impossible."
)
INDICATOR_FLOOR_VI = (
    "Xã đạt {met} tiêu chí phải đạt ít nhất {floor} chỉ tiêu (các chỉ tiêu của những tiêu chí đã "
    "đạt); số công bố {low} là không thể."
)
INDICATOR_FLOOR_EN = (
    "A commune meeting {met} criteria meets at least {floor} indicators (those of the criteria it "
    "meets); the published {low} is impossible."
)
CRITERION_COUNT_VI = (
    "Tiêu chí số {number} có {count} xã chưa đạt, nhiều hơn số xã được rà soát ({communes})."
)
CRITERION_COUNT_EN = (
    "Criterion {number} is unmet in {count} communes, more than the {communes} reviewed."
)
CRITERION_ABOVE_VI = (
    "Tiêu chí số {number} có {count} xã chưa đạt nhưng chỉ {possible} xã chưa đạt đủ tiêu chí."
)
CRITERION_ABOVE_EN = (
    "Criterion {number} is unmet in {count} communes but only {possible} communes fail any "
    "criterion."
)
UNMET_OVER_VI = (
    "Tổng số lượt tiêu chí chưa đạt theo từng tiêu chí là {listed}, nhưng theo các nhóm chỉ có "
    "{implied} ({communes} xã × {total} tiêu chí − {met} tiêu chí đã đạt): không bộ số liệu nào "
    "cho ra cả hai."
)
UNMET_OVER_EN = (
    "The per-criterion unmet counts add up to {listed}, but the groups imply {implied} "
    "({communes} communes × {total} criteria − {met} criteria met): no data set gives both."
)
UNMET_UNDER_VI = (
    "Tổng số lượt tiêu chí chưa đạt theo từng tiêu chí là {listed}, ít hơn {implied} theo các "
    "nhóm: danh sách thiếu {gap} lượt tiêu chí chưa đạt (nếu danh sách được coi là đầy đủ thì hai "
    "số liệu mâu thuẫn)."
)
UNMET_UNDER_EN = (
    "The per-criterion unmet counts add up to {listed}, less than the {implied} the groups imply: "
    "{gap} unmet criteria are not listed (a contradiction if the list claims to be complete)."
)
NOT_REALIZABLE_VI = (
    "Không có cách phân bổ nào để số tiêu chí chưa đạt của từng xã khớp với số xã chưa đạt của "
    "từng tiêu chí."
)
NOT_REALIZABLE_EN = (
    "No assignment of unmet criteria to communes matches both the groups and the per-criterion "
    "counts."
)
CONSISTENT_VI = "Các số liệu công bố nhất quán: có ít nhất một bộ số liệu cho ra đúng các số này."
CONSISTENT_EN = "The published figures are consistent: at least one data set produces them."


@dataclass(frozen=True, slots=True)
class PublishedGroup:
    """ "04 xã gồm … đạt 18/19 tiêu chí, 56/57 chỉ tiêu" """

    communes: int
    criteria_met: int
    indicators_min: int | None = None
    indicators_max: int | None = None
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PublishedReview:
    """The figures a review publishes. ``unmet_list_complete``: does the per-criterion list claim
    to name every unmet criterion? ``indicators_per_criterion`` sharpens the indicator checks."""

    criteria_total: int
    groups: tuple[PublishedGroup, ...]
    unmet_by_criterion: Mapping[int, int]
    indicators_total: int | None = None
    communes_total: int | None = None
    unmet_list_complete: bool = True
    indicators_per_criterion: Mapping[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: str
    message_vi: str
    message_en: str


@dataclass(frozen=True, slots=True)
class ConsistencyReport:
    findings: tuple[Finding, ...]
    example: tuple[tuple[int, ...], ...] | None = field(default=None)

    @property
    def consistent(self) -> bool:
        """True when some data set produces every published figure."""
        return not any(f.severity == CONTRADICTION for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "consistent": self.consistent,
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity,
                    "message": f.message_vi,
                    "message_en": f.message_en,
                }
                for f in self.findings
            ],
            "summary": CONSISTENT_VI if self.consistent else None,
            "example": [list(row) for row in self.example] if self.example is not None else None,
        }


def _finding(code: str, severity: str, vi: str, en: str, **values: object) -> Finding:
    return Finding(code, severity, vi.format(**values), en.format(**values))


def _group_findings(p: PublishedReview) -> list[Finding]:
    out = []
    total_in_groups = sum(g.communes for g in p.groups)
    if p.communes_total is not None and total_in_groups != p.communes_total:
        out.append(
            _finding(
                "group_total",
                CONTRADICTION,
                GROUP_TOTAL_VI,
                GROUP_TOTAL_EN,
                groups=total_in_groups,
                total=p.communes_total,
            )
        )
    sizes = sorted((p.indicators_per_criterion or {}).values())
    for g in p.groups:
        met, low, high = g.criteria_met, g.indicators_min, g.indicators_max
        if g.names and len(g.names) != g.communes:
            out.append(
                _finding(
                    "group_names",
                    CONTRADICTION,
                    GROUP_NAMES_VI,
                    GROUP_NAMES_EN,
                    met=met,
                    count=g.communes,
                    names=len(g.names),
                )
            )
        if not 0 <= met <= p.criteria_total:
            out.append(
                _finding(
                    "criteria_range",
                    CONTRADICTION,
                    CRITERIA_RANGE_VI,
                    CRITERIA_RANGE_EN,
                    met=met,
                    total=p.criteria_total,
                )
            )
        if low is None or high is None:
            continue
        if low > high:
            out.append(
                _finding(
                    "indicator_order",
                    CONTRADICTION,
                    INDICATOR_ORDER_VI,
                    INDICATOR_ORDER_EN,
                    met=met,
                    low=low,
                    high=high,
                )
            )
        if g.communes == 1 and low != high:
            out.append(
                _finding(
                    "single_range",
                    CONTRADICTION,
                    SINGLE_RANGE_VI,
                    SINGLE_RANGE_EN,
                    met=met,
                    low=low,
                    high=high,
                )
            )
        if p.indicators_total is not None:
            failed = p.criteria_total - met
            cap = p.indicators_total - failed
            if high > cap:
                out.append(
                    _finding(
                        "indicator_cap",
                        CONTRADICTION,
                        INDICATOR_CAP_VI,
                        INDICATOR_CAP_EN,
                        met=met,
                        total=p.criteria_total,
                        failed=failed,
                        cap=cap,
                        indicators=p.indicators_total,
                        high=high,
                    )
                )
        if sizes and low < sum(sizes[:met]):
            out.append(
                _finding(
                    "indicator_floor",
                    CONTRADICTION,
                    INDICATOR_FLOOR_VI,
                    INDICATOR_FLOOR_EN,
                    met=met,
                    floor=sum(sizes[:met]),
                    low=low,
                )
            )
    return out


def _row_demands(p: PublishedReview) -> list[int]:
    """Unmet criteria per commune, as the groups say."""
    return [p.criteria_total - g.criteria_met for g in p.groups for _ in range(g.communes)]


def _column_demands(p: PublishedReview, rows: Sequence[int]) -> list[int] | None:
    """Listed counts, plus the unlisted criteria sharing any remainder as evenly as they can
    (the most even spread is the easiest to realise). None if the remainder cannot fit."""
    columns = [p.unmet_by_criterion[n] for n in sorted(p.unmet_by_criterion)]
    remainder = sum(rows) - sum(columns)
    unlisted = p.criteria_total - len(columns)
    if remainder < 0 or (remainder > 0 and p.unmet_list_complete):
        return None
    if remainder:
        if unlisted <= 0 or remainder > unlisted * len(rows):
            return None
        base, extra = divmod(remainder, unlisted)
        columns += [base + (1 if k < extra else 0) for k in range(unlisted)]
    return columns


def realize(rows: Sequence[int], columns: Sequence[int]) -> tuple[tuple[int, ...], ...] | None:
    """A 0/1 matrix with these row and column sums (Gale-Ryser), or None if there is none.

    Row i of the answer lists the column indexes where commune i fails. Greedy: each row takes
    the columns with the most demand left, which succeeds whenever any matrix exists.
    """
    if sum(rows) != sum(columns) or any(c > len(rows) for c in columns):
        return None
    remaining = list(columns)
    answer: list[tuple[int, ...]] = [()] * len(rows)
    for i in sorted(range(len(rows)), key=lambda k: -rows[k]):
        chosen = sorted(range(len(remaining)), key=lambda j: -remaining[j])[: rows[i]]
        if len(chosen) < rows[i] or any(remaining[j] <= 0 for j in chosen):
            return None
        for j in chosen:
            remaining[j] -= 1
        answer[i] = tuple(sorted(chosen))
    return tuple(answer) if not any(remaining) else None


def _unmet_findings(p: PublishedReview) -> tuple[list[Finding], tuple[tuple[int, ...], ...] | None]:
    out = []
    rows = _row_demands(p)
    communes = len(rows)
    failing = sum(1 for d in rows if d > 0)
    for number, count in sorted(p.unmet_by_criterion.items()):
        if count > communes:
            out.append(
                _finding(
                    "criterion_count",
                    CONTRADICTION,
                    CRITERION_COUNT_VI,
                    CRITERION_COUNT_EN,
                    number=number,
                    count=count,
                    communes=communes,
                )
            )
        elif count > failing:
            out.append(
                _finding(
                    "criterion_above",
                    CONTRADICTION,
                    CRITERION_ABOVE_VI,
                    CRITERION_ABOVE_EN,
                    number=number,
                    count=count,
                    possible=failing,
                )
            )
    listed, implied = sum(p.unmet_by_criterion.values()), sum(rows)
    met = sum(g.criteria_met * g.communes for g in p.groups)
    values = dict(
        listed=listed,
        implied=implied,
        communes=communes,
        total=p.criteria_total,
        met=met,
        gap=implied - listed,
    )
    if listed > implied:
        out.append(_finding("unmet_sum", CONTRADICTION, UNMET_OVER_VI, UNMET_OVER_EN, **values))
    elif listed < implied:
        severity = CONTRADICTION if p.unmet_list_complete else WARNING
        out.append(_finding("unmet_sum", severity, UNMET_UNDER_VI, UNMET_UNDER_EN, **values))
    if any(f.severity == CONTRADICTION for f in out):
        return out, None
    columns = _column_demands(p, rows)
    example = realize(rows, columns) if columns is not None else None
    if example is None:
        out.append(_finding("not_realizable", CONTRADICTION, NOT_REALIZABLE_VI, NOT_REALIZABLE_EN))
    return out, example


def check_published(published: PublishedReview) -> ConsistencyReport:
    """Every contradiction and doubt in the figures, and, when they fit, one commune × criterion
    assignment that produces them (rows: communes in group order; columns: listed criteria in
    number order, then the unlisted ones)."""
    findings = _group_findings(published)
    unmet, example = _unmet_findings(published)
    return ConsistencyReport(findings=tuple(findings + unmet), example=example)
