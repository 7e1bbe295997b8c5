"""Carrying a recognition across the 2025 reorganisation: the proposal from the predecessors'
decisions, and the officer's explicit confirmation (``ntm.recognition.carry``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ntm.accounts.access import access_unit_for_user, can_record_recognition
from ntm.recognition.carry import RULE_SOURCE, carry_proposal, do_confirm_carry
from ntm.recognition.models import LEVELS
from ntm.recognition.services import RecognitionFields
from ntm.textnorm import parse_date

MSG_CONFIRM = "Cần đánh dấu xác nhận, số văn bản, ngày và cơ quan ban hành."


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def carry_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, era=request.GET.get("era") or None)
    proposal = carry_proposal(unit)
    may_confirm = can_record_recognition(request.user, unit)
    error = ""
    if request.method == "POST":
        if not may_confirm:
            raise PermissionDenied
        post = request.POST
        try:
            when = parse_date(post.get("date", ""))
            level = post.get("level", "")
            if (
                post.get("confirm") != "yes"
                or level not in LEVELS
                or not post.get("decision", "").strip()
                or not post.get("issuer", "").strip()
            ):
                raise ValueError(MSG_CONFIRM)
            fields = RecognitionFields(
                level, post["decision"].strip(), when, post["issuer"].strip(), "", ""
            )
            do_confirm_carry(unit=unit, fields=fields, author=request.user)
        except ValueError as exc:
            error = str(exc)
        else:
            return redirect(f"{request.path}?era={unit.era}")
    context = {
        "unit": unit,
        "proposal": proposal,
        "may_confirm": may_confirm,
        "rule_source": RULE_SOURCE,
        "error": error,
        "title": _("Kế thừa công nhận khi sắp xếp đơn vị"),
    }
    return render(request, "web/carry.html", context, status=400 if error else 200)
