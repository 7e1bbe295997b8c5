"""The record files of this app (design.md §10), one kind per header:

- funds: ``unit,period,source,amount_vnd`` [``planned_vnd``, ``note``], key (unit, period, source);
- outputs: ``unit,period,kind,quantity`` [``note``], key (unit, period, kind);
- awards: ``unit,date,issuer,kind,recipient_type,recipient`` [``note``],
  key (unit, date, kind, recipient_type, recipient);
- reported figures: ``unit,period,communes,communes_ntm,source`` [``communes_advanced``,
  ``communes_model``, ``average_criteria``, ``ocop_products``, ``funds_vnd``, ``date``, ``note``],
  key (unit, period).
Re-importing a file leaves every row unchanged; a changed figure for a key updates that row.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ntm.criteria.inputs import Period
from ntm.imports.duplicates import duplicate_key_checker
from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts
from ntm.investment.catalogue import output_kinds
from ntm.investment.models import AWARD_KIND_LABELS, SOURCE_CHOICES
from ntm.investment.services import (
    AwardData,
    FundsData,
    OutputData,
    ReportedData,
    do_save_award,
    do_save_funds,
    do_save_output,
    do_save_reported,
)
from ntm.reports.programme_text import period_end
from ntm.textnorm import normalize_name, normalize_text

IMPORT_ORIGIN = "import"
MSG_BAD_PERIOD = "Kỳ phải có dạng YYYY hoặc YYYY-MM, nhận {value!r}"
MSG_MORE_THAN_COMMUNES = "Không thể lớn hơn số xã ({communes})"
SOURCES = {code: code for code, _ in SOURCE_CHOICES}
RECIPIENT_TYPES = {
    "collective": "collective",
    "individual": "individual",
    "tập thể": "collective",
    "cá nhân": "individual",
}
AWARD_KINDS = {code: code for code in AWARD_KIND_LABELS} | {
    label: code for code, label in AWARD_KIND_LABELS.items()
}


def _period(row: RecordRow, column: str = "period") -> Period | None:
    text = row.required(column)
    if text is None:
        return None
    try:
        return Period.parse(text)
    except ValueError:
        row.fail(column, MSG_BAD_PERIOD.format(value=text))
        return None


def _unit_at(row: RecordRow, ctx: RecordContext, period: Period | None) -> int | None:
    return ctx.unit(row, "unit", on=period_end(str(period)) if period else None)


def check_funds_row(row: RecordRow, ctx: RecordContext) -> FundsData | None:
    period = _period(row)
    unit_id = _unit_at(row, ctx, period)
    source = row.choice("source", SOURCES)
    amount = row.number("amount_vnd", minimum=0)
    planned = row.number("planned_vnd", required=False, minimum=0)
    if row.problems:
        return None
    return FundsData(
        unit_id,
        str(period),
        source,
        round(amount),
        None if planned is None else round(planned),
        row.optional("note"),
    )


def check_output_row(row: RecordRow, ctx: RecordContext) -> OutputData | None:
    period = _period(row)
    unit_id = _unit_at(row, ctx, period)
    kind = row.choice("kind", {k.code: k.code for k in output_kinds()})
    quantity = row.number("quantity", minimum=0)
    if row.problems:
        return None
    return OutputData(
        unit_id, str(period), kind, Decimal(str(round(quantity, 3))), row.optional("note")
    )


def award_kind(text: str) -> str:
    """A known kind's code (``giấy khen`` -> ``certificate``), or the file's own words."""
    keyed = {normalize_text(k): v for k, v in AWARD_KINDS.items()}
    return keyed.get(normalize_text(text), text)


def check_award_row(row: RecordRow, ctx: RecordContext) -> AwardData | None:
    awarded_on = row.date("date")
    unit_id = ctx.unit(row, "unit", on=awarded_on)
    issuer = row.required("issuer")
    kind = row.required("kind")
    recipient_type = row.choice("recipient_type", RECIPIENT_TYPES)
    recipient = row.required("recipient")
    if row.problems:
        return None
    return AwardData(
        unit_id,
        awarded_on,
        issuer,
        award_kind(kind),
        recipient_type,
        recipient,
        row.optional("note"),
    )


def _count(row: RecordRow, column: str, *, required: bool = False) -> int | None:
    value = row.number(column, required=required, integer=True, minimum=0)
    return None if value is None else int(value)


def check_reported_row(row: RecordRow, ctx: RecordContext) -> ReportedData | None:
    period = _period(row)
    unit_id = _unit_at(row, ctx, period)
    communes = _count(row, "communes", required=True)
    counts = {
        c: _count(row, c, required=c == "communes_ntm")
        for c in ("communes_ntm", "communes_advanced", "communes_model")
    }
    for column, value in counts.items():
        if communes is not None and value is not None and value > communes:
            row.fail(column, MSG_MORE_THAN_COMMUNES.format(communes=communes))
    average = row.number("average_criteria", required=False, minimum=0, maximum=100)
    ocop = _count(row, "ocop_products")
    funds = row.number("funds_vnd", required=False, minimum=0)
    source = row.required("source")
    reported_on = row.date("date", required=False)
    if row.problems:
        return None
    return ReportedData(
        unit_id,
        str(period),
        communes,
        counts["communes_ntm"],
        source,
        communes_advanced=counts["communes_advanced"],
        communes_model=counts["communes_model"],
        average_criteria=None if average is None else Decimal(str(round(average, 2))),
        ocop_products=ocop,
        funds_vnd=None if funds is None else round(funds),
        reported_on=reported_on,
        note=row.optional("note"),
    )


def _writer(
    save: Callable[..., tuple[Any, str]],
) -> Callable[[list[Any], RecordContext], WriteCounts]:
    def write(records: list[Any], ctx: RecordContext) -> WriteCounts:
        counts = WriteCounts()
        reason = f"Nhập tệp {ctx.source_name}" if ctx.source_name else "Nhập tệp"
        for data in records:
            _, outcome = save(data=data, author=ctx.author, origin=IMPORT_ORIGIN, reason=reason)
            setattr(counts, outcome, getattr(counts, outcome) + 1)
        return counts

    return write


FUNDS_KIND = RecordKind(
    "funds",
    "nguồn lực huy động",
    ("unit", "period", "source", "amount_vnd"),
    ("planned_vnd", "note"),
    check_funds_row,
    _writer(do_save_funds),
    duplicate_key_checker(
        lambda r: (r.unit_id, r.period, r.source), "cùng đơn vị, kỳ và nguồn vốn", "source"
    ),
)
OUTPUTS_KIND = RecordKind(
    "outputs",
    "khối lượng đầu tư",
    ("unit", "period", "kind", "quantity"),
    ("note",),
    check_output_row,
    _writer(do_save_output),
    duplicate_key_checker(
        lambda r: (r.unit_id, r.period, r.kind), "cùng đơn vị, kỳ và hạng mục", "kind"
    ),
)
AWARDS_KIND = RecordKind(
    "awards",
    "khen thưởng thi đua",
    ("unit", "date", "issuer", "kind", "recipient_type", "recipient"),
    ("note",),
    check_award_row,
    _writer(do_save_award),
    duplicate_key_checker(
        lambda r: (r.unit_id, r.awarded_on, r.kind, r.recipient_type, normalize_name(r.recipient)),
        "cùng đơn vị, ngày, hình thức và người/tập thể nhận",
        "recipient",
    ),
)
REPORTED_KIND = RecordKind(
    "reported",
    "số liệu báo cáo của đơn vị",
    ("unit", "period", "communes", "communes_ntm", "source"),
    (
        "communes_advanced",
        "communes_model",
        "average_criteria",
        "ocop_products",
        "funds_vnd",
        "date",
        "note",
    ),
    check_reported_row,
    _writer(do_save_reported),
    duplicate_key_checker(lambda r: (r.unit_id, r.period), "cùng đơn vị và kỳ", "period"),
)
RECORD_KINDS = (FUNDS_KIND, OUTPUTS_KIND, AWARDS_KIND, REPORTED_KIND)
