from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Follow-up: targets, tasks per unmet criterion, monthly progress reports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.planning"
    verbose_name = "Kế hoạch và theo dõi"
