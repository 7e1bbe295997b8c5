from django.apps import AppConfig


class OcopConfig(AppConfig):
    """OCOP producers and products, star ratings and their validity."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.ocop"
    verbose_name = "Sản phẩm OCOP"
