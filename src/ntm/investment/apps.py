from django.apps import AppConfig


class InvestmentConfig(AppConfig):
    """Funds mobilised by source, physical outputs, emulation awards, reported figures."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.investment"
    verbose_name = "Nguồn lực và kết quả đầu tư"

    def ready(self) -> None:
        from ntm.imports.records import register_kind
        from ntm.investment.imports import RECORD_KINDS
        from ntm.investment.models import (
            EmulationAward,
            FundsMobilised,
            PhysicalOutput,
            ReportedFigures,
        )
        from ntm.investment.reported import reported_shares
        from ntm.investment.summary import (
            awards_section,
            funds_section,
            outputs_section,
            reported_section,
        )
        from ntm.reportsdata.reported import register_reported_source
        from ntm.reportsdata.sections import register_summary_section

        def table(model) -> str:
            return model._meta.db_table

        for kind in RECORD_KINDS:
            register_kind(kind)
        register_summary_section("funds", funds_section, order=30, watches=[table(FundsMobilised)])
        register_summary_section(
            "outputs", outputs_section, order=40, watches=[table(PhysicalOutput)]
        )
        register_summary_section(
            "awards", awards_section, order=50, watches=[table(EmulationAward)]
        )
        register_summary_section(
            "reported", reported_section, order=60, watches=[table(ReportedFigures)]
        )
        register_reported_source(reported_shares)
