"""API endpoints of the search app under /api/v1/."""

from django.urls import path

from .api import SearchView

urlpatterns = [
    path("search/", SearchView.as_view(), name="search-api"),
]
