"""Web pages of the cms app: the public process pages (guides themselves are Wagtail pages)."""

from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("processer/", views.process_list, name="process-list"),
    path("processer/<str:code>/", views.process_detail, name="process"),
]
