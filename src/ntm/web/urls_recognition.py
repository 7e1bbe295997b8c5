"""Recognition workflow pages (namespace ``web``, added to ``ntm.web.urls``): the cases and what
awaits the user, one case, its dossier files, the revocation list and carrying recognitions
across the 2025 reorganisation."""

from django.urls import path

from ntm.web.views import carry, cases, revocations, surveys

RECOGNITION_PATTERNS = [
    path("recognition/cases/", cases.case_list, name="cases"),
    path("units/<str:code>/cases/new/", cases.case_new, name="case_new"),
    path("recognition/cases/<int:pk>/", cases.case_page, name="case"),
    path(
        "recognition/cases/<int:pk>/items/<int:item_pk>/",
        cases.case_document,
        name="case_document",
    ),
    path("units/<str:code>/revocations/", revocations.revocation_page, name="revocations"),
    path("units/<str:code>/carry/", carry.carry_page, name="carry"),
    path("units/<str:code>/survey/", surveys.survey_page, name="survey"),
]
