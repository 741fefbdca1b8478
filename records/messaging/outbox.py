"""Outgoing SMS and e-mail: queued as Message rows in the caller's transaction, sent by a Celery task on
commit through a pluggable sender.

The sender for each channel is a dotted path read from the settings, with a default that writes
to the log (the Message table is the record the admin shows):

    ORDNA_SMS_SENDER = "myproject.sms.GatewaySender"        # default records.messaging.outbox.LogSender
    ORDNA_EMAIL_SENDER = "records.messaging.outbox.DjangoEmailSender"   # Django's EMAIL_BACKEND

A sender is a class with `send(message) -> str` (the provider's reference, may be empty) that
raises on failure. A failed send is stored on the row (status failed, the error) and retried
with backoff by the task; rows that never reached a worker are queued again by a periodic job.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from records.models import Channel, Message, MessageStatus

logger = logging.getLogger(__name__)

DEFAULT_SENDER = "records.messaging.outbox.LogSender"
SENDER_SETTINGS = {Channel.SMS: "ORDNA_SMS_SENDER", Channel.EMAIL: "ORDNA_EMAIL_SENDER"}


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
    return getattr(settings, SENDER_SETTINGS[channel], DEFAULT_SENDER)


def sender_for(channel: str):
    return import_string(sender_path(channel))()


# --- Queuing (inside the services' transactions) ----------------------------------------------


def queue_sms(*, to: str, body: str, kind: str, case=None) -> Message:
    return _queue(Channel.SMS, to, "", body, kind, case)


def queue_email(*, to: str, subject: str, body: str, kind: str, case=None) -> Message:
    return _queue(Channel.EMAIL, to, subject, body, kind, case)


def _queue(channel, to, subject, body, kind, case) -> Message:
    message = Message.objects.create(
        channel=channel,
        recipient=to,
        subject=subject[:200],
        body=body,
        kind=kind,
        case=case,
        sender=sender_path(channel),
    )
    message_id = message.pk
    transaction.on_commit(lambda: dispatch(message_id))
    return message


def dispatch(message_id: int) -> None:
    """Hand a message to Celery. Never raises: the row stays pending or failed, and visible."""
    from records.messaging.tasks import send_message

    try:
        if send_message.app.conf.task_always_eager:
            _send_in_process(message_id, attempts=send_message.max_retries + 1)
        else:
            send_message.delay(message_id)
    except Exception:
        logger.exception("Message %s could not be sent now; it stays in the table and is retried.", message_id)


def _send_in_process(message_id: int, attempts: int) -> None:
    """Without a broker (development, tests) tasks run in-process, where Celery's retries do not
    (an eager retry propagates instead of waiting): retry at once, as many times as a worker would."""
    for _attempt in range(attempts):
        try:
            deliver(message_id)
            return
        except SendFailed:
            continue


# --- Sending (in the task) --------------------------------------------------------------------


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


def resend(messages) -> int:
    """Queue messages again (the admin's "Skicka igen", the periodic job for rows that never left)."""
    count = 0
    for message in messages:
        if message.status == MessageStatus.SENT:
            continue
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.PENDING, updated_at=timezone.now())
        dispatch(message.pk)
        count += 1
    return count
