"""``/api/``: REST endpoints scoped to the caller's units, the OpenAPI schema and its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from ntm.api import errors
from ntm.api.base import ScopedAPIView
from ntm.api.urls_planning import PLANNING_PATTERNS
from ntm.api.views import (
    criteria,
    evidence,
    publications,
    recognitions,
    record_types,
    resources,
    results,
    units,
    value_forms,
    value_records,
    values,
)

# The schema and its docs are public, but authenticate the same way so the schema lists one scheme.
_auth = {"authentication_classes": ScopedAPIView.authentication_classes}

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(**_auth), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema", **_auth), name="api-docs"),
    path("units/", units.UnitListView.as_view(), name="api-units"),
    path("units/<str:code>/", units.UnitDetailView.as_view(), name="api-unit"),
    path("units/<str:code>/children/", units.UnitChildrenView.as_view(), name="api-unit-children"),
    path("units/<str:code>/values/", values.ValueListView.as_view(), name="api-values"),
    path(
        "units/<str:code>/values/<str:set_code>/<str:period>/",
        value_forms.FormValuesView.as_view(),
        name="api-values-form",
    ),
    path(
        "units/<str:code>/values/<str:set_code>/<str:period>/<str:indicator>/",
        values.ValueDetailView.as_view(),
        name="api-value",
    ),
    path(
        "units/<str:code>/values/<str:set_code>/<str:period>/<str:indicator>/history/",
        values.ValueHistoryView.as_view(),
        name="api-value-history",
    ),
    path(
        "units/<str:code>/values/<str:set_code>/<str:period>/<str:indicator>/evidence/",
        evidence.ValueEvidenceView.as_view(),
        name="api-value-evidence",
    ),
    path(
        "units/<str:code>/evidence/<int:evidence_id>/",
        evidence.EvidenceDownloadView.as_view(),
        name="api-evidence",
    ),
    path("values/", value_records.ValueRecordListView.as_view(), name="api-value-records"),
    path("values/bulk/", value_records.BulkValuesView.as_view(), name="api-values-bulk"),
    path("imports/", value_records.ImportFileView.as_view(), name="api-imports"),
    path("units/<str:code>/evaluation/", results.EvaluationView.as_view(), name="api-evaluation"),
    path("units/<str:code>/review/", results.ReviewView.as_view(), name="api-review"),
    path(
        "units/<str:code>/recognitions/",
        recognitions.RecognitionListView.as_view(),
        name="api-recognitions",
    ),
    path("units/<str:code>/ocop/", resources.OcopListView.as_view(), name="api-ocop"),
    path("units/<str:code>/funds/", resources.FundsListView.as_view(), name="api-funds"),
    path("units/<str:code>/outputs/", resources.OutputListView.as_view(), name="api-outputs"),
    path("units/<str:code>/awards/", resources.AwardListView.as_view(), name="api-awards"),
    path("units/<str:code>/reported/", resources.ReportedListView.as_view(), name="api-reported"),
    path(
        "units/<str:code>/resources/", resources.ResourceSummaryView.as_view(), name="api-resources"
    ),
    path("criteria-sets/", criteria.CriteriaSetListView.as_view(), name="api-criteria-sets"),
    path(
        "criteria-sets/<str:code>/",
        criteria.CriteriaSetDetailView.as_view(),
        name="api-criteria-set",
    ),
]
# Records created, changed and deleted through the API (``record_types``): /api/<type>/[ID/].
for _type, _collection, _detail in (
    ("recognitions", record_types.RecognitionCollectionView, record_types.RecognitionDetailView),
    ("ocop", record_types.OcopCollectionView, record_types.OcopDetailView),
    ("funds", record_types.FundsCollectionView, record_types.FundsDetailView),
    ("outputs", record_types.OutputCollectionView, record_types.OutputDetailView),
    ("awards", record_types.AwardCollectionView, record_types.AwardDetailView),
):
    urlpatterns += [
        path(f"{_type}/", _collection.as_view(), name=f"api-{_type}-records"),
        path(f"{_type}/<int:pk>/", _detail.as_view(), name=f"api-{_type}-record"),
    ]
urlpatterns += [
    path("publications/", publications.PublicationListView.as_view(), name="api-publications"),
    path(
        "publications/<int:pk>/",
        publications.PublicationDetailView.as_view(),
        name="api-publication",
    ),
    path(
        "publications/<int:pk>/withdraw/",
        publications.PublicationWithdrawView.as_view(),
        name="api-publication-withdraw",
    ),
]
urlpatterns += PLANNING_PATTERNS
# Last: whatever no endpoint matched (a negative id, a typo) is the API's JSON 404, not a page;
# only addresses ending in "/", so one without the slash is still redirected to it first.
urlpatterns += [re_path(r"^(?:.*/)?$", errors.not_found_view, name="api-not-found")]
