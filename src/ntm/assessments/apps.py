from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "ntm.assessments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep stored results current: every value write recomputes what it made stale, and a
        removed value drops the rows it fed (both in the writer's transaction)."""
        from django.db.models.signals import post_delete, post_migrate

        from ntm.assessments.hooks import on_values_changed
        from ntm.assessments.levels_version import reinstall_triggers
        from ntm.assessments.models import IndicatorValue
        from ntm.assessments.propagate import value_deleted, values_changed

        on_values_changed(values_changed)
        post_delete.connect(value_deleted, sender=IndicatorValue, dispatch_uid="stored-results")
        # A later migration of the units table may remake it (SQLite alters by copying the
        # table), which drops its triggers: put them back after every migrate.
        post_migrate.connect(reinstall_triggers, sender=self, dispatch_uid="levels-version")
