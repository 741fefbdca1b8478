"""API endpoints of the classification app under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path("processes/", api.ProcessTreeView.as_view(), name="api-process-tree"),
    path("processes/<str:code>/", api.ProcessDetailView.as_view(), name="api-process-detail"),
    path("where-to-file/", api.WhereToFileView.as_view(), name="api-where-to-file"),
]
