"""Web pages of the cms app."""

urlpatterns: list = []
