"""``/favicon.ico``: browsers ask for it on every site whatever the page links; answer with the
vendored icon (the same leaf as ``web/favicon.svg``) instead of a 404 in the log."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ICON = Path(__file__).resolve().parent.parent / "static" / "web" / "favicon.ico"


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    return FileResponse(ICON.open("rb"), content_type="image/x-icon")
