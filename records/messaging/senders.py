"""Senders of outgoing messages, and delivering one message once through the sender of its channel.

The sender for each channel is a dotted path read from the settings, with a default that writes
to the log (the Message table is the record the admin shows):

    ORDNA_SMS_SENDER = "myproject.sms.GatewaySender"        # default records.messaging.senders.LogSender
    ORDNA_EMAIL_SENDER = "records.messaging.senders.DjangoEmailSender"   # Django's EMAIL_BACKEND

A sender is a class with `send(message) -> str` (the provider's reference, may be empty) that
raises on failure.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string

from records.messaging.models import Channel, Message, MessageStatus

logger = logging.getLogger(__name__)

DEFAULT_SENDER = "records.messaging.senders.LogSender"
SENDER_SETTINGS = {Channel.SMS: "ORDNA_SMS_SENDER", Channel.EMAIL: "ORDNA_EMAIL_SENDER"}
# Paths that deployments configured before the senders moved here keep working.
MOVED_SENDERS = {
    "records.notifications.LogSender": "records.messaging.senders.LogSender",
    "records.notifications.DjangoEmailSender": "records.messaging.senders.DjangoEmailSender",
}


class SendFailed(Exception):
    """A sender failed; the task retries it."""


class LogSender:
    """Writes the message to the log; the Message row is what the admin shows."""

    def send(self, message: Message) -> str:
        text = " / ".join(line for line in message.body.splitlines() if line.strip())
        logger.info(
            "%s till %s: %s%s",
            message.get_channel_display(),
            message.recipient,
            f"{message.subject}: " if message.subject else "",
            text[:300],
        )
        return ""


class DjangoEmailSender:
    """E-mail through Django's configured EMAIL_BACKEND."""

    def send(self, message: Message) -> str:
        send_mail(message.subject, message.body, None, [message.recipient], fail_silently=False)
        return ""


def sender_path(channel: str) -> str:
    path = getattr(settings, SENDER_SETTINGS[channel], DEFAULT_SENDER)
    return MOVED_SENDERS.get(path, path)


def sender_for(channel: str):
    return import_string(sender_path(channel))()


def deliver(message_id: int) -> str:
    """Send one message once. Returns its status; raises SendFailed (after recording it) to be retried."""
    message = Message.objects.filter(pk=message_id).first()
    if message is None or message.status == MessageStatus.SENT:
        return message.status if message else "missing"
    attempts = message.attempts + 1
    try:
        reference = sender_for(message.channel).send(message) or ""
    except Exception as error:
        Message.objects.filter(pk=message_id).update(
            status=MessageStatus.FAILED,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            sender=sender_path(message.channel),
            updated_at=timezone.now(),
        )
        logger.warning("Sending message %s failed (attempt %s): %s", message_id, attempts, error)
        raise SendFailed(str(error)) from error
    Message.objects.filter(pk=message_id).update(
        status=MessageStatus.SENT,
        attempts=attempts,
        sent_at=timezone.now(),
        provider_reference=reference[:200],
        sender=sender_path(message.channel),
        updated_at=timezone.now(),
    )
    return MessageStatus.SENT
