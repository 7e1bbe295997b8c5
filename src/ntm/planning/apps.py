from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Follow-up: targets, tasks per unmet criterion, monthly progress reports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.planning"
    verbose_name = "Kế hoạch và theo dõi"

    def ready(self) -> None:
        from ntm.assessments.hooks import on_values_written
        from ntm.imports.records import register_kind
        from ntm.planning.closure import close_met_tasks, has_open_indicator_tasks
        from ntm.planning.models import Target
        from ntm.planning.target_import import TARGET_KIND
        from ntm.planning.targets import targets_section
        from ntm.planning.task_import import TASK_KIND
        from ntm.reportsdata.sections import register_summary_section

        register_kind(TASK_KIND)
        register_kind(TARGET_KIND)
        on_values_written(close_met_tasks, has_open_indicator_tasks)
        # Targets' progress reads the programme figures and values: only "no target" is kept.
        register_summary_section(
            "targets",
            targets_section,
            order=500,
            watches=[Target._meta.db_table],
            keep=lambda section: section is None,
        )
