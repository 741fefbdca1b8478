"""API endpoints of the search app under /api/v1/."""

urlpatterns: list = []
