from django.apps import AppConfig


class OcopConfig(AppConfig):
    """OCOP producers and products, star ratings and their validity."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.ocop"
    verbose_name = "Sản phẩm OCOP"

    def ready(self) -> None:
        from ntm.imports.records import register_kind
        from ntm.ocop.imports import OCOP_KIND
        from ntm.ocop.models import OcopProduct
        from ntm.ocop.summary import ocop_section
        from ntm.reportsdata.sections import register_summary_section

        register_kind(OCOP_KIND)
        # The products under the unit and its siblings' (the rank), and the reported figures
        # (``reportsdata.reported``: investment's table, named here without importing it).
        register_summary_section(
            "ocop",
            ocop_section,
            order=20,
            watches=[OcopProduct._meta.db_table, "investment_reportedfigures"],
        )
