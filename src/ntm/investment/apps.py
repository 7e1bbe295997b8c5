from django.apps import AppConfig


class InvestmentConfig(AppConfig):
    """Funds mobilised by source, physical outputs, emulation awards, reported figures."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.investment"
    verbose_name = "Nguồn lực và kết quả đầu tư"
