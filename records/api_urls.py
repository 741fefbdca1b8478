"""API endpoints of the records app under /api/v1/: records, their documents and history, file downloads."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api.views import CaseViewSet, FileDownloadView

router = SimpleRouter()
router.register("records", CaseViewSet, basename="api-records")

urlpatterns = [
    path("records/files/<int:pk>/download/", FileDownloadView.as_view(), name="api-records-file-download"),
    *router.urls,
]
