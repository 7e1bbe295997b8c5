from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ntm.web"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ntm.assessments import levels_version
        from ntm.units.models import UnitLineage

        # The commune page keeps "no predecessor" under the levels version (``unit_cache``).
        levels_version.watch(UnitLineage._meta.db_table)
