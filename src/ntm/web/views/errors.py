"""Error pages that say what was wrong with the request.

Why a handler of our own for 400: Django's default page says only "Bad Request"; a mistyped
period (``?period=2023-13``) must read the one period message, in the page's language.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    message = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    return render(request, "400.html", {"message": message}, status=400)
