"""Carrying recognitions across a reorganisation (the 1/7/2025 mergers): what the merged unit's
standing would be from its predecessors' decisions, recorded only when an officer confirms it.

The rule (MARD guidance for the 2023-2025 mergers, criteria-sources.md §8.1, confirmed for those;
for the 7/2025 mergers no separate rule was found, so it is applied as UNVERIFIED): if every
predecessor held a recognition in force the day before the change, the new unit stands at the
lowest of their levels; if any did not, it must be reviewed and recognised anew. Never silent:
the proposal is shown, and a ``Recognition`` (source "carry", naming every predecessor's
decision) exists only after ``do_confirm_carry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction

from ntm.criteria.model import TIERS
from ntm.recognition.models import LEVEL_TIERS, Recognition
from ntm.recognition.selectors import highest_tier, recognitions_of
from ntm.recognition.services import RecognitionFields, do_recognise
from ntm.units.models import AdminUnit, UnitLineage

RULE_SOURCE = (
    "Hướng dẫn của Bộ NN&PTNT về xây dựng NTM sau sắp xếp đơn vị hành chính giai đoạn 2023-2025 "
    "(https://snnptnt.travinh.gov.vn/tin-chuyen-nganh/huong-dan-xay-dung-nong-thon-moi-sau-sap-"
    "xep-cac-don-vi-hanh-chinh-707028); cho đợt sắp xếp 1/7/2025 chưa tìm thấy quy định riêng "
    "(chưa xác nhận)."
)
MSG_NOTHING_TO_CARRY = (
    "Không thể kế thừa: {unit} không có đơn vị tiền thân nào cùng được công nhận trước ngày {date}."
)
MSG_MIXED = (
    "Không kế thừa được: {names} chưa được công nhận vào ngày trước khi sắp xếp; đơn vị mới phải "
    "rà soát và được xét công nhận lại."
)
MSG_ABOVE_PROPOSAL = "Mức kế thừa tối đa là {proposed}, không phải {level}."
NOTE_CARRIED = "Kế thừa khi sắp xếp đơn vị ({date}), đã xác nhận; từ quyết định của: {sources}"


@dataclass(frozen=True, slots=True)
class Predecessor:
    unit: AdminUnit
    tier: str | None
    recognitions: tuple[Recognition, ...]
    partial: bool


@dataclass(frozen=True, slots=True)
class CarryProposal:
    unit: AdminUnit
    effective: Any  # date of the change
    predecessors: tuple[Predecessor, ...]
    proposed: str | None  # the level the new unit would stand at; None: nothing to carry
    reason: str  # why nothing can be carried ("" when something can)
    carried: tuple[Recognition, ...]  # already confirmed


def carry_proposal(unit: AdminUnit) -> CarryProposal | None:
    """The proposal for a unit made by a reorganisation (None: it has no predecessors)."""
    lineage = list(UnitLineage.objects.filter(new=unit).select_related("old"))
    if not lineage:
        return None
    effective = min(link.effective for link in lineage)
    before = effective - timedelta(days=1)
    predecessors = []
    for link in sorted(lineage, key=lambda link: link.old.name):
        held = tuple(r for r in recognitions_of(link.old, before) if r.level in LEVEL_TIERS)
        tier = highest_tier(r.level for r in held)
        predecessors.append(Predecessor(link.old, tier, held, link.partial))
    missing = [p.unit.name for p in predecessors if p.tier is None]
    proposed = None
    reason = ""
    if missing and len(missing) == len(predecessors):
        reason = MSG_NOTHING_TO_CARRY.format(unit=unit, date=effective.strftime("%d/%m/%Y"))
    elif missing:
        reason = MSG_MIXED.format(names=", ".join(missing))
    else:
        proposed = min((p.tier for p in predecessors if p.tier), key=TIERS.index)
    carried = tuple(Recognition.objects.filter(unit=unit, source="carry").order_by("date"))
    return CarryProposal(unit, effective, tuple(predecessors), proposed, reason, carried)


def _level_for(unit: AdminUnit, tier: str) -> str:
    if unit.level == "village":
        return "village-model" if tier == "model" else "village-ntm"
    return tier


@transaction.atomic
def do_confirm_carry(
    *, unit: AdminUnit, fields: RecognitionFields, author: Any = None
) -> Recognition:
    """Record the carried standing an officer confirmed (``fields``: the acknowledging
    document, its date and issuer, and a level no higher than the proposal)."""
    proposal = carry_proposal(unit)
    if proposal is None or proposal.proposed is None:
        raise ValueError(
            proposal.reason if proposal else MSG_NOTHING_TO_CARRY.format(unit=unit, date="-")
        )
    allowed = _level_for(unit, proposal.proposed)
    if TIERS.index(LEVEL_TIERS[fields.level]) > TIERS.index(LEVEL_TIERS[allowed]):
        raise ValueError(MSG_ABOVE_PROPOSAL.format(proposed=allowed, level=fields.level))
    sources = "; ".join(
        f"{p.unit.name}: "
        + ", ".join(f"{r.level} {r.decision} ({r.date:%d/%m/%Y})" for r in p.recognitions)
        for p in proposal.predecessors
    )
    note = NOTE_CARRIED.format(date=proposal.effective.strftime("%d/%m/%Y"), sources=sources)
    if fields.note:
        note = f"{note}. {fields.note}"
    carried = RecognitionFields(
        fields.level, fields.decision, fields.date, fields.issuer, fields.set_code, note
    )
    recognition, _outcome = do_recognise(unit=unit, fields=carried, author=author, source="carry")
    return recognition
