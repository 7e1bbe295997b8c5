"""The review (rà soát): every commune's standing against one criteria set, grouped the way a
district office reports it (seed 002).

Pure: it takes evaluation results, never the database. ``Review.to_json()`` is the shape issue 4
fixes as a contract; keys may be added, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ntm.criteria.ladder import tier_at_least
from ntm.criteria.model import TIERS, CriteriaSet, level_name
from ntm.criteria.revocation import district_revocation_risk, revocation_risk
from ntm.reports.narrative import count_vi, join_en, join_vi, review_text_en, review_text_vi
from ntm.reports.review_rows import commune_row, group_rows, unmet_by_criterion
from ntm.reports.structures.review import (
    CONTRACT_KEYS,
    CommuneEntry,
    CommuneRow,
    Group,
    Review,
    SetInfo,
    UnitRef,
    UnmetCriterion,
)

# The shapes live in ``ntm.reports.structures`` and the per-commune and per-criterion parts in
# ``review_rows``; every name is importable from here too.
__all__ = [
    "CONTRACT_KEYS",
    "LEVEL_LABELS_EN",
    "LEVEL_LABELS_VI",
    "CommuneEntry",
    "CommuneRow",
    "Group",
    "Review",
    "SetInfo",
    "UnitRef",
    "UnmetCriterion",
    "build_review",
    "commune_row",
    "group_rows",
    "unmet_by_criterion",
]

LEVEL_LABELS_VI = {level: level_name(level, "vi") for level in (*TIERS, None)}
LEVEL_LABELS_EN = {level: level_name(level, "en") for level in (*TIERS, None)}


def build_review(
    unit: UnitRef,
    criteria_set: CriteriaSet | SetInfo,
    period: str,
    communes: Sequence[CommuneEntry],
    extra: dict[str, Any] | None = None,
    recognised: Mapping[str, str | None] | None = None,
    communes_revoked: Mapping[str, tuple[int, int]] | None = None,
) -> Review:
    """The review of ``communes`` (those with values for the set as of ``period``), with its text.

    ``unmet_by_criterion`` lists the criteria some commune fails (``communes`` counts those);
    ``missing_by_criterion`` the criteria some commune lacks the data to judge, kept apart
    because a missing value is not a failure. ``extra`` keys are added to the JSON (never
    replacing a contract key). ``recognised``: commune code -> the tier a decision in force
    recognises it at (``ntm.recognition``); given, only communes recognised at the set's tier
    are checked for revocation and the text names those short of the set. None: not known,
    every commune is checked "if recognised" as before. ``communes_revoked``: for a district
    set, district code -> (communes whose NTM recognition was revoked, communes): the district
    branch of Decision 18/2022.
    """
    info = criteria_set if isinstance(criteria_set, SetInfo) else SetInfo.of(criteria_set)
    rows = tuple(commune_row(e) for e in communes)
    if isinstance(criteria_set, CriteriaSet):
        rows = tuple(
            _with_revocation(
                row, entry, criteria_set, recognised, (communes_revoked or {}).get(entry.code)
            )
            for row, entry in zip(rows, communes, strict=True)
        )
    per_criterion = unmet_by_criterion(
        [(e.code, e.result) for e in communes], dict(info.criteria_names)
    )
    review = Review(
        unit=unit,
        set=info,
        period=str(period),
        communes=rows,
        groups=group_rows(rows),
        unmet_by_criterion=tuple(u for u in per_criterion if u.unmet),
        missing_by_criterion=tuple(u for u in per_criterion if u.missing),
        extra=dict(extra or {}),
    )
    known = recognised is not None
    return replace(
        review,
        text=review_text_vi(review)
        + _recognised_short_vi(rows, info, known)
        + _revocation_text(rows, known),
        text_en=review_text_en(review) + _recognised_short_en(rows, info, known),
    )


def _with_revocation(
    row: CommuneRow,
    entry: CommuneEntry,
    criteria_set: CriteriaSet,
    recognised: Mapping[str, str | None] | None,
    revoked: tuple[int, int] | None = None,
) -> CommuneRow:
    """Flag the Decision 18/2022 revocation condition, for units recognised at the set's tier."""
    if recognised is not None:
        tier = recognised.get(entry.code)
        if tier != row.recognised:
            row = replace(row, recognised=tier)
        if not tier_at_least(row.recognised, criteria_set.tier):
            return row
    if revoked is not None:
        risk = district_revocation_risk(entry.result, criteria_set, *revoked)
    else:
        risk = revocation_risk(entry.result, criteria_set)
    return replace(row, revocation_reason=risk.reason) if risk.at_risk else row


def _recognised_short(rows: Sequence[CommuneRow], info: SetInfo, known: bool) -> list[CommuneRow]:
    return [r for r in rows if known and r.recognised and r.criteria_met < r.criteria_total]


def _recognised_short_vi(rows: Sequence[CommuneRow], info: SetInfo, known: bool) -> str:
    """ "12 xã đã được công nhận (theo quyết định) nhưng chưa đạt đủ Bộ tiêu chí …" """
    short = _recognised_short(rows, info, known)
    if not short:
        return ""
    return (
        f"\nCó {count_vi(len(short))} xã đã được công nhận theo quyết định nhưng theo số liệu "
        f"chưa đạt đủ {info.name} ({info.code}): {join_vi([r.name for r in short])}."
    )


def _recognised_short_en(rows: Sequence[CommuneRow], info: SetInfo, known: bool) -> str:
    short = _recognised_short(rows, info, known)
    if not short:
        return ""
    return (
        f"\n{len(short)} commune(s) recognised by decision do not meet {info.code} by the data: "
        f"{join_en([r.name for r in short])}."
    )


def _revocation_text(rows: Sequence[CommuneRow], known: bool = False) -> str:
    at_risk = [r for r in rows if r.revocation_reason]
    if not at_risk:
        return ""
    names = ", ".join(f"{r.name} ({r.revocation_reason})" for r in at_risk)
    if known:
        return (
            f"\nTheo Quyết định 18/2022/QĐ-TTg, các xã đã được công nhận sau thuộc diện thu hồi "
            f"quyết định công nhận: {names}."
        )
    return (
        "\nTheo Quyết định 18/2022/QĐ-TTg, nếu đã được công nhận thì các xã sau thuộc diện "
        f"thu hồi quyết định công nhận: {names}."
    )
