"""Writes of funds, outputs, awards and reported figures: each ``do_*`` changes the data and
writes its history row (who, when, why, old and new) in the same transaction.

Each record has a natural key (see ``models``); saving a record whose key exists updates it,
and saving it unchanged writes nothing, so a re-import reports "unchanged".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from ntm.criteria.inputs import Period
from ntm.investment.models import EmulationAward, FundsMobilised, PhysicalOutput, ReportedFigures
from ntm.textnorm import normalize_name

CHANGE_REASON_MAX = 100
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _stamp(obj: models.Model, author: Any, reason: str) -> None:
    obj._history_user = author if getattr(author, "pk", None) else None
    obj._change_reason = (reason or "")[:CHANGE_REASON_MAX]


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) and new is not None:
        return old == Decimal(str(new))
    return old == new


def _upsert(
    model: type[models.Model],
    key: dict[str, Any],
    wanted: dict[str, Any],
    *,
    author: Any,
    origin: str,
    reason: str,
) -> tuple[models.Model, str]:
    obj = model.objects.filter(**key).first()
    if obj is None:
        obj = model(**key, **wanted, origin=origin)
        _stamp(obj, author, reason or origin)
        obj.save()
        return obj, CREATED
    if all(_same(getattr(obj, k), v) for k, v in wanted.items()):
        return obj, UNCHANGED
    for k, v in wanted.items():
        setattr(obj, k, v)
    _stamp(obj, author, reason or origin)
    obj.save()
    return obj, UPDATED


def _period(period: str) -> tuple[str, int]:
    p = Period.parse(period)
    return str(p), p.index


@dataclass(frozen=True, slots=True)
class FundsData:
    unit_id: int
    period: str
    source: str
    amount_vnd: int
    planned_vnd: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class OutputData:
    unit_id: int
    period: str
    kind: str
    quantity: Decimal
    note: str = ""


@dataclass(frozen=True, slots=True)
class AwardData:
    unit_id: int
    awarded_on: date
    issuer: str
    kind: str
    recipient_type: str
    recipient: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReportedData:
    unit_id: int
    period: str
    communes: int
    communes_ntm: int
    reported_by: str
    communes_advanced: int | None = None
    communes_model: int | None = None
    average_criteria: Decimal | None = None
    ocop_products: int | None = None
    funds_vnd: int | None = None
    reported_on: date | None = None
    note: str = ""
    demo: bool = False


@transaction.atomic
def do_save_funds(
    *, data: FundsData, author: Any = None, origin: str = "web", reason: str = ""
) -> tuple[FundsMobilised, str]:
    period, index = _period(data.period)
    return _upsert(
        FundsMobilised,
        {"unit_id": data.unit_id, "period": period, "fund_source": data.source},
        {
            "period_index": index,
            "amount_vnd": data.amount_vnd,
            "planned_vnd": data.planned_vnd,
            "note": data.note,
        },
        author=author,
        origin=origin,
        reason=reason,
    )


@transaction.atomic
def do_save_output(
    *, data: OutputData, author: Any = None, origin: str = "web", reason: str = ""
) -> tuple[PhysicalOutput, str]:
    period, index = _period(data.period)
    return _upsert(
        PhysicalOutput,
        {"unit_id": data.unit_id, "period": period, "kind": data.kind},
        {"period_index": index, "quantity": data.quantity, "note": data.note},
        author=author,
        origin=origin,
        reason=reason,
    )


@transaction.atomic
def do_save_award(
    *, data: AwardData, author: Any = None, origin: str = "web", reason: str = ""
) -> tuple[EmulationAward, str]:
    return _upsert(
        EmulationAward,
        {
            "unit_id": data.unit_id,
            "awarded_on": data.awarded_on,
            "kind": data.kind,
            "recipient_type": data.recipient_type,
            "match_recipient": normalize_name(data.recipient),
        },
        {"issuer": data.issuer, "recipient": data.recipient, "note": data.note},
        author=author,
        origin=origin,
        reason=reason,
    )


@transaction.atomic
def do_save_reported(
    *, data: ReportedData, author: Any = None, origin: str = "web", reason: str = ""
) -> tuple[ReportedFigures, str]:
    period, index = _period(data.period)
    return _upsert(
        ReportedFigures,
        {"unit_id": data.unit_id, "period": period},
        {
            "period_index": index,
            "communes": data.communes,
            "communes_ntm": data.communes_ntm,
            "communes_advanced": data.communes_advanced,
            "communes_model": data.communes_model,
            "average_criteria": data.average_criteria,
            "ocop_products": data.ocop_products,
            "funds_vnd": data.funds_vnd,
            "reported_by": data.reported_by,
            "reported_on": data.reported_on,
            "note": data.note,
            "demo": data.demo,
        },
        author=author,
        origin=origin,
        reason=reason,
    )


@transaction.atomic
def do_delete_record(*, record: models.Model, author: Any = None, reason: str = "") -> None:
    """Delete any record of this app; the history keeps what it held and who deleted it."""
    _stamp(record, author, reason or "xóa")
    record.delete()
