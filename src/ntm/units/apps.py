from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "ntm.units"
    default_auto_field = "django.db.models.BigAutoField"
