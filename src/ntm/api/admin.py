"""Administrators manage everyone's API tokens: make one for a user (shown once), revoke, audit."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _

from ntm.api.models import ApiToken, ApiTokenUse
from ntm.api.tokens import MAX_DAYS, TokenError, do_create_token, do_revoke_token, token_status


class ApiTokenCreationForm(forms.ModelForm):
    read_only = forms.BooleanField(required=False, label="Chỉ đọc")
    days = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_DAYS, label="Hết hạn sau (ngày)"
    )

    class Meta:
        model = ApiToken
        fields = ("user", "name")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "user",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "status",
    )
    list_filter = ("scope",)
    search_fields = ("name", "user__username", "prefix")
    raw_id_fields = ("user",)
    list_select_related = ("user",)
    actions = ["revoke"]
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "scope",
        "created_at",
        "created_by",
        "expires_at",
        "revoked_at",
        "revoked_by",
        "last_used_at",
    )
    exclude = ("digest",)

    @admin.display(description="Trạng thái")
    def status(self, token: ApiToken) -> str:
        return token_status(token)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenCreationForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_exclude(self, request, obj=None):
        return ("digest",) if obj is not None else None

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("user", "name", "read_only", "days")
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            new = do_create_token(
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
                days=form.cleaned_data["days"],
                created_by=request.user,
            )
        except TokenError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = new.token.pk
        messages.warning(
            request, _("Mã truy cập mới (chỉ hiện một lần): %(secret)s") % {"secret": new.secret}
        )

    @admin.action(description="Thu hồi các mã đã chọn")
    def revoke(self, request, queryset):
        for token in queryset:
            if token.revoked_at is None:
                do_revoke_token(token=token, by=request.user)


@admin.register(ApiTokenUse)
class ApiTokenUseAdmin(admin.ModelAdmin):
    list_display = ("at", "token", "method", "path", "address")
    list_select_related = ("token", "token__user")
    search_fields = ("token__name", "token__user__username", "path")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
