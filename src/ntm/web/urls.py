"""Pages of the web app (namespace ``web``)."""

from django.urls import path

from ntm.web.urls_followup import FOLLOW_UP_PATTERNS
from ntm.web.urls_recognition import RECOGNITION_PATTERNS
from ntm.web.views import (
    dashboard,
    entry,
    imports,
    national,
    provincial_sets,
    recognitions,
    reports,
    resources,
    units,
    values,
)

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("dashboard/data.json", dashboard.dashboard_data, name="dashboard_data"),
    path("national/", national.national_page, name="national"),
    path("national/data.json", national.national_data, name="national_data"),
    path("provincial-sets/", provincial_sets.provincial_sets, name="provincial_sets"),
    path("provincial-sets/<int:pk>/", provincial_sets.provincial_set, name="provincial_set"),
    path(
        "provincial-sets/unverified.csv",
        provincial_sets.provincial_sets_unverified,
        name="provincial_sets_unverified",
    ),
    path(
        "provincial-sets/<int:pk>/activate/",
        provincial_sets.provincial_set_activate,
        name="provincial_set_activate",
    ),
    path(
        "provincial-sets/<int:pk>/withdraw/",
        provincial_sets.provincial_set_withdraw,
        name="provincial_set_withdraw",
    ),
    path("units/", units.unit_list, name="units"),
    path("units/<str:code>/", units.unit_page, name="unit"),
    path("units/<str:code>/entry/<str:set_code>/<str:period>/", entry.entry_page, name="entry"),
    path(
        "units/<str:code>/entry/<str:set_code>/<str:period>/verdict/",
        entry.live_verdict,
        name="entry_verdict",
    ),
    path(
        "units/<str:code>/history/<str:set_code>/<str:indicator>/",
        values.value_history_view,
        name="value_history",
    ),
    path("units/<str:code>/evidence/<int:evidence_id>/", values.evidence_download, name="evidence"),
    path("units/<str:code>/recognitions/", recognitions.recognition_page, name="recognitions"),
    path(
        "units/<str:code>/recognitions/<int:pk>/document/",
        recognitions.recognition_document,
        name="recognition_document",
    ),
    path("units/<str:code>/resources/", resources.resources_page, name="resources"),
    path("import/", imports.import_page, name="import"),
    path("import/template/", imports.template_download, name="import_template"),
    path("reports/", reports.report_index, name="reports"),
    path("reports/<str:kind>/<str:unit_code>/", reports.report_page, name="report"),
]
urlpatterns += FOLLOW_UP_PATTERNS
urlpatterns += RECOGNITION_PATTERNS
