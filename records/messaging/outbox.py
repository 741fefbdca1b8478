"""Outgoing SMS and e-mail: queued as Message rows in the caller's transaction, handed to a Celery
task on commit, delivered through a pluggable sender (records.messaging.senders).

A failed send is stored on the row (status failed, the error) and retried with backoff by the task;
rows that never reached a worker are queued again by a periodic job.
"""

import logging

from django.db import transaction
from django.utils import timezone

from records.messaging.models import Channel, Message, MessageStatus
from records.messaging.senders import SendFailed, deliver, sender_path
from records.messaging.tasks import send_message

logger = logging.getLogger(__name__)


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
