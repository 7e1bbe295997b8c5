"""Follow-up records in the Django admin, with their history (who changed what, when)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ntm.planning.models import ProgressReport, Target, Task, TaskUpdate


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = (
        "unit",
        "set_code",
        "criterion",
        "indicator_code",
        "department",
        "owner",
        "due",
        "status",
    )
    list_filter = ("status", "set_code")
    search_fields = ("unit__name", "unit__code", "owner", "department")
    raw_id_fields = ("unit", "owner_user")


@admin.register(TaskUpdate)
class TaskUpdateAdmin(SimpleHistoryAdmin):
    list_display = ("task", "period", "status", "author", "created_at")
    raw_id_fields = ("task", "author")


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "kind", "level", "count", "due", "decision")
    raw_id_fields = ("unit",)


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "period", "submitted_at", "author")
    raw_id_fields = ("unit", "author")
