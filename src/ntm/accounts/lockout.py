"""Login throttling in the database, shared by every worker: django-axes.

``ntm.accounts.throttle`` answers the login form and the API quickly with the README's message
(it lives in each process's cache); django-axes counts the same failures in the database, with
an atomic increment, so several workers or servers share one count, and it also covers the
admin login (any call of ``authenticate`` with a request). Lockouts are logged by axes (logger
``axes``). The limits are the README's: 5 failures per username, 15 minutes. axes checks, then
the password is checked, then it records: ``GatedModelBackend`` closes that window across
workers (``ntm.accounts.gate``).
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.backends import ModelBackend
from django.http import HttpResponse, JsonResponse

from ntm.accounts.gate import open_gate, take_slot

MSG_LOCKED = "Tài khoản này đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."
MSG_LOCKED_EN = "Too many failed logins for this account. Try again in 15 minutes."


class LockoutBackend(AxesStandaloneBackend):
    """axes' check, skipped when there is no request: ``authenticate`` called by code (a
    command, a test) is not a login attempt anyone can repeat from outside."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class GatedModelBackend(ModelBackend):
    """Django's password check, run only for an attempt that took a slot at the login gate
    (``ntm.accounts.gate``): the count is taken before the password is checked, atomically in
    the database, so parallel attempts in several workers get ``MAX_FAILURES`` checks in all.

    An attempt refused at the gate is answered like an axes lockout (the request is marked
    locked out, so axes records no extra failure and its middleware answers 429). Code that
    calls ``authenticate`` without a request (commands, tests) is not gated, as in
    ``LockoutBackend``.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        if not take_slot(str(username)):
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("ntm login gate: no password check left")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            open_gate(str(username))
        return user


def username_key(request, credentials) -> str | None:
    """Failures counted per username whatever its case, as ``throttle`` counts them."""
    username = (credentials or {}).get("username")
    return username.strip().casefold() if isinstance(username, str) else username


def locked_out(request, credentials, *args, **kwargs) -> HttpResponse:
    """The answer to a locked-out login: Vietnamese first, JSON for the API."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": MSG_LOCKED_EN, "detail_vi": MSG_LOCKED, "code": "login_locked"}, status=429
        )
    return HttpResponse(MSG_LOCKED, status=429, content_type="text/plain; charset=utf-8")
