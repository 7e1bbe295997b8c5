"""The OCOP record file (design.md §10): ``unit,product,producer,group,year,stars,level``
with optional ``score``, ``decision``, ``date``, ``note``, and the score's three parts
``score_a`` (/40), ``score_b`` (/25), ``score_c`` (/35) of Decision 148/QĐ-TTg; given all three,
the total is their sum (a ``score`` that disagrees is refused).

Natural key: (unit, product name normalised, year). Importing the same file twice leaves
everything unchanged; a changed star rating for the same year updates that row.
"""

from __future__ import annotations

from decimal import Decimal

from ntm.imports.duplicates import duplicate_key_checker
from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts
from ntm.ocop.models import GROUP_CHOICES, LEVEL_CHOICES
from ntm.ocop.services import RatingData, do_save_rating
from ntm.textnorm import format_number_vi, normalize_name

OCOP_REQUIRED = ("unit", "product", "producer", "group", "year", "stars", "level")
OCOP_OPTIONAL = ("score", "decision", "date", "note", "score_a", "score_b", "score_c")
# The three parts of the OCOP score and their maxima (Decision 148/QĐ-TTg: 40 / 25 / 35).
SCORE_PARTS = {"score_a": 40, "score_b": 25, "score_c": 35}
MSG_SCORE_NOT_SUM = "Tổng điểm {score} khác tổng ba phần A + B + C = {parts}"
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
    parts = {
        column: row.number(column, required=False, minimum=0, maximum=maximum)
        for column, maximum in SCORE_PARTS.items()
    }
    given = [part for part in parts.values() if part is not None]
    total = sum(given) if len(given) == len(SCORE_PARTS) else None
    if score is not None and total is not None and abs(total - score) > 0.005:
        row.fail(
            "score",
            MSG_SCORE_NOT_SUM.format(
                score=format_number_vi(score), parts=format_number_vi(round(total, 2))
            ),
        )
    if row.problems:
        return None
    if score is None:
        score = total
    return RatingData(
        unit_id=unit_id,
        product=product,
        producer=producer,
        group=group,
        year=int(year),
        stars=int(stars),
        level=level,
        score=_decimal(score),
        decision=row.optional("decision"),
        decided_on=decided_on,
        note=row.optional("note"),
        score_a=_decimal(parts["score_a"]),
        score_b=_decimal(parts["score_b"]),
        score_c=_decimal(parts["score_c"]),
        parts_given=any(column in row.cells for column in SCORE_PARTS),
    )


def _decimal(number: float | None) -> Decimal | None:
    return None if number is None else Decimal(str(round(number, 2)))


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
