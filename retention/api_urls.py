"""API endpoints of the retention app under /api/v1/."""

urlpatterns: list = []
