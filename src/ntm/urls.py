"""Root URL configuration: each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

from ntm.web.views.favicon import favicon

handler400 = "ntm.web.views.errors.bad_request"

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("ntm.api.urls")),
    path("", include("ntm.api.page_urls")),
    path("", include("ntm.portal.urls")),
    path("", include("ntm.accounts.urls")),
    path("", include("ntm.web.urls")),
]
