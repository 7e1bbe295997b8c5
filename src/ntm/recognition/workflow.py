"""The recognition workflow as data: steps, who acts, the dossier checklist, posting days.

Why data: the steps differ by period (three tiers of government until 30/6/2025, commune ->
province after) and by province, and are themselves unverified recollections of QĐ 18/2022;
an office corrects a YAML file in ``data/`` (a new ``version``), not the code. A case keeps the
``(code, version)`` it was opened under, so a later edit never rewrites a running case's steps.
Pure: no Django, so the checks are plain functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
WORKFLOW_GLOB = "workflow-*.yaml"

MSG_NO_WORKFLOW = "Không có quy trình công nhận nào cho {level} vào ngày {date}."
MSG_BAD_WORKFLOW = "Tệp quy trình {name}: {reason}"


class WorkflowError(ValueError):
    """A workflow file that cannot be read, or no workflow for a case."""


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str
    label: str
    required: bool = True


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    name: str
    roles: tuple[str, ...]
    checklist: tuple[ChecklistItem, ...] = ()
    posting_days: int | None = None
    survey: bool = False
    locks_values: bool = False
    decides: bool = False


@dataclass(frozen=True, slots=True)
class Workflow:
    code: str
    version: int
    name: str
    unit_level: str
    era: str  # the units it serves: "2008" (three tiers) or "2025" (two tiers, no district)
    levels: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    source: str
    verified: bool
    note: str
    steps: tuple[Step, ...]

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def index(self, key: str) -> int:
        return [s.key for s in self.steps].index(key)

    def next_step(self, key: str) -> Step | None:
        i = self.index(key)
        return self.steps[i + 1] if i + 1 < len(self.steps) else None

    def previous_step(self, key: str) -> Step | None:
        i = self.index(key)
        return self.steps[i - 1] if i > 0 else None

    def in_force_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _step(raw: dict[str, Any]) -> Step:
    items = tuple(
        ChecklistItem(str(i["key"]), str(i["label"]), bool(i.get("required", True)))
        for i in raw.get("checklist") or []
    )
    return Step(
        key=str(raw["key"]),
        name=str(raw["name"]),
        roles=tuple(raw.get("roles") or ()),
        checklist=items,
        posting_days=int(raw["posting_days"]) if raw.get("posting_days") else None,
        survey=bool(raw.get("survey", False)),
        locks_values=bool(raw.get("locks_values", False)),
        decides=bool(raw.get("decides", False)),
    )


def parse_workflow(raw: dict[str, Any], name: str = "") -> Workflow:
    """A workflow from its YAML mapping; ``WorkflowError`` names the file and the problem."""
    try:
        steps = tuple(_step(s) for s in raw["steps"])
        workflow = Workflow(
            code=str(raw["code"]),
            version=int(raw["version"]),
            name=str(raw["name"]),
            unit_level=str(raw["unit_level"]),
            era=str(raw.get("era") or ""),
            levels=tuple(raw.get("levels") or ()),
            valid_from=_date(raw.get("valid_from")),
            valid_to=_date(raw.get("valid_to")),
            source=str(raw.get("source") or ""),
            verified=bool(raw.get("verified", False)),
            note=str(raw.get("note") or "").strip(),
            steps=steps,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise WorkflowError(MSG_BAD_WORKFLOW.format(name=name, reason=exc)) from None
    keys = [s.key for s in steps]
    if not steps or len(set(keys)) != len(keys) or not steps[-1].decides:
        reason = "các bước phải có khóa khác nhau và bước cuối là bước quyết định (decides: true)"
        raise WorkflowError(MSG_BAD_WORKFLOW.format(name=name, reason=reason))
    return workflow


@cache
def load_workflows(directory: Path = DATA_DIR) -> dict[tuple[str, int], Workflow]:
    """Every workflow file of ``directory``, by (code, version)."""
    out: dict[tuple[str, int], Workflow] = {}
    for path in sorted(directory.glob(WORKFLOW_GLOB)):
        workflow = parse_workflow(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
        out[(workflow.code, workflow.version)] = workflow
    return out


def get_workflow(code: str, version: int) -> Workflow:
    return load_workflows()[(code, version)]


def workflow_for(unit_level: str, on: date, era: str | None = None) -> Workflow:
    """The workflow (latest version) for units of ``unit_level`` (and of ``era``): the one in
    force on ``on``; for a unit of an era whose workflows are no longer in force (a pre-2025
    commune after 1/7/2025, as the demo's are), the era's latest one."""
    found = [
        w
        for w in load_workflows().values()
        if w.unit_level == unit_level and (not era or not w.era or w.era == era)
    ]
    current = [w for w in found if w.in_force_on(on)]
    started = [w for w in found if w.valid_from is None or w.valid_from <= on]
    chosen = current or started
    if not chosen:
        raise WorkflowError(MSG_NO_WORKFLOW.format(level=unit_level, date=on.strftime("%d/%m/%Y")))
    return max(chosen, key=lambda w: (w.in_force_on(on), w.valid_from or date.min, w.version))
