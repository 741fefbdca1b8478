"""API endpoints of the records app under /api/v1/."""

urlpatterns: list = []
