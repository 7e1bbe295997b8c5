"""The recognition file of ``ntm import`` (design.md §10): ``unit,level,decision,date,issuer``
with optional ``set``, ``action`` (``recognise``, default, or ``revoke``) and ``note``.

All or nothing like every record file. A revoke row must end a recognition in force on its
date (stored, or recognised earlier in the same file); the same decision twice for the same
unit and level is a bad row; importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm.criteria.registry import load_registry
from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts
from ntm.imports.rows import RowError
from ntm.recognition.models import LEVELS, VILLAGE_LEVELS
from ntm.recognition.services import RecognitionFields, do_recognise, do_revoke, revocable
from ntm.units.models import AdminUnit

RECOGNISE, REVOKE = "recognise", "revoke"
ACTIONS = {RECOGNISE: RECOGNISE, REVOKE: REVOKE, "công nhận": RECOGNISE, "thu hồi": REVOKE}
LEVEL_WORDS = {level: level for level in LEVELS}
MSG_UNKNOWN_SET = "Không có bộ tiêu chí {code!r}"
MSG_VILLAGE_LEVEL = "Mức {level!r} chỉ dùng cho thôn, bản; {unit} không phải thôn, bản"
MSG_NOT_VILLAGE_LEVEL = (
    "Thôn, bản chỉ được công nhận ở mức village-ntm hoặc village-model, không phải {level!r}"
)
MSG_DUPLICATE = "Quyết định {decision} ({action}) cho đơn vị và mức này đã có ở dòng {first}"
MSG_NOTHING_TO_REVOKE = (
    "Không có quyết định công nhận mức {level} nào đang có hiệu lực ngày {date} để thu hồi"
)


@dataclass(frozen=True, slots=True)
class RecognitionRow:
    unit_id: int
    action: str
    fields: RecognitionFields


def check_row(row: RecordRow, ctx: RecordContext) -> RecognitionRow | None:
    when = row.date("date")
    unit_id = ctx.unit(row, "unit", on=when)
    level = row.choice("level", LEVEL_WORDS)
    decision = row.required("decision")
    issuer = row.required("issuer")
    action = row.choice("action", ACTIONS, required=False) or RECOGNISE
    set_code = row.optional("set")
    if set_code and set_code not in load_registry():
        row.fail("set", MSG_UNKNOWN_SET.format(code=set_code))
    if unit_id is not None and level is not None:
        is_village = ctx.units.level(unit_id) == "village"
        if level in VILLAGE_LEVELS and not is_village:
            row.fail("level", MSG_VILLAGE_LEVEL.format(level=level, unit=row.text("unit")))
        elif is_village and level not in VILLAGE_LEVELS:
            row.fail("level", MSG_NOT_VILLAGE_LEVEL.format(level=level))
    if row.problems or None in (when, unit_id, level, decision, issuer):
        return None
    fields = RecognitionFields(level, decision, when, issuer, set_code, row.optional("note"))
    return RecognitionRow(unit_id, action, fields)


def check_file(
    checked: list[tuple[RecordRow, RecognitionRow]], ctx: RecordContext
) -> list[RowError]:
    """Duplicates, and revoke rows with nothing in force to revoke (stored or in this file)."""
    problems: list[RowError] = []
    first: dict[tuple, int] = {}
    for row, rec in checked:
        key = (rec.unit_id, rec.fields.level, rec.fields.decision, rec.action)
        if key in first:
            problems.append(
                RowError(
                    row.row,
                    "decision",
                    MSG_DUPLICATE.format(
                        decision=rec.fields.decision, action=rec.action, first=first[key]
                    ),
                    row.sheet,
                )
            )
        else:
            first[key] = row.row
    recognised_here = [rec for _, rec in checked if rec.action == RECOGNISE]
    units = AdminUnit.objects.in_bulk({rec.unit_id for _, rec in checked if rec.action == REVOKE})
    for row, rec in checked:
        if rec.action != REVOKE:
            continue
        f = rec.fields
        in_file = any(
            r.unit_id == rec.unit_id and r.fields.level == f.level and r.fields.date <= f.date
            for r in recognised_here
        )
        if not in_file and revocable(units[rec.unit_id], f.level, f.date, f.decision) is None:
            problems.append(
                RowError(
                    row.row,
                    "action",
                    MSG_NOTHING_TO_REVOKE.format(level=f.level, date=f.date.strftime("%d/%m/%Y")),
                    row.sheet,
                )
            )
    return problems


def write(records: list[RecognitionRow], ctx: RecordContext) -> WriteCounts:
    """Recognitions first (oldest first), then revocations, so a file may do both."""
    counts = WriteCounts()
    units = AdminUnit.objects.in_bulk({r.unit_id for r in records})
    source = "import"
    ordered = sorted(records, key=lambda r: (r.action == REVOKE, r.fields.date))
    for rec in ordered:
        if rec.action == REVOKE:
            _, outcome = do_revoke(unit=units[rec.unit_id], fields=rec.fields, author=ctx.author)
        else:
            _, outcome = do_recognise(
                unit=units[rec.unit_id], fields=rec.fields, author=ctx.author, source=source
            )
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts


RECOGNITION_KIND = RecordKind(
    name="recognition",
    label="quyết định công nhận",
    required=("unit", "level", "decision", "date", "issuer"),
    optional=("set", "action", "note"),
    check_row=check_row,
    write=write,
    check_file=check_file,
)
