"""The OCOP record file (design.md §10): ``unit,product,producer,group,year,stars,level``
with optional ``score``, ``decision``, ``date``, ``note``.

Natural key: (unit, product name normalised, year). Importing the same file twice leaves
everything unchanged; a changed star rating for the same year updates that row.
"""

from __future__ import annotations

from decimal import Decimal

from ntm.imports.duplicates import duplicate_key_checker
from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts
from ntm.ocop.models import GROUP_CHOICES, LEVEL_CHOICES
from ntm.ocop.services import RatingData, do_save_rating
from ntm.textnorm import normalize_name

OCOP_REQUIRED = ("unit", "product", "producer", "group", "year", "stars", "level")
OCOP_OPTIONAL = ("score", "decision", "date", "note")
GROUPS: dict[str, int] = {str(n): n for n, _ in GROUP_CHOICES} | {
    name: n for n, name in GROUP_CHOICES
}
LEVELS: dict[str, str] = {code: code for code, _ in LEVEL_CHOICES}
IMPORT_ORIGIN = "import"


def check_ocop_row(row: RecordRow, ctx: RecordContext) -> RatingData | None:
    decided_on = row.date("date", required=False)
    unit_id = ctx.unit(row, "unit", on=decided_on)
    product = row.required("product")
    producer = row.required("producer")
    group = row.choice("group", GROUPS)
    year = row.number("year", integer=True, minimum=2000, maximum=2100)
    stars = row.number("stars", integer=True, minimum=3, maximum=5)
    level = row.choice("level", LEVELS)
    score = row.number("score", required=False, minimum=0, maximum=100)
    if row.problems:
        return None
    return RatingData(
        unit_id=unit_id,
        product=product,
        producer=producer,
        group=group,
        year=int(year),
        stars=int(stars),
        level=level,
        score=None if score is None else Decimal(str(round(score, 2))),
        decision=row.optional("decision"),
        decided_on=decided_on,
        note=row.optional("note"),
    )


def write_ocop(records: list[RatingData], ctx: RecordContext) -> WriteCounts:
    counts = WriteCounts()
    reason = f"Nhập tệp {ctx.source_name}" if ctx.source_name else "Nhập tệp"
    for data in records:
        _, outcome = do_save_rating(
            data=data, author=ctx.author, origin=IMPORT_ORIGIN, reason=reason
        )
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts


OCOP_KIND = RecordKind(
    name="ocop",
    label="sản phẩm OCOP",
    required=OCOP_REQUIRED,
    optional=OCOP_OPTIONAL,
    check_row=check_ocop_row,
    write=write_ocop,
    check_file=duplicate_key_checker(
        lambda r: (r.unit_id, normalize_name(r.product), r.year),
        "cùng đơn vị, sản phẩm và năm",
        "product",
    ),
)
