"""``Authorization: Bearer TOKEN``: the token's user, its read/write scope, and its own throttle.

A refused token is a 401 that says why (unknown, revoked, expired); a read-only token writing is
a 403; a token over its rate is a 429. Every authenticated use is audited (``ApiTokenUse``).
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.throttling import SimpleRateThrottle

from ntm.api import errors
from ntm.api.models import ApiToken
from ntm.api.tokens import TokenRefused, authenticate_token, do_record_token_use

KEYWORD = "bearer"
DEFAULT_RATE = "1200/minute"
REFUSALS = {
    "unknown": ("token_invalid", errors.TOKEN_INVALID),
    "inactive": ("token_invalid", errors.TOKEN_INVALID),
    "revoked": ("token_revoked", errors.TOKEN_REVOKED),
    "expired": ("token_expired", errors.TOKEN_EXPIRED),
}


class BearerTokenAuthentication(BaseAuthentication):
    """Acts as the token's user; ``request.auth`` is the ``ApiToken``."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.encode():
            return None
        if len(parts) != 2:
            raise errors.api_error(401, "token_invalid", errors.TOKEN_INVALID)
        try:
            secret = parts[1].decode("ascii")
            token = authenticate_token(secret)
        except UnicodeDecodeError:
            raise errors.api_error(401, "token_invalid", errors.TOKEN_INVALID) from None
        except TokenRefused as exc:
            code, pair = REFUSALS[exc.reason]
            raise errors.api_error(401, code, pair) from None
        do_record_token_use(
            token=token,
            method=request.method,
            path=request.get_full_path(),
            address=request.META.get("REMOTE_ADDR"),
        )
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="ntm"'


class TokenScopePermission(BasePermission):
    """A read-only token may only read."""

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if isinstance(token, ApiToken) and token.read_only and request.method not in SAFE_METHODS:
            raise errors.api_error(403, "token_read_only", errors.TOKEN_READ_ONLY)
        return True


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (``NTM_API_TOKEN_RATE``, e.g. "1200/minute"); sessions are not throttled
    here."""

    scope = "token"

    def get_rate(self) -> str:
        return getattr(settings, "NTM_API_TOKEN_RATE", None) or DEFAULT_RATE

    def get_cache_key(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `ntm token create` or the web page /account/tokens/.",
        }
