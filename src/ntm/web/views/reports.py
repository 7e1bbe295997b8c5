"""Report pages: the review, the programme summary and progress, as HTML with downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ntm.accounts.access import scope_root_units


@require_GET
@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/report_index.html", {"roots": scope_root_units(request.user)})


@require_GET
@login_required
def report_page(request: HttpRequest, kind: str, unit_code: str) -> HttpResponse:
    raise NotImplementedError
