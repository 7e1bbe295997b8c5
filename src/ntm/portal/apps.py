from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ntm.portal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Cổng công khai"
