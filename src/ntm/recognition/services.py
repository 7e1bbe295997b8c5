"""Writes of recognitions (Zulip-style ``do_*``): each changes the data and, through
simple_history, writes the audit row (who, when, old, new) in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from ntm.recognition.models import Recognition
from ntm.units.models import AdminUnit

MSG_NOTHING_TO_REVOKE = (
    "Không có quyết định công nhận {level} nào đang có hiệu lực ngày {date} để thu hồi"
)


class RecognitionError(ValueError):
    """A write that cannot be done (nothing in force to revoke); the message is Vietnamese."""


@dataclass(frozen=True, slots=True)
class RecognitionFields:
    """What a recognition decision states (the columns of a recognition file)."""

    level: str
    decision: str
    date: date
    issuer: str
    set_code: str = ""
    note: str = ""


def _set_author(rec: Recognition, author: Any) -> None:
    if author is not None and getattr(author, "pk", None) is not None:
        rec.author = author
        rec._history_user = author


@transaction.atomic
def do_recognise(
    *,
    unit: AdminUnit,
    fields: RecognitionFields,
    author: Any = None,
    source: str = "form",
    document: Any = None,
) -> tuple[Recognition, str]:
    """Record the decision; returns (recognition, "created" | "updated" | "unchanged").

    The same decision for the same unit and level is one record: recording it again with the
    same content changes nothing, with other content updates it (history keeps the old one).
    """
    rec = (
        Recognition.objects.select_for_update()
        .filter(unit=unit, level=fields.level, decision=fields.decision)
        .first()
    )
    wanted = {
        "date": fields.date,
        "issuer": fields.issuer,
        "set_code": fields.set_code,
        "note": fields.note,
    }
    if (
        rec is not None
        and all(getattr(rec, k) == v for k, v in wanted.items())
        and document is None
    ):
        return rec, "unchanged"
    outcome = "updated" if rec is not None else "created"
    rec = rec or Recognition(unit=unit, level=fields.level, decision=fields.decision, source=source)
    for key, value in wanted.items():
        setattr(rec, key, value)
    if document is not None:
        name, content = document
        rec.document.save(name, content, save=False)
    _set_author(rec, author)
    rec.save()
    return rec, outcome


def revocable(unit: AdminUnit, level: str, on: date, decision: str) -> Recognition | None:
    """The recognition a revoke decision of ``on`` ends: the latest one in force that day,
    or the one this same decision already ended (so recording it again changes nothing)."""
    already = Recognition.objects.filter(unit=unit, level=level, revoked_decision=decision).first()
    if already is not None:
        return already
    return (
        Recognition.objects.filter(unit=unit, level=level, date__lte=on, revoked_date__isnull=True)
        .order_by("-date")
        .first()
    )


@transaction.atomic
def do_revoke(
    *, unit: AdminUnit, fields: RecognitionFields, author: Any = None
) -> tuple[Recognition, str]:
    """End the recognition in force at ``fields.level`` by the revoke decision ``fields``.

    Returns (recognition, "updated" | "unchanged"); raises ``RecognitionError`` when no
    recognition at that level is in force on the decision's date.
    """
    rec = revocable(unit, fields.level, fields.date, fields.decision)
    if rec is None:
        raise RecognitionError(
            MSG_NOTHING_TO_REVOKE.format(level=fields.level, date=fields.date.strftime("%d/%m/%Y"))
        )
    wanted = {
        "revoked_decision": fields.decision,
        "revoked_date": fields.date,
        "revoked_issuer": fields.issuer,
        "revoked_note": fields.note,
    }
    if all(getattr(rec, k) == v for k, v in wanted.items()):
        return rec, "unchanged"
    for key, value in wanted.items():
        setattr(rec, key, value)
    _set_author(rec, author)
    rec.save()
    return rec, "updated"
