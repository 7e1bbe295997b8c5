"""The task file kind of ``ntm import`` (design.md §10, a contract).

Header ``unit,set,criterion,department,owner,start,due,status`` with optional ``indicator``,
``budget``, ``note``. A due date before the start, a criterion or indicator the set does not
have, or a status other than the four is a bad row: the file is refused whole. A row with the
same unit, set, criterion, indicator, department and owner as a stored task updates it, so
importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ntm.criteria.registry import UnknownSet, load_registry
from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts
from ntm.imports.rows import RowError
from ntm.planning.models import CANCELLED, DONE, IN_PROGRESS, NOT_STARTED, Task
from ntm.planning.services import MSG_DUE_BEFORE_START, do_save_imported_task

MSG_UNKNOWN_SET = "Không có bộ tiêu chí {code!r}"
MSG_UNKNOWN_CRITERION = "Bộ {set} không có tiêu chí {criterion}"
MSG_UNKNOWN_INDICATOR = "Bộ {set} không có chỉ tiêu {indicator}"
MSG_INDICATOR_OUTSIDE = "Chỉ tiêu {indicator} không thuộc tiêu chí {criterion}"
MSG_DUPLICATE_TASK = (
    "Trùng nhiệm vụ ở dòng {first} "
    "(cùng đơn vị, bộ, tiêu chí, chỉ tiêu, phòng ban, người phụ trách)"
)
REQUIRED = ("unit", "set", "criterion", "department", "owner", "start", "due", "status")
OPTIONAL = ("indicator", "budget", "note")
STATUS_WORDS = {
    NOT_STARTED: NOT_STARTED,
    IN_PROGRESS: IN_PROGRESS,
    DONE: DONE,
    CANCELLED: CANCELLED,
}


@dataclass(frozen=True, slots=True)
class TaskRecord:
    unit_id: int
    set_code: str
    criterion: int
    indicator: str
    department: str
    owner: str
    start: date
    due: date
    status: str
    budget: float | None
    note: str

    @property
    def key(self) -> tuple:
        return (
            self.unit_id,
            self.set_code,
            self.criterion,
            self.indicator,
            self.department,
            self.owner,
        )


def check_task_row(row: RecordRow, ctx: RecordContext) -> TaskRecord | None:
    start = row.date("start")
    due = row.date("due")
    unit_id = ctx.unit(row, "unit", on=start)
    set_code = row.required("set")
    criterion = row.number("criterion", integer=True, minimum=0)
    department = row.required("department")
    owner = row.required("owner")
    status = row.choice("status", STATUS_WORDS)
    budget = row.number("budget", required=False, minimum=0)
    indicator = row.optional("indicator")
    if start and due and due < start:
        row.fail("due", MSG_DUE_BEFORE_START.format(due=due.isoformat(), start=start.isoformat()))
    criteria_set = None
    if set_code:
        try:
            criteria_set = load_registry().get(set_code)
        except UnknownSet:
            row.fail("set", MSG_UNKNOWN_SET.format(code=set_code))
    if criteria_set is not None and criterion is not None:
        numbers = {c.number for c in criteria_set.criteria}
        if criterion not in numbers:
            row.fail("criterion", MSG_UNKNOWN_CRITERION.format(set=set_code, criterion=criterion))
            criterion = None
    if criteria_set is not None and indicator:
        owner_criterion = next(
            (c.number for c in criteria_set.criteria for i in c.indicators if i.code == indicator),
            None,
        )
        if owner_criterion is None:
            row.fail("indicator", MSG_UNKNOWN_INDICATOR.format(set=set_code, indicator=indicator))
        elif criterion is not None and owner_criterion != criterion:
            row.fail(
                "indicator", MSG_INDICATOR_OUTSIDE.format(indicator=indicator, criterion=criterion)
            )
    if row.problems:
        return None
    return TaskRecord(
        unit_id,
        set_code,
        criterion,
        indicator,
        department,
        owner,
        start,
        due,
        status,
        budget,
        row.optional("note"),
    )


def check_task_file(
    checked: list[tuple[RecordRow, TaskRecord]], ctx: RecordContext
) -> list[RowError]:
    first: dict[tuple, int] = {}
    problems = []
    for row, record in checked:
        if record.key in first:
            problems.append(
                RowError(
                    row.row, "owner", MSG_DUPLICATE_TASK.format(first=first[record.key]), row.sheet
                )
            )
        else:
            first[record.key] = row.row
    return problems


def write_tasks(records: list[TaskRecord], ctx: RecordContext) -> WriteCounts:
    counts = WriteCounts()
    for r in records:
        existing = Task.objects.filter(
            unit_id=r.unit_id,
            set_code=r.set_code,
            criterion=r.criterion,
            indicator_code=r.indicator,
            department=r.department,
            owner=r.owner,
        ).first()
        fields = {
            "unit_id": r.unit_id,
            "set_code": r.set_code,
            "criterion": r.criterion,
            "indicator_code": r.indicator,
            "department": r.department,
            "owner": r.owner,
            "start": r.start,
            "due": r.due,
            "status": r.status,
            "budget": r.budget,
            "note": r.note,
        }
        outcome = do_save_imported_task(
            fields=fields, existing=existing, author=ctx.author, source_name=ctx.source_name
        )
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts


TASK_KIND = RecordKind(
    "tasks",
    "nhiệm vụ theo tiêu chí",
    REQUIRED,
    OPTIONAL,
    check_task_row,
    write_tasks,
    check_task_file,
)
