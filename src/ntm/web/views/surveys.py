"""A commune's resident-satisfaction survey: the result against the rule in force, the rounds,
and a form to enter one household's answer (files go through ``ntm import``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ntm.accounts.access import access_unit_for_user, can_record_survey
from ntm.recognition.models import SatisfactionSurvey
from ntm.recognition.survey import survey_result
from ntm.recognition.survey_import import MSG_REASON_NEEDED, Answer, do_record_answers
from ntm.textnorm import normalize_text, parse_date

MSG_FIELDS = "Cần nhập đợt, hộ và nội dung lấy ý kiến."
MSG_NOT_COMMUNE = "Chỉ xã có phiếu lấy ý kiến sự hài lòng."


def _answer(request: HttpRequest, commune_id: int) -> Answer:
    post = request.POST
    survey, household = post.get("survey", "").strip(), post.get("household", "").strip()
    area = normalize_text(post.get("area", ""))
    satisfied = post.get("satisfied") == "yes"
    reason = post.get("reason", "").strip()
    if not (survey and household and area):
        raise ValueError(MSG_FIELDS)
    if not satisfied and not reason:
        raise ValueError(MSG_REASON_NEEDED)
    text = post.get("date", "").strip()
    when = parse_date(text) if text else None
    return Answer(commune_id, None, survey, household, area, satisfied, reason, when, None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def survey_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code)
    may_record = unit.level == "commune" and can_record_survey(request.user, unit)
    error = ""
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        try:
            do_record_answers([_answer(request, unit.pk)], author=request.user)
        except ValueError as exc:
            error = str(exc)
        else:
            return redirect("web:survey", code=unit.code)
    context = {
        "unit": unit,
        "survey": survey_result(unit, timezone.localdate()),
        "rounds": SatisfactionSurvey.objects.filter(unit=unit).order_by("-date", "-code"),
        "may_record": may_record,
        "error": error,
        "title": _("Lấy ý kiến sự hài lòng của người dân"),
    }
    return render(request, "web/survey.html", context, status=400 if error else 200)
