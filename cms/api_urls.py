"""API endpoints of the cms app under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path("processes/<str:code>/guides/", api.ProcessGuidesView.as_view(), name="api-process-guides"),
]
