"""Web pages of the records app: the public postlista and the permission-checked file download."""

from django.urls import path

from records.register import views

app_name = "records"

urlpatterns = [
    path("postlista/", views.public_register, name="public-register"),
    path("postlista/<str:day>/", views.public_register, name="public-register-day"),
    path("diarium/filer/<int:pk>/", views.download_file, name="file-download"),
]
