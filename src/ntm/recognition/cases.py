"""Writes of the recognition workflow (Zulip-style ``do_*``): open a case, attach its dossier,
approve / return (with a reason) / withdraw, decide, unlock and relock its values.

Each function changes the case AND appends its ``CaseEvent`` (who, when, which step, why) in one
transaction; simple_history keeps the case's old states too. Permissions are asked by the
callers through ``ntm.accounts.access`` (``can_act_on_step``...), as for every other write.
What each step needs comes from the workflow data (``ntm.recognition.workflow``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ntm.recognition.models import CaseEvent, DossierItem, RecognitionCase
from ntm.recognition.notify import notify_step_actors
from ntm.recognition.services import RecognitionFields, do_recognise
from ntm.recognition.survey import survey_result
from ntm.recognition.workflow import Step, Workflow, get_workflow, workflow_for
from ntm.units.models import AdminUnit

MSG_CASE_CLOSED = "Hồ sơ này đã kết thúc ({status}): không thể thao tác thêm."
MSG_ALREADY_OPEN = "{unit} đã có hồ sơ xét công nhận mức này đang xét."
MSG_LEVEL_NOT_IN_WORKFLOW = "Quy trình {workflow} không xét mức {level}."
MSG_UNIT_LEVEL = "Quy trình {workflow} dành cho cấp {expected}, không dùng cho {unit}."
MSG_MISSING_ITEMS = "Còn thiếu trong hồ sơ của bước “{step}”: {items}."
MSG_POSTING_NOT_OVER = (
    "Thời gian công khai {days} ngày chưa hết: đến hết ngày {until} mới chuyển bước."
)
MSG_NO_SURVEY = "Chưa có kết quả lấy ý kiến sự hài lòng của người dân cho {unit}."
MSG_SURVEY_NOT_MET = "Kết quả lấy ý kiến sự hài lòng chưa đạt yêu cầu ({rule}): {rate}."
MSG_NO_RULE = "Chưa có quy định tỷ lệ hài lòng nào cho cấp {level} vào ngày {date}."
MSG_REASON_REQUIRED = "Cần ghi rõ lý do."
MSG_NO_PREVIOUS = "Đây là bước đầu tiên: không có bước nào để trả lại."
MSG_DECIDE_STEP = "Bước quyết định: hãy ghi số, ngày và cơ quan ban hành quyết định công nhận."
MSG_NOT_DECISION_STEP = "Hồ sơ chưa đến bước quyết định công nhận."
MSG_NOT_LOCKED = "Số liệu của hồ sơ này không bị khóa."
MSG_NOT_UNLOCKED = "Số liệu của hồ sơ này chưa được mở khóa."
MSG_REOPENED = "Số liệu thay đổi sau khi đã duyệt ({what}): hồ sơ trở lại bước đầu để đánh giá lại"
MSG_UNKNOWN_ITEM = "Bước “{step}” không có mục hồ sơ “{item}”."


class CaseError(ValueError):
    """A transition the case cannot make now; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def case_workflow(case: RecognitionCase) -> Workflow:
    return get_workflow(case.workflow, case.workflow_version)


def current_step(case: RecognitionCase) -> Step:
    return case_workflow(case).step(case.step)


def _user(author: Any) -> Any:
    return author if getattr(author, "pk", None) is not None else None


def _save(case: RecognitionCase, author: Any) -> None:
    step = current_step(case)
    case.locked = case.status == "open" and step.locks_values and not case.unlocked
    if _user(author) is not None:
        case._history_user = author
    case.save()


def _event(case: RecognitionCase, action: str, author: Any, reason: str = "", to: str = "") -> None:
    CaseEvent.objects.create(
        case=case, step=case.step, action=action, to_step=to, reason=reason, actor=_user(author)
    )


def _open_only(case: RecognitionCase) -> None:
    if case.status != "open":
        raise CaseError(MSG_CASE_CLOSED.format(status=case.get_status_display()))


@transaction.atomic
def do_open_case(
    *,
    unit: AdminUnit,
    level: str,
    author: Any = None,
    set_code: str = "",
    period: str = "",
    on: date | None = None,
    workflow: Workflow | None = None,
) -> RecognitionCase:
    """Open a case for ``unit`` at ``level`` under the workflow in force on ``on`` (today)."""
    on = on or timezone.localdate()
    workflow = workflow or workflow_for(unit.level, on, unit.era)
    if unit.level != workflow.unit_level:
        raise CaseError(
            MSG_UNIT_LEVEL.format(workflow=workflow.code, expected=workflow.unit_level, unit=unit)
        )
    if workflow.levels and level not in workflow.levels:
        raise CaseError(MSG_LEVEL_NOT_IN_WORKFLOW.format(workflow=workflow.code, level=level))
    if RecognitionCase.objects.filter(unit=unit, level=level, status="open").exists():
        raise CaseError(MSG_ALREADY_OPEN.format(unit=unit))
    case = RecognitionCase(
        unit=unit,
        level=level,
        workflow=workflow.code,
        workflow_version=workflow.version,
        set_code=set_code,
        period=period,
        step=workflow.steps[0].key,
        step_since=on,
        opened_by=_user(author),
    )
    _save(case, author)
    _event(case, "open", author)
    return case


@transaction.atomic
def do_attach_dossier_item(
    *,
    case: RecognitionCase,
    item: str,
    author: Any = None,
    note: str = "",
    document: Any = None,
) -> DossierItem:
    """Record a checklist item of the current step as done (a scan ``(name, content)``, a note)."""
    _open_only(case)
    step = current_step(case)
    if item not in {i.key for i in step.checklist}:
        raise CaseError(MSG_UNKNOWN_ITEM.format(step=step.name, item=item))
    record, _created = DossierItem.objects.get_or_create(case=case, step=step.key, item=item)
    record.note = note
    record.author = _user(author)
    if document is not None:
        name, content = document
        record.document.save(name, content, save=False)
    if _user(author) is not None:
        record._history_user = author
    record.save()
    _event(case, "document", author, reason=item)
    return record


def missing_items(case: RecognitionCase, step: Step) -> list[str]:
    """Labels of the step's required checklist items with neither a document nor a note."""
    done = {
        i.item
        for i in DossierItem.objects.filter(case=case, step=step.key)
        if i.document or i.note.strip()
    }
    return [i.label for i in step.checklist if i.required and i.key not in done]


def posting_ends(case: RecognitionCase, step: Step) -> date | None:
    """The last day of the step's public posting (None: the step has no posting period)."""
    if not step.posting_days:
        return None
    return case.step_since + timedelta(days=step.posting_days - 1)


def blockers(case: RecognitionCase, on: date | None = None, *, checklist: bool = True) -> list[str]:
    """Why the current step cannot be approved on ``on`` (empty: it can); ``checklist=False``
    leaves the dossier out (the decision's scan comes with the decision itself)."""
    on = on or timezone.localdate()
    step = current_step(case)
    problems = []
    missing = missing_items(case, step) if checklist else []
    if missing:
        problems.append(MSG_MISSING_ITEMS.format(step=step.name, items="; ".join(missing)))
    ends = posting_ends(case, step)
    if ends is not None and on <= ends:
        problems.append(
            MSG_POSTING_NOT_OVER.format(days=step.posting_days, until=ends.strftime("%d/%m/%Y"))
        )
    if step.survey:
        problems.extend(_survey_problems(case, on))
    return problems


def _survey_problems(case: RecognitionCase, on: date) -> list[str]:
    result = survey_result(case.unit, on)
    if result is None:
        return [MSG_NO_SURVEY.format(unit=case.unit)]
    if result.rule is None:
        return [MSG_NO_RULE.format(level=case.unit.level, date=on.strftime("%d/%m/%Y"))]
    if not result.outcome or not result.outcome.met:
        rate = result.rate_text
        return [MSG_SURVEY_NOT_MET.format(rule=result.rule.name, rate=rate)]
    return []


@transaction.atomic
def do_approve_step(
    *, case: RecognitionCase, author: Any = None, reason: str = "", on: date | None = None
) -> RecognitionCase:
    """Pass the current step: the case moves to the next one (not the decision step itself)."""
    _open_only(case)
    on = on or timezone.localdate()
    workflow = case_workflow(case)
    if workflow.step(case.step).decides:
        raise CaseError(MSG_DECIDE_STEP)
    problems = blockers(case, on)
    if problems:
        raise CaseError(" ".join(problems))
    following = workflow.next_step(case.step)
    assert following is not None  # the last step decides (checked when the workflow is read)
    _event(case, "approve", author, reason=reason, to=following.key)
    case.step, case.step_since, case.unlocked = following.key, on, False
    _save(case, author)
    notify_step_actors(case)
    return case


@transaction.atomic
def do_return_case(
    *, case: RecognitionCase, reason: str, author: Any = None, on: date | None = None
) -> RecognitionCase:
    """Send the case back to the previous step, with a written reason."""
    _open_only(case)
    if not reason.strip():
        raise CaseError(MSG_REASON_REQUIRED)
    previous = case_workflow(case).previous_step(case.step)
    if previous is None:
        raise CaseError(MSG_NO_PREVIOUS)
    _event(case, "return", author, reason=reason.strip(), to=previous.key)
    case.step, case.step_since, case.unlocked = previous.key, on or timezone.localdate(), False
    _save(case, author)
    notify_step_actors(case, returned=reason.strip())
    return case


def reopen_for_changed_values(case: RecognitionCase, what: str, author: Any = None) -> None:
    """Values of a case past its first step changed (not locked, not unlocked by the province):
    what was approved no longer holds, so the case goes back to its first step, on the timeline
    and by mail to that step's actors; never silently (issue 9)."""
    first = case_workflow(case).steps[0]
    if case.step == first.key:
        return
    reason = MSG_REOPENED.format(what=what)
    _event(case, "reopen", author, reason=reason, to=first.key)
    case.step, case.step_since = first.key, timezone.localdate()
    _save(case, author)
    notify_step_actors(case, reopened=what)


@transaction.atomic
def do_withdraw_case(*, case: RecognitionCase, reason: str, author: Any = None) -> RecognitionCase:
    """End the case without a decision (the applicant withdraws it), with a reason."""
    _open_only(case)
    if not reason.strip():
        raise CaseError(MSG_REASON_REQUIRED)
    _event(case, "withdraw", author, reason=reason.strip())
    case.status = "withdrawn"
    _save(case, author)
    return case


@transaction.atomic
def do_decide_case(
    *,
    case: RecognitionCase,
    fields: RecognitionFields,
    author: Any = None,
    document: Any = None,
    on: date | None = None,
) -> RecognitionCase:
    """The decision step: record the recognition decision (``do_recognise``) and close the case."""
    _open_only(case)
    step = current_step(case)
    if not step.decides:
        raise CaseError(MSG_NOT_DECISION_STEP)
    problems = blockers(case, on, checklist=False)
    if problems:
        raise CaseError(" ".join(problems))
    recognition, _outcome = do_recognise(
        unit=case.unit,
        fields=fields,
        author=author,
        source="case",
        document=document,
    )
    _event(case, "decide", author, reason=f"{fields.decision} ({fields.date:%d/%m/%Y})")
    case.status, case.recognition = "decided", recognition
    _save(case, author)
    return case


@transaction.atomic
def do_unlock_case(*, case: RecognitionCase, reason: str, author: Any = None) -> RecognitionCase:
    """Let the values of a unit under appraisal change: explicit, with a reason, on the
    timeline; every change made meanwhile is written on the timeline too."""
    _open_only(case)
    if not reason.strip():
        raise CaseError(MSG_REASON_REQUIRED)
    if not case.locked:
        raise CaseError(MSG_NOT_LOCKED)
    case.unlocked = True
    _event(case, "unlock", author, reason=reason.strip())
    _save(case, author)
    return case


@transaction.atomic
def do_relock_case(
    *, case: RecognitionCase, author: Any = None, reason: str = ""
) -> RecognitionCase:
    _open_only(case)
    if not case.unlocked:
        raise CaseError(MSG_NOT_UNLOCKED)
    case.unlocked = False
    _event(case, "relock", author, reason=reason.strip())
    _save(case, author)
    return case
