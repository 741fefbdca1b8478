"""The project's URLs, plus views that fail on purpose under each area (the error handlers are the project's)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as project_urls

FAILURES = {"400": SuspiciousOperation, "403": PermissionDenied, "500": RuntimeError}


def fail(request, status):
    raise FAILURES[status]("Internal detail that must not be shown")


urlpatterns = [
    path("fel/<str:status>/", fail),
    path("admin/fel/<str:status>/", fail),
    path("cms/fel/<str:status>/", fail),
    path("api/v1/fel/<str:status>/", fail),
    *project_urls,
]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
