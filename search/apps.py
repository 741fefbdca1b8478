"""The search app's configuration: connects the receivers that keep the index in step."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Sök")

    def ready(self):
        # The receivers import the register's and the plan's models: only once the registry is ready.
        from . import receivers  # noqa: PLC0415

        receivers.connect_guides()
