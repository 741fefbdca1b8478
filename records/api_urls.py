"""API endpoints of the records app under /api/v1/: records, their documents and history, file downloads;
work orders, installer cases and drafts, teams and team decisions."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from records.installations.api.installer_cases import InstallerCaseViewSet, InstallerDraftViewSet
from records.installations.api.teams import DecisionViewSet, TeamViewSet
from records.register.api.views import CaseViewSet, FileDownloadView
from records.work_orders.api import WorkOrderViewSet

router = SimpleRouter()
router.register("records", CaseViewSet, basename="api-records")
router.register("work-orders", WorkOrderViewSet, basename="api-work-orders")
router.register("installer-cases", InstallerCaseViewSet, basename="api-installer-cases")
router.register("installer-drafts", InstallerDraftViewSet, basename="api-installer-drafts")
router.register("teams", TeamViewSet, basename="api-teams")
router.register("decisions", DecisionViewSet, basename="api-decisions")

urlpatterns = [
    path("records/files/<int:pk>/download/", FileDownloadView.as_view(), name="api-records-file-download"),
    *router.urls,
]
