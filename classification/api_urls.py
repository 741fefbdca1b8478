"""API endpoints of the classification app under /api/v1/."""

urlpatterns: list = []
