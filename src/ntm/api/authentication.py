"""HTTP Basic for scripts, throttled like the login form (ntm.accounts.throttle).

Without this, Basic authentication would be a way around the login throttle.
"""

from __future__ import annotations

from drf_spectacular.authentication import BasicScheme
from rest_framework.authentication import BasicAuthentication
from rest_framework.exceptions import AuthenticationFailed

from ntm.accounts import throttle
from ntm.api.errors import BAD_CREDENTIALS, LOGIN_LOCKED, api_error


class ThrottledBasicAuthentication(BasicAuthentication):
    def authenticate_credentials(self, userid, password, request=None):
        with throttle.guard(userid):
            return self._throttled(userid, password, request)

    def _throttled(self, userid, password, request):
        wait = throttle.seconds_locked(userid)
        if wait:
            raise api_error(401, "login_locked", LOGIN_LOCKED, minutes=-(-wait // 60))
        try:
            result = super().authenticate_credentials(userid, password, request)
        except AuthenticationFailed:
            throttle.record_failure(userid)
            raise api_error(401, "authentication_failed", BAD_CREDENTIALS) from None
        throttle.clear_failures(userid)
        return result


class ThrottledBasicScheme(BasicScheme):
    """Documents ``ThrottledBasicAuthentication`` in the schema as plain HTTP Basic."""

    target_class = ThrottledBasicAuthentication
