"""Making, checking and revoking API tokens (``do_*`` writes audit in the same transaction).

A token is ``ntm_`` + 43 URL-safe characters. ``authenticate_token`` says exactly why a token
is refused (unknown, revoked, expired, inactive user) so the API can answer 401 with a reason.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ntm.api.models import SCOPE_READ, SCOPE_READ_WRITE, ApiToken, ApiTokenUse

TOKEN_PREFIX = "ntm_"
PREFIX_SHOWN = 12
MAX_DAYS = 3650
NAME_MAX = 100

MSG_NAME_REQUIRED = "Cần đặt tên cho mã truy cập (để biết nó dùng cho hệ thống nào)."
MSG_NAME_TOO_LONG = "Tên mã truy cập dài quá {limit} ký tự."
MSG_BAD_DAYS = "Số ngày hiệu lực phải từ 1 đến {limit}."
MSG_ALREADY_REVOKED = "Mã truy cập này đã bị thu hồi."


class TokenError(ValueError):
    """A token request that makes no sense; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TokenRefused(Exception):
    """Why a presented token does not authenticate: ``reason`` is
    unknown|revoked|expired|inactive."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``secret`` exists only here, it is never stored."""

    token: ApiToken
    secret: str


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_status(token: ApiToken, now=None) -> str:
    """``active``, ``revoked`` or ``expired``."""
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


@transaction.atomic
def do_create_token(
    *,
    user: Any,
    name: str,
    read_only: bool = False,
    days: int | None = None,
    created_by: Any = None,
) -> NewToken:
    """A new token for ``user`` (expiring after ``days``, or never); its history row says who made
    it."""
    name = (name or "").strip()
    if not name:
        raise TokenError(MSG_NAME_REQUIRED)
    if len(name) > NAME_MAX:
        raise TokenError(MSG_NAME_TOO_LONG.format(limit=NAME_MAX))
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise TokenError(MSG_BAD_DAYS.format(limit=MAX_DAYS))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=secret[:PREFIX_SHOWN],
        digest=digest_of(secret),
        scope=SCOPE_READ if read_only else SCOPE_READ_WRITE,
        created_by=created_by if getattr(created_by, "pk", None) else None,
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    token._history_user = token.created_by
    token.save()
    return NewToken(token, secret)


@transaction.atomic
def do_revoke_token(*, token: ApiToken, by: Any = None) -> ApiToken:
    """Revoke ``token`` from now on (kept, with who revoked it, for the audit)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise TokenError(MSG_ALREADY_REVOKED)
    token.revoked_at = timezone.now()
    token.revoked_by = by if getattr(by, "pk", None) else None
    token._history_user = token.revoked_by
    token.save()
    return token


def authenticate_token(secret: str) -> ApiToken:
    """The token ``secret`` stands for, if it may be used now; else ``TokenRefused``."""
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret.strip())).first()
    if token is None:
        raise TokenRefused("unknown")
    status = token_status(token)
    if status != "active":
        raise TokenRefused(status)
    if not token.user.is_active:
        raise TokenRefused("inactive")
    return token


LAST_USED_PRECISION = timedelta(minutes=1)


def do_record_token_use(*, token: ApiToken, method: str, path: str, address: str | None) -> None:
    """The audit of one use, and the token's last use (updated without a history row, and at
    most once a minute: a busy client would otherwise rewrite the token's row on every call).

    Two statements, each atomic alone, with no transaction around them: on every API request a
    BEGIN and COMMIT would be two more round trips, and nothing ties the two rows together."""
    now = timezone.now()
    ApiTokenUse.objects.create(
        token=token, method=method[:10], path=path[:500], address=address or None
    )
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def tokens_of(user: Any):
    return ApiToken.objects.filter(user=user).select_related("user", "created_by", "revoked_by")
