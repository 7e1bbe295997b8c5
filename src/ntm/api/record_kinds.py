"""The record types the API creates, changes and deletes, each tied to its import kind.

Why through the import kind: a record sent to the API is checked by the very ``check_row`` (and
``check_file``) that checks a row of an ``ntm import`` file, so the rules, and the Vietnamese
reasons, are the same wherever a record comes from. What this module adds per type is what an
import does not need: how to read a stored record back as a row (``cells``), the record's
natural key (which a change may not alter), who may write it, and which ``do_*`` writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ntm.accounts.access import can_edit_resources, can_record_recognition
from ntm.imports.records import RecordKind
from ntm.investment import services as investment
from ntm.investment.imports import AWARDS_KIND, FUNDS_KIND, OUTPUTS_KIND
from ntm.investment.models import EmulationAward, FundsMobilised, PhysicalOutput
from ntm.ocop.imports import OCOP_KIND
from ntm.ocop.models import OcopProduct
from ntm.ocop.services import RatingData, do_delete_rating, do_save_rating
from ntm.recognition.imports import RECOGNISE, RECOGNITION_KIND, RecognitionRow
from ntm.recognition.models import Recognition
from ntm.recognition.services import do_recognise, do_revoke
from ntm.textnorm import normalize_name
from ntm.units.models import AdminUnit

API_ORIGIN = "api"
API_REASON = "API"
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class WritableKind:
    """One record type of the write API.

    ``save(data, user)`` writes a checked record through the app's ``do_*`` and returns it with
    "created", "updated" or "unchanged"; ``delete`` is None where the law allows no deletion
    (a recognition is ended by a revoking decision, never removed).
    """

    name: str
    import_kind: RecordKind
    model: type[Model]
    cells: Callable[[Any], dict[str, Any]]
    key: Callable[[Any], tuple]
    record_key: Callable[[Any], tuple]
    save: Callable[[Any, Any], tuple[Any, str]]
    delete: Callable[[Any, Any], None] | None
    may_write: Callable[[Any, AdminUnit], bool]
    key_columns: tuple[str, ...]

    def queryset(self) -> QuerySet:
        return with_versions(self.model.objects.select_related("unit"))


def with_versions(queryset: QuerySet) -> QuerySet:
    """Each record annotated with ``version``: how many history rows it has.

    Why the history: every ``do_*`` save writes one history row, so the count grows with every
    change and never repeats; it serves as the optimistic-locking version (and ETag) without a
    column in the apps' tables.
    """
    history = queryset.model.history.model
    counted = (
        history.objects.filter(id=OuterRef("pk"))
        .order_by()
        .values("id")
        .annotate(n=Count("history_id"))
        .values("n")
    )
    return queryset.annotate(
        version=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    )


def version_of(record: Model) -> int:
    return int(type(record).history.model.objects.filter(id=record.pk).count())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# --- recognitions ---------------------------------------------------------------------------


def _recognition_cells(rec: Recognition) -> dict[str, Any]:
    return {
        "unit": rec.unit.code,
        "level": rec.level,
        "decision": rec.decision,
        "date": _text(rec.date),
        "issuer": rec.issuer,
        "set": rec.set_code,
        "note": rec.note,
    }


def _save_recognition(data: RecognitionRow, user: Any) -> tuple[Any, str]:
    unit = AdminUnit.objects.get(pk=data.unit_id)
    if data.action == RECOGNISE:
        return do_recognise(unit=unit, fields=data.fields, author=user, source=API_ORIGIN)
    return do_revoke(unit=unit, fields=data.fields, author=user)


RECOGNITIONS = WritableKind(
    name="recognitions",
    import_kind=RECOGNITION_KIND,
    model=Recognition,
    cells=_recognition_cells,
    key=lambda d: (d.unit_id, d.fields.level, d.fields.decision, d.action),
    record_key=lambda r: (r.unit_id, r.level, r.decision, RECOGNISE),
    save=_save_recognition,
    delete=None,
    may_write=can_record_recognition,
    key_columns=("unit", "level", "decision", "action"),
)


# --- OCOP ratings ---------------------------------------------------------------------------


def _ocop_cells(p: OcopProduct) -> dict[str, Any]:
    return {
        "unit": p.unit.code,
        "product": p.name,
        "producer": p.producer.name,
        "group": str(p.group),
        "year": str(p.year),
        "stars": str(p.stars),
        "level": p.level,
        "score": _text(p.score),
        "decision": p.decision,
        "date": _text(p.decided_on),
        "note": p.note,
    }


def _save_ocop(data: RatingData, user: Any) -> tuple[Any, str]:
    """The rating through ``do_save_rating``, keeping the score parts (A, B, C) and the
    producer's kind that a stored rating has: an import row, hence an API body, has no
    columns for them, so a change through the API must not wipe them."""
    stored = (
        OcopProduct.objects.filter(
            unit_id=data.unit_id, match_name=normalize_name(data.product), year=data.year
        )
        .select_related("producer")
        .first()
    )
    if stored is not None:
        data = replace(
            data,
            score_a=stored.score_a,
            score_b=stored.score_b,
            score_c=stored.score_c,
            producer_kind=data.producer_kind or stored.producer.kind,
        )
    return do_save_rating(data=data, author=user, origin=API_ORIGIN, reason=API_REASON)


OCOP = WritableKind(
    name="ocop",
    import_kind=OCOP_KIND,
    model=OcopProduct,
    cells=_ocop_cells,
    key=lambda d: (d.unit_id, normalize_name(d.product), d.year),
    record_key=lambda p: (p.unit_id, p.match_name, p.year),
    save=_save_ocop,
    delete=lambda p, user: do_delete_rating(rating=p, author=user, reason=API_REASON),
    may_write=can_edit_resources,
    key_columns=("unit", "product", "year"),
)


# --- funds, outputs, awards -----------------------------------------------------------------


def _delete_investment(record: Model, user: Any) -> None:
    investment.do_delete_record(record=record, author=user, reason=API_REASON)


def _funds_cells(f: FundsMobilised) -> dict[str, Any]:
    return {
        "unit": f.unit.code,
        "period": f.period,
        "source": f.fund_source,
        "amount_vnd": str(f.amount_vnd),
        "planned_vnd": _text(f.planned_vnd),
        "note": f.note,
    }


def _output_cells(o: PhysicalOutput) -> dict[str, Any]:
    return {
        "unit": o.unit.code,
        "period": o.period,
        "kind": o.kind,
        "quantity": _text(o.quantity),
        "note": o.note,
    }


def _award_cells(a: EmulationAward) -> dict[str, Any]:
    return {
        "unit": a.unit.code,
        "date": _text(a.awarded_on),
        "issuer": a.issuer,
        "kind": a.kind,
        "recipient_type": a.recipient_type,
        "recipient": a.recipient,
        "note": a.note,
    }


def _investment_save(save: Callable[..., tuple[Any, str]]) -> Callable[[Any, Any], tuple]:
    return lambda data, user: save(data=data, author=user, origin=API_ORIGIN, reason=API_REASON)


FUNDS = WritableKind(
    name="funds",
    import_kind=FUNDS_KIND,
    model=FundsMobilised,
    cells=_funds_cells,
    key=lambda d: (d.unit_id, d.period, d.source),
    record_key=lambda f: (f.unit_id, f.period, f.fund_source),
    save=_investment_save(investment.do_save_funds),
    delete=_delete_investment,
    may_write=can_edit_resources,
    key_columns=("unit", "period", "source"),
)
OUTPUTS = WritableKind(
    name="outputs",
    import_kind=OUTPUTS_KIND,
    model=PhysicalOutput,
    cells=_output_cells,
    key=lambda d: (d.unit_id, d.period, d.kind),
    record_key=lambda o: (o.unit_id, o.period, o.kind),
    save=_investment_save(investment.do_save_output),
    delete=_delete_investment,
    may_write=can_edit_resources,
    key_columns=("unit", "period", "kind"),
)
AWARDS = WritableKind(
    name="awards",
    import_kind=AWARDS_KIND,
    model=EmulationAward,
    cells=_award_cells,
    key=lambda d: (
        d.unit_id,
        d.awarded_on,
        d.kind,
        d.recipient_type,
        normalize_name(d.recipient),
    ),
    record_key=lambda a: (a.unit_id, a.awarded_on, a.kind, a.recipient_type, a.match_recipient),
    save=_investment_save(investment.do_save_award),
    delete=_delete_investment,
    may_write=can_edit_resources,
    key_columns=("unit", "date", "kind", "recipient_type", "recipient"),
)
