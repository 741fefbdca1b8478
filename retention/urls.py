"""Web pages of the retention app: the retention report and the printed informationshanteringsplan."""

from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("gallring/rapport/", views.report, name="report"),
    path("gallring/rapport/lista/", views.draw_list, name="draw-list"),
    path("gallring/informationshanteringsplan/", views.schedule, name="schedule"),
]
