from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "ntm.units"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ntm.imports.records import register_kind
        from ntm.units.history_import import UNIT_HISTORY_KIND

        register_kind(UNIT_HISTORY_KIND)
