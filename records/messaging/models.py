"""Outgoing messages (SMS and e-mail): every one is a row, so none is lost silently and the admin shows them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from records.register.models.cases import Case


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-post")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    SENT = "sent", _("Skickat")
    FAILED = "failed", _("Misslyckades")


class Message(models.Model):
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("anledning"), max_length=60)
    recipient = models.CharField(_("mottagare"), max_length=254)
    subject = models.CharField(_("ämne"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    case = models.ForeignKey(
        Case, verbose_name=_("ärende"), null=True, blank=True, related_name="messages", on_delete=models.SET_NULL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    sender = models.CharField(_("avsändartjänst"), max_length=200, blank=True)
    provider_reference = models.CharField(_("referens hos tjänsten"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    updated_at = models.DateTimeField(_("senast ändrat"), auto_now=True)

    class Meta:
        verbose_name = _("utgående meddelande")
        verbose_name_plural = _("utgående meddelanden")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient}"
