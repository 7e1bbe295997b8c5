"""The target file kind of ``ntm import``: ``unit,level,due,decision`` with optional ``count``
and ``note``. With ``count``: that many communes under the unit reach ``level`` by ``due``;
without: the unit itself does. The same unit, level and due date again updates the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts
from ntm.imports.rows import RowError
from ntm.planning.models import Target
from ntm.planning.services import REASON_IMPORT, save_audited

LEVELS = {"ntm": "ntm", "advanced": "advanced", "model": "model"}
MSG_DUPLICATE_TARGET = "Trùng mục tiêu ở dòng {first} (cùng đơn vị, mức, hạn)"


@dataclass(frozen=True, slots=True)
class TargetRecord:
    unit_id: int
    level: str
    due: date
    decision: str
    count: int | None
    note: str

    @property
    def key(self) -> tuple:
        return (self.unit_id, self.level, self.due)


def check_target_row(row: RecordRow, ctx: RecordContext) -> TargetRecord | None:
    due = row.date("due")
    unit_id = ctx.unit(row, "unit", on=due)
    level = row.choice("level", LEVELS)
    decision = row.required("decision")
    count = row.number("count", required=False, integer=True, minimum=1)
    if row.problems:
        return None
    return TargetRecord(unit_id, level, due, decision, count, row.optional("note"))


def check_target_file(
    checked: list[tuple[RecordRow, TargetRecord]], ctx: RecordContext
) -> list[RowError]:
    first: dict[tuple, int] = {}
    problems = []
    for row, record in checked:
        if record.key in first:
            problems.append(
                RowError(
                    row.row, "due", MSG_DUPLICATE_TARGET.format(first=first[record.key]), row.sheet
                )
            )
        else:
            first.setdefault(record.key, row.row)
    return problems


def write_targets(records: list[TargetRecord], ctx: RecordContext) -> WriteCounts:
    counts = WriteCounts()
    reason = REASON_IMPORT.format(name=ctx.source_name)
    for r in records:
        fields = {
            "kind": "count" if r.count else "unit",
            "count": r.count,
            "decision": r.decision,
            "note": r.note,
        }
        target = Target.objects.filter(unit_id=r.unit_id, level=r.level, due=r.due).first()
        if target is None:
            save_audited(
                Target(unit_id=r.unit_id, level=r.level, due=r.due, **fields), ctx.author, reason
            )
            counts.created += 1
        elif any(getattr(target, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(target, k, v)
            save_audited(target, ctx.author, reason)
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


TARGET_KIND = RecordKind(
    "targets",
    "mục tiêu",
    ("unit", "level", "due", "decision"),
    ("count", "note"),
    check_target_row,
    write_targets,
    check_target_file,
)
