"""API endpoints of the cms app under /api/v1/."""

urlpatterns: list = []
