"""The project's own app: login protection signals, error pages and project-wide management commands."""

from django.apps import AppConfig


class OrdnaProjectConfig(AppConfig):
    name = "config"
    label = "ordna_project"
    verbose_name = "Ordna"

    def ready(self):
        from . import login_locks  # noqa: F401, PLC0415 (connects the lock and release log receivers)
