"""Target pages: a unit's targets (and those under it) with progress, projection and the
at-risk flag; the coordination offices record new ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ntm.accounts.access import access_unit_for_user, can_set_targets
from ntm.criteria.registry import load_registry
from ntm.planning.models import TARGET_LEVEL_CHOICES
from ntm.planning.services import do_create_target
from ntm.planning.targets import progress_of, targets_under
from ntm.textnorm import parse_date
from ntm.web import scope
from ntm.web.scope import period_date

MSG_MAY_NOT_SET = "Chỉ Văn phòng Điều phối tỉnh, huyện được ghi mục tiêu."
MSG_BAD_TARGET = "Mục tiêu không hợp lệ: {reason}"
MSG_TARGET_SAVED = "Đã ghi mục tiêu."


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def target_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    may_set = can_set_targets(request.user, unit)
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied(_(MSG_MAY_NOT_SET))
        post = request.POST
        try:
            level = post.get("level", "")
            if level not in dict(TARGET_LEVEL_CHOICES):
                raise ValueError(level)
            count = int(post["count"]) if post.get("count", "").strip() else None
            if count is not None and count < 1:
                raise ValueError(post["count"])
            decision = post.get("decision", "").strip()
            if not decision:
                raise ValueError(_("thiếu quyết định/kế hoạch"))
            do_create_target(
                unit=unit,
                kind="count" if count else "unit",
                level=level,
                count=count,
                due=parse_date(post.get("due", "")),
                decision=decision,
                note=post.get("note", "").strip(),
                author=request.user,
            )
        except ValueError as exc:
            messages.error(request, _(MSG_BAD_TARGET).format(reason=exc))
        else:
            messages.success(request, _(MSG_TARGET_SAVED))
        return redirect("web:targets", code=unit.code)
    period = scope.select(unit, request.GET).period
    registry = load_registry()
    rows = [progress_of(t, period, registry) for t in targets_under(unit)]
    context = {
        "unit": unit,
        "period": period,
        "rows": rows,
        "may_set": may_set,
        "levels": TARGET_LEVEL_CHOICES,
    }
    return render(request, "web/followup/targets.html", context)
