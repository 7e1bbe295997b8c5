"""A task closes itself when its indicator's value meets the threshold (issue 10, item 5).

Registered with ``ntm.assessments.hooks`` in ``PlanningConfig.ready``: the value writers call
it inside their transaction, so a task closes together with the value that met it, and the
verdict is the engine's (``evaluate_units``), never a second comparison.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ntm.assessments.evaluation import evaluate_units
from ntm.criteria.inputs import Period
from ntm.criteria.registry import UnknownSet, load_registry
from ntm.criteria.results import MET
from ntm.planning.models import CLOSED_STATUSES, Task
from ntm.planning.services import do_close_task_by_value


def has_open_indicator_tasks() -> bool:
    return Task.objects.exclude(status__in=CLOSED_STATUSES).exclude(indicator_code="").exists()


def close_met_tasks(written: list[tuple[int, str, Period]], author: Any = None) -> list[Task]:
    """Close the open indicator tasks of the written (unit, set) pairs whose indicator
    is now met."""
    open_tasks = Task.objects.exclude(status__in=CLOSED_STATUSES).exclude(indicator_code="")
    with_tasks = set(open_tasks.values_list("unit_id", "set_code").distinct())
    wanted = {(u, s): p for u, s, p in written if (u, s) in with_tasks}
    if not wanted:
        return []
    tasks = defaultdict(list)
    for task in open_tasks.filter(unit_id__in={u for u, _ in wanted}).select_related("unit"):
        if (task.unit_id, task.set_code) in wanted:
            tasks[(task.unit_id, task.set_code)].append(task)
    registry = load_registry()
    closed = []
    for (unit_id, set_code), group in tasks.items():
        period = wanted[(unit_id, set_code)]
        try:
            result = evaluate_units([group[0].unit], set_code, period, registry)[unit_id]
        except UnknownSet:
            continue
        by_code = {i.code: i for i in result.indicators}
        for task in group:
            item = by_code.get(task.indicator_code)
            if item is not None and item.status == MET:
                closed.append(
                    do_close_task_by_value(
                        task=task,
                        period=period,
                        value=item.value,
                        op=item.op,
                        threshold=item.threshold,
                        author=author,
                    )
                )
    return closed
