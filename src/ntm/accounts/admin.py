"""Django admin for role assignments, checked like ``do_assign_role``."""

from django import forms
from django.contrib import admin

from ntm.accounts.models import RoleAssignment
from ntm.accounts.services import RoleError, checked_role


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ("user", "role", "unit", "criteria")

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["criteria"] = checked_role(
                cleaned.get("role", ""), cleaned.get("unit"), cleaned.get("criteria")
            )
        except (RoleError, TypeError, ValueError, AttributeError) as exc:
            raise forms.ValidationError(str(exc)) from None
        return cleaned


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    form = RoleAssignmentForm
    list_display = ("user", "role", "unit", "criteria")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__code", "unit__name")
    raw_id_fields = ("user", "unit")
    list_select_related = ("user", "unit")
