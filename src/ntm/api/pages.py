"""``/account/tokens/``: a user makes and revokes their own API tokens in the web.

The new token is shown on the page that answers the form, once; it is never stored or shown
again (only its digest is kept). Administrators manage everyone's tokens in the Django admin.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ntm.api.models import ApiToken
from ntm.api.tokens import (
    MAX_DAYS,
    NAME_MAX,
    TokenError,
    do_create_token,
    do_revoke_token,
    token_status,
    tokens_of,
)


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên (hệ thống sẽ dùng mã)"), max_length=NAME_MAX)
    read_only = forms.BooleanField(label=gettext_lazy("Chỉ đọc"), required=False)
    days = forms.IntegerField(
        label=gettext_lazy("Hết hạn sau (ngày)"),
        min_value=1,
        max_value=MAX_DAYS,
        required=False,
        initial=365,
        help_text=gettext_lazy("Để trống: không hết hạn."),
    )


def _rows(user) -> list[tuple[ApiToken, str]]:
    return [(token, token_status(token)) for token in tokens_of(user)]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_page(request: HttpRequest) -> HttpResponse:
    secret = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = do_create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
                days=form.cleaned_data["days"],
                created_by=request.user,
            )
        except TokenError as exc:
            form.add_error(None, exc.message)
        else:
            secret, form = new.secret, TokenForm()
    response = render(
        request, "api/tokens.html", {"form": form, "secret": secret, "tokens": _rows(request.user)}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Only one's own tokens (someone else's is a 404, as everywhere)."""
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    try:
        do_revoke_token(token=token, by=request.user)
    except TokenError as exc:
        messages.warning(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi mã truy cập “%(name)s”.") % {"name": token.name})
    return redirect("api-tokens")
