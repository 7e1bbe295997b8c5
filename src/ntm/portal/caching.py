"""Public pages are the same for everyone: cacheable by browsers and proxies, revalidated by an
ETag that changes when anything is published or withdrawn (``selectors.portal_stamp``).

The page language comes from a cookie (``ChosenLanguageMiddleware``), hence ``Vary: Cookie``;
public views never touch the session or the CSRF token, so they set no cookie of their own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from ntm.portal.selectors import portal_stamp

MAX_AGE_SECONDS = 300


def _etag(request: HttpRequest) -> str:
    text = f"{portal_stamp()}|{get_language()}|{request.get_full_path()}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    patch_vary_headers(response, ["Cookie"])
    return response


def public_cacheable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        etag = _etag(request)
        if request.method in ("GET", "HEAD") and etag in request.headers.get("If-None-Match", ""):
            return _headers(HttpResponseNotModified(), etag)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            _headers(response, etag)
        return response

    return wrapped
