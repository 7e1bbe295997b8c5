from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    """Recognition decisions (what a unit IS by decision), cases, surveys, revocation."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.recognition"
    verbose_name = "Công nhận"
