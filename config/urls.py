"""URL map: start page, the two admins, the API and the public pages."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.errors import api_not_found

from . import views

admin.site.site_header = _("Ordna – diarium och arkiv")
admin.site.site_title = _("Ordna")
admin.site.index_title = _("Registrering och arkivvård")

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include("classification.api_urls")),
    path("api/v1/", include("records.api_urls")),
    path("api/v1/", include("retention.api_urls")),
    path("api/v1/", include("search.api_urls")),
    path("api/v1/", include("cms.api_urls")),
    # Ends in a slash, so that APPEND_SLASH still redirects /api/v1/records to /api/v1/records/.
    re_path(r"^api/[\s\S]*/$", api_not_found),
    path("", include("records.urls")),
    path("", include("retention.urls")),
    path("", include("search.urls")),
    path("", include("cms.urls")),
]

# Uploaded files are never served straight from MEDIA_ROOT: record files may be confidential and
# are served by permission-checked views in their apps.
# Wagtail serves the public guide pages; it must come last.
urlpatterns.append(path("", include(wagtail_urls)))

# Swedish error pages in the product's look on every path, JSON under /api/.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
