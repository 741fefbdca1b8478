"""The idempotency app: the keys the API's create endpoints were called with, kept for a day."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdempotencyConfig(AppConfig):
    name = "idempotency"
    verbose_name = _("Idempotensnycklar")
    default_auto_field = "django.db.models.BigAutoField"
