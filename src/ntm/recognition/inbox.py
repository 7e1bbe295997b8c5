"""What awaits a user in the recognition workflow (the in-app notifications).

Computed, not stored: a case awaits whoever may act at its current step (the step's roles in
the workflow data, asked through ``ntm.accounts.access``), so a notification can never be
stale or sent to someone who lost the role. Returned cases say why (the last return's reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm.accounts.access import can_act_on_step, units_visible_to
from ntm.recognition.cases import current_step
from ntm.recognition.models import CaseEvent, RecognitionCase
from ntm.recognition.workflow import Step


@dataclass(frozen=True, slots=True)
class Waiting:
    case: RecognitionCase
    step: Step
    returned_because: str  # the reason of the return that brought the case here ("" if none)


def visible_cases(user: Any):
    return RecognitionCase.objects.filter(unit__in=units_visible_to(user)).select_related("unit")


def awaiting(user: Any) -> list[Waiting]:
    """Open cases in the user's scope whose current step the user may act on, oldest first."""
    out = []
    for case in visible_cases(user).filter(status="open").order_by("step_since", "pk"):
        step = current_step(case)
        if can_act_on_step(user, case.unit, step.roles):
            last = CaseEvent.objects.filter(case=case).order_by("-at", "-pk").first()
            reason = last.reason if last and last.action == "return" else ""
            out.append(Waiting(case, step, reason))
    return out
