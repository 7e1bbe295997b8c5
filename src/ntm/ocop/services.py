"""Writes of OCOP records: each ``do_*`` changes the data and its history row together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from ntm.ocop.models import OcopProducer, OcopProduct
from ntm.textnorm import normalize_name

CHANGE_REASON_MAX = 100


@dataclass(frozen=True, slots=True)
class RatingData:
    """A checked rating, as the importer or a form hands it over."""

    unit_id: int
    product: str
    producer: str
    group: int
    year: int
    stars: int
    level: str
    score: Decimal | None = None
    decision: str = ""
    decided_on: date | None = None
    note: str = ""
    score_a: Decimal | None = None
    score_b: Decimal | None = None
    score_c: Decimal | None = None
    producer_kind: str = ""
    # False when the source had no score-part columns (an older file): the parts stored for
    # the rating (entered in the web, or by an earlier file) are kept, not cleared.
    parts_given: bool = True


def _stamp(obj: Any, author: Any, reason: str) -> None:
    obj._history_user = author if getattr(author, "pk", None) else None
    obj._change_reason = reason[:CHANGE_REASON_MAX]


def producer_for(
    *, unit_id: int, name: str, kind: str = "", author: Any = None, reason: str = ""
) -> OcopProducer:
    """The producer of that name under the unit, created on first use."""
    producer = OcopProducer.objects.filter(unit_id=unit_id, match_name=normalize_name(name)).first()
    if producer is None:
        producer = OcopProducer(
            unit_id=unit_id, name=name, match_name=normalize_name(name), kind=kind or "other"
        )
        _stamp(producer, author, reason)
        producer.save()
    elif kind and producer.kind != kind:
        producer.kind = kind
        _stamp(producer, author, reason)
        producer.save()
    return producer


@transaction.atomic
def do_save_rating(
    *, data: RatingData, author: Any = None, origin: str = "", reason: str = ""
) -> tuple[OcopProduct, str]:
    """Create or update the rating keyed by (unit, product name, year); returns it and
    "created", "updated" or "unchanged"."""
    reason = reason or origin or "OCOP"
    producer = producer_for(
        unit_id=data.unit_id,
        name=data.producer,
        kind=data.producer_kind,
        author=author,
        reason=reason,
    )
    wanted = {
        "name": data.product,
        "producer_id": producer.pk,
        "group": data.group,
        "score": data.score,
        "score_a": data.score_a,
        "score_b": data.score_b,
        "score_c": data.score_c,
        "stars": data.stars,
        "level": data.level,
        "decision": data.decision,
        "decided_on": data.decided_on,
        "note": data.note,
    }
    rating = OcopProduct.objects.filter(
        unit_id=data.unit_id, match_name=normalize_name(data.product), year=data.year
    ).first()
    if not data.parts_given and rating is not None and _parts_fit(rating, data.score):
        for part in SCORE_PART_FIELDS:
            del wanted[part]
    if rating is None:
        rating = OcopProduct(
            unit_id=data.unit_id,
            match_name=normalize_name(data.product),
            year=data.year,
            origin=origin,
            **wanted,
        )
        _stamp(rating, author, reason)
        rating.save()
        return rating, "created"
    if all(_same(getattr(rating, k), v) for k, v in wanted.items()):
        return rating, "unchanged"
    for key, value in wanted.items():
        setattr(rating, key, value)
    _stamp(rating, author, reason)
    rating.save()
    return rating, "updated"


SCORE_PART_FIELDS = ("score_a", "score_b", "score_c")


def _parts_fit(rating: OcopProduct, score: Decimal | None) -> bool:
    """Whether the stored parts may stay beside a new total from a source without parts: they
    do when the total is unknown or still their sum; otherwise the new total supersedes them."""
    parts = [getattr(rating, part) for part in SCORE_PART_FIELDS]
    if score is None or any(part is None for part in parts):
        return True
    return sum(parts) == score


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (
            old is not None
            and new is not None
            and Decimal(old) == Decimal(new)
            or (old is None and new is None)
        )
    return old == new


@transaction.atomic
def do_delete_rating(*, rating: OcopProduct, author: Any = None, reason: str = "") -> None:
    _stamp(rating, author, reason or "xóa")
    rating.delete()
