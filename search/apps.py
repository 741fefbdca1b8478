"""The search app's configuration: connects the receivers that keep the index in step."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Sök")

    def ready(self):
        from . import receivers

        receivers.connect_guides()
