"""The recognition workflow in the web: what awaits the user, the cases in scope, one case
(its steps, dossier checklist, survey result, timeline and the actions the user may take).

Thin: every change is a ``ntm.recognition.cases.do_*``; every "may this user" is asked of
``ntm.accounts.access`` (404 outside the scope, 403 for an action the user may not take).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ntm.accounts.access import (
    access_unit_for_user,
    can_act_on_step,
    can_open_case,
    can_unlock_case_values,
)
from ntm.assessments.evidence import ACCEPT_ATTRIBUTE, EvidenceRejected, check_upload, stored_name
from ntm.recognition import cases as flow
from ntm.recognition.inbox import awaiting, visible_cases
from ntm.recognition.models import LEVEL_CHOICES, DossierItem, RecognitionCase
from ntm.recognition.services import RecognitionFields
from ntm.recognition.survey import survey_result
from ntm.recognition.workflow import WorkflowError
from ntm.textnorm import parse_date
from ntm.web.views.recognitions import document_response

MSG_BAD_DATE = "Ngày không hợp lệ: {value}"
MSG_REQUIRED = "Cần nhập {what}."
UNIT_LEVELS = ("ntm", "advanced", "model")


def _case_for_user(request: HttpRequest, pk: int) -> RecognitionCase:
    """The case if the user may see its unit, else 404."""
    case = get_object_or_404(RecognitionCase.objects.select_related("unit"), pk=pk)
    access_unit_for_user(request.user, case.unit.code, era=case.unit.era)
    return case


@require_safe
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = visible_cases(request.user).order_by("status", "-updated_at")[:200]
    rows = [(c, flow.current_step(c)) for c in cases]
    context = {"waiting": awaiting(request.user), "rows": rows, "title": _("Hồ sơ xét công nhận")}
    return render(request, "web/cases.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code)
    if not can_open_case(request.user, unit):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        level = request.POST.get("level", "")
        try:
            case = flow.do_open_case(
                unit=unit,
                level=level,
                author=request.user,
                set_code=request.POST.get("set", "").strip(),
                period=request.POST.get("period", "").strip(),
            )
        except (flow.CaseError, WorkflowError) as exc:
            error = getattr(exc, "message", str(exc))
        else:
            return redirect("web:case", pk=case.pk)
    levels = [(k, v) for k, v in LEVEL_CHOICES if k in UNIT_LEVELS]
    context = {"unit": unit, "levels": levels, "error": error, "title": _("Mở hồ sơ xét công nhận")}
    return render(request, "web/case_new.html", context, status=400 if error else 200)


def _step_states(case: RecognitionCase) -> list[dict[str, Any]]:
    workflow = flow.case_workflow(case)
    here = workflow.index(case.step)
    return [
        {
            "step": step,
            "state": "done"
            if i < here or case.status == "decided"
            else ("current" if i == here and case.status == "open" else "todo"),
        }
        for i, step in enumerate(workflow.steps)
    ]


def _checklist(case: RecognitionCase) -> list[dict[str, Any]]:
    step = flow.current_step(case)
    done = {i.item: i for i in DossierItem.objects.filter(case=case, step=step.key)}
    return [{"item": item, "record": done.get(item.key)} for item in step.checklist]


def _dossier(case: RecognitionCase) -> list[DossierItem]:
    return list(DossierItem.objects.filter(case=case).order_by("step", "item"))


def _act(request: HttpRequest, case: RecognitionCase) -> None:
    """Do the POSTed action (raises ``PermissionDenied`` or ``flow.CaseError``)."""
    action = request.POST.get("action", "")
    user, step = request.user, flow.current_step(case)
    reason = request.POST.get("reason", "")
    first = flow.case_workflow(case).steps[0]
    if action in ("unlock", "relock"):
        if not can_unlock_case_values(user, case.unit):
            raise PermissionDenied
        do = flow.do_unlock_case if action == "unlock" else flow.do_relock_case
        do(case=case, reason=reason, author=user)
        return
    if action == "withdraw":
        if not (
            can_act_on_step(user, case.unit, first.roles)
            or can_act_on_step(user, case.unit, step.roles)
        ):
            raise PermissionDenied
        flow.do_withdraw_case(case=case, reason=reason, author=user)
        return
    if not can_act_on_step(user, case.unit, step.roles):
        raise PermissionDenied
    if action == "approve":
        flow.do_approve_step(case=case, author=user, reason=reason)
    elif action == "return":
        flow.do_return_case(case=case, reason=reason, author=user)
    elif action == "item":
        flow.do_attach_dossier_item(
            case=case,
            item=request.POST.get("item", ""),
            author=user,
            note=request.POST.get("note", "").strip(),
            document=_upload(request),
        )
    elif action == "decide":
        flow.do_decide_case(
            case=case, fields=_decision(request, case), author=user, document=_upload(request)
        )
    else:
        raise flow.CaseError(_("Thao tác không hợp lệ."))


def _upload(request: HttpRequest) -> tuple[str, Any] | None:
    upload = request.FILES.get("document")
    if not upload:
        return None
    try:
        checked = check_upload(upload)
    except EvidenceRejected as exc:
        raise flow.CaseError(exc.message) from None
    return stored_name(checked.upload.name or "", checked.extension), checked.upload


def _decision(request: HttpRequest, case: RecognitionCase) -> RecognitionFields:
    number = request.POST.get("decision", "").strip()
    issuer = request.POST.get("issuer", "").strip()
    text = request.POST.get("date", "").strip()
    if not number or not issuer:
        raise flow.CaseError(MSG_REQUIRED.format(what=_("số quyết định và cơ quan ban hành")))
    try:
        when = parse_date(text)
    except ValueError:
        raise flow.CaseError(MSG_BAD_DATE.format(value=text)) from None
    return RecognitionFields(case.level, number, when, issuer, case.set_code)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_user(request, pk)
    error = ""
    if request.method == "POST":
        try:
            _act(request, case)
        except flow.CaseError as exc:
            error = exc.message
        else:
            return redirect("web:case", pk=case.pk)
    step = flow.current_step(case)
    user = request.user
    today = timezone.localdate()
    context = {
        "case": case,
        "workflow": flow.case_workflow(case),
        "steps": _step_states(case),
        "step": step,
        "checklist": _checklist(case),
        "dossier": _dossier(case),
        "blockers": flow.blockers(case, today) if case.status == "open" else [],
        "posting_ends": flow.posting_ends(case, step),
        "events": case.events.select_related("actor"),
        "survey": survey_result(case.unit, today),
        "may_act": case.status == "open" and can_act_on_step(user, case.unit, step.roles),
        "may_unlock": case.status == "open" and can_unlock_case_values(user, case.unit),
        "accept": ACCEPT_ATTRIBUTE,
        "error": error,
        "title": _("Hồ sơ xét công nhận"),
    }
    return render(request, "web/case.html", context, status=400 if error else 200)


@require_safe
@login_required
def case_document(request: HttpRequest, pk: int, item_pk: int) -> FileResponse:
    case = _case_for_user(request, pk)
    item = get_object_or_404(DossierItem, pk=item_pk, case=case)
    if not item.document:
        raise Http404
    return document_response(item.document)
