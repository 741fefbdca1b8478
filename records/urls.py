"""Web pages of the records app."""

urlpatterns: list = []
