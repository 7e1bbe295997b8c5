from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ntm.portal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Cổng công khai"

    def ready(self) -> None:
        # The portal sits above the recognition app (design.md §2): it asks it for the decisions
        # in force, the highest per unit, to show beside the level by data.
        from ntm.portal.hooks import register_recognised_levels
        from ntm.recognition.selectors import recognised_decisions

        register_recognised_levels(recognised_decisions)
