"""``/public/`` (no login) and ``/publish/`` (district and province offices)."""

from django.urls import path, re_path

from ntm.portal.views import data, public, publish

urlpatterns = [
    path("public/", public.index, name="portal-index"),
    path("public/units/<str:code>/", public.unit_page, name="portal-unit"),
    path("public/language/<str:language>/", public.choose_language, name="portal-language"),
    path("public/data/", data.data_index, name="portal-data"),
    path("public/data/dictionary.json", data.dictionary_json, name="portal-data-dictionary"),
    re_path(
        r"^public/data/(?P<period>\d{4}(?:-\d{2})?)\.csv$", data.period_csv, name="portal-data-csv"
    ),
    re_path(
        r"^public/data/(?P<period>\d{4}(?:-\d{2})?)\.json$",
        data.period_json,
        name="portal-data-json",
    ),
    path("publish/", publish.publish_page, name="portal-publish"),
    path("publish/<int:publication_id>/withdraw/", publish.withdraw, name="portal-withdraw"),
]
