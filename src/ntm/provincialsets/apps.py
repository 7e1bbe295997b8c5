from pathlib import Path

from django.apps import AppConfig


def active_sets_dir() -> Path:
    """The folder of the provinces' activated criteria files (read by every registry load)."""
    from django.conf import settings

    return Path(settings.PROVINCIAL_SETS_DIR)


class ProvincialSetsConfig(AppConfig):
    """Provincial criteria sets uploaded in the web: checked, previewed, activated as files."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.provincialsets"
    verbose_name = "Bộ tiêu chí của tỉnh"

    def ready(self) -> None:
        from ntm.criteria.registry import add_dir_provider

        add_dir_provider(active_sets_dir)
