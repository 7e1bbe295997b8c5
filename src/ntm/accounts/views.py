"""Log in (throttled) and out."""

from __future__ import annotations

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm

from ntm.accounts import throttle

TOO_MANY_FAILED_LOGINS = (
    "Tài khoản này đã đăng nhập sai {count} lần trong {window} phút. "
    "Vui lòng thử lại sau {minutes} phút."
)


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form that refuses a username after too many recent failures."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        with throttle.guard(username):
            return self._throttled_clean(username)

    def _throttled_clean(self, username: str):
        wait = throttle.seconds_locked(username)
        if wait:
            raise forms.ValidationError(
                TOO_MANY_FAILED_LOGINS.format(
                    count=throttle.MAX_FAILURES,
                    window=throttle.WINDOW_SECONDS // 60,
                    minutes=-(-wait // 60),
                ),
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username)
            raise
        if self.get_user() is not None:  # a blank password authenticates nobody: clear nothing
            throttle.clear_failures(username)
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): the logout button in ``web/base.html`` is a form."""
