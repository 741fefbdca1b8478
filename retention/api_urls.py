"""API endpoints of the retention app under /api/v1/: a record's retention, and the retention report."""

from django.urls import path

from .api import RecordRetentionView, ReportView

urlpatterns = [
    path("records/<int:pk>/retention/", RecordRetentionView.as_view(), name="api-record-retention"),
    path("retention/report/", ReportView.as_view(), name="api-retention-report"),
]
