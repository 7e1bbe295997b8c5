from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    """Recognition decisions (what a unit IS by decision), cases, surveys, revocation."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ntm.recognition"
    verbose_name = "Công nhận"

    def ready(self) -> None:
        from ntm.assessments.hooks import on_values_written
        from ntm.imports.records import register_kind
        from ntm.recognition.imports import RECOGNITION_KIND
        from ntm.recognition.locks import cases_watch_values, guard_values
        from ntm.recognition.models import Recognition
        from ntm.recognition.selectors import recognised_tiers_by_code, revoked_communes_by_district
        from ntm.recognition.summary import provide_recognised
        from ntm.recognition.survey_import import SURVEY_KIND
        from ntm.reportsdata.sections import register_recognised_tiers, register_summary_section

        register_kind(RECOGNITION_KIND)
        register_kind(SURVEY_KIND)
        on_values_written(guard_values, cases_watch_values)
        register_summary_section(
            "recognised", provide_recognised, order=10, watches=[Recognition._meta.db_table]
        )
        register_recognised_tiers(recognised_tiers_by_code, revoked_communes_by_district)
