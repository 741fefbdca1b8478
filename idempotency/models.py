"""One row per Idempotency-Key a user created something with, written in the transaction that created it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A client retries within minutes; a day covers a night's outage of the client's own queue.
LIFETIME = timedelta(hours=24)


class IdempotencyKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE)
    key = models.CharField(_("nyckel"), max_length=255)
    endpoint = models.CharField(_("anrop"), max_length=100)
    fingerprint = models.CharField(_("fingeravtryck av begäran"), max_length=64)
    object_id = models.BigIntegerField(_("skapat objekt"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotensnyckel")
        verbose_name_plural = _("idempotensnycklar")
        constraints = [
            # Two requests with one key at the same moment: the second waits for the first and then fails
            # here, so it answers with what the first created instead of creating it again.
            models.UniqueConstraint(fields=["user", "endpoint", "key"], name="idempotency_one_use_per_key")
        ]

    def __str__(self):
        return f"{self.endpoint}: {self.key}"
