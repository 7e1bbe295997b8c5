from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Follow-up: targets, tasks per unmet criterion, monthly progress reports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.planning"
    verbose_name = "Kế hoạch và theo dõi"

    def ready(self) -> None:
        from ntm.assessments.hooks import on_values_written
        from ntm.imports.records import register_kind
        from ntm.planning.closure import close_met_tasks
        from ntm.planning.task_import import TASK_KIND

        register_kind(TASK_KIND)
        on_values_written(close_met_tasks)
