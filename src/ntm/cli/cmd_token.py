"""``ntm token``: API tokens for the systems that call the API (design.md §10, a contract).

- ``ntm token create USERNAME --name NAME [--read-only] [--days N]`` prints the new token on
  stdout, once (only its digest is stored); what it is and how to use it goes to stderr, so
  ``TOKEN=$(ntm token create ...)`` captures the token alone.
- ``ntm token list USERNAME [--json]``: the user's tokens (id, name, first characters, scope,
  expiry, last use, status), never the tokens themselves.
- ``ntm token revoke ID``: revoke one token by the id ``list`` shows (or ``--all USERNAME``).
"""

from __future__ import annotations

import argparse
import json
import sys

from ntm.cli import InputError, UsageError, setup_django

MSG_NO_USER = "Không có người dùng {username!r}."
MSG_NO_TOKEN = "Không có mã truy cập số {id}."
MSG_CREATED = (
    "Mã truy cập {name!r} của {username} ({scope}, {expiry}). Đây là lần duy nhất mã được in ra: "
    "hãy lưu lại. Dùng: Authorization: Bearer <mã>"
)
MSG_REVOKED = "Đã thu hồi mã truy cập {id} ({name!r} của {username})."
MSG_NONE = "{username}: chưa có mã truy cập nào."
MSG_REVOKE_TARGET = "cần ID hoặc --all USERNAME"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    create = sub.add_parser("create", help="tạo mã truy cập mới (in ra một lần)")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="tên, ví dụ 'Hệ thống báo cáo tỉnh'")
    create.add_argument("--read-only", action="store_true", help="chỉ được đọc")
    create.add_argument("--days", type=int, help="hết hạn sau N ngày (mặc định: không hết hạn)")
    listing = sub.add_parser("list", help="các mã truy cập của một người dùng")
    listing.add_argument("username")
    listing.add_argument("--json", action="store_true", help="in JSON")
    revoke = sub.add_parser("revoke", help="thu hồi mã truy cập")
    revoke.add_argument("id", nargs="?", type=int, help="số của mã (xem ntm token list)")
    revoke.add_argument(
        "--all", metavar="USERNAME", help="thu hồi mọi mã còn hiệu lực của người dùng này"
    )


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise InputError(MSG_NO_USER.format(username=username))
    return user


def _token_json(token) -> dict:
    from ntm.api.tokens import token_status

    def iso(moment):
        return moment.isoformat() if moment else None

    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "scope": token.scope,
        "created_at": iso(token.created_at),
        "expires_at": iso(token.expires_at),
        "revoked_at": iso(token.revoked_at),
        "last_used_at": iso(token.last_used_at),
        "status": token_status(token),
    }


def _create(args) -> int:
    from ntm.api.tokens import TokenError, do_create_token

    user = _user(args.username)
    try:
        new = do_create_token(user=user, name=args.name, read_only=args.read_only, days=args.days)
    except TokenError as exc:
        raise InputError(exc.message) from exc
    expiry = (
        f"hết hạn {new.token.expires_at:%Y-%m-%d %H:%M} UTC"
        if new.token.expires_at
        else "không hết hạn"
    )
    print(new.secret)
    print(
        MSG_CREATED.format(
            name=new.token.name, username=user.username, scope=new.token.scope, expiry=expiry
        ),
        file=sys.stderr,
    )
    return 0


def _list(args) -> int:
    from ntm.api.tokens import tokens_of

    user = _user(args.username)
    tokens = [_token_json(t) for t in tokens_of(user)]
    if args.json:
        print(json.dumps(tokens, ensure_ascii=False, indent=2))
        return 0
    if not tokens:
        print(MSG_NONE.format(username=user.username))
    for t in tokens:
        print(
            f"{t['id']:>5}  {t['prefix']}…  {t['scope']:<10}  {t['status']:<8}  "
            f"hết hạn: {t['expires_at'] or '-'}  "
            f"dùng lần cuối: {t['last_used_at'] or '-'}  {t['name']}"
        )
    return 0


def _revoke(args) -> int:
    from ntm.api.models import ApiToken
    from ntm.api.tokens import do_revoke_token, token_status

    if args.all:
        tokens = [
            t for t in ApiToken.objects.filter(user=_user(args.all)) if token_status(t) != "revoked"
        ]
    elif args.id is not None:
        token = ApiToken.objects.select_related("user").filter(pk=args.id).first()
        if token is None:
            raise InputError(MSG_NO_TOKEN.format(id=args.id))
        tokens = [token]
    else:
        raise UsageError(MSG_REVOKE_TARGET)
    from ntm.api.tokens import TokenError

    for token in tokens:
        try:
            do_revoke_token(token=token)
        except TokenError as exc:
            raise InputError(exc.message) from exc
        print(MSG_REVOKED.format(id=token.pk, name=token.name, username=token.user.username))
    return 0


def run(args: argparse.Namespace) -> int:
    if not getattr(args, "action", None):
        raise UsageError("cần một thao tác: create, list hoặc revoke")
    setup_django()
    return {"create": _create, "list": _list, "revoke": _revoke}[args.action](args)
