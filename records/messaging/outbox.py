"""Outgoing SMS and e-mail: queued as Message rows in the caller's transaction together with their send task
(the transactional outbox, outbox.services), handed to Celery after the commit, delivered through a
pluggable sender (records.messaging.senders).

A failed send is stored on the row (status failed, the error) and retried with backoff by the task; a task
the broker did not take (down, frozen) stays in the outbox and is handed over again by its periodic job.
"""

from django.db import transaction
from django.utils import timezone

from outbox.services import enqueue
from records.messaging.models import Channel, Message, MessageStatus
from records.messaging.senders import sender_path
from records.messaging.tasks import send_message


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
    enqueue(send_message, message.pk, dedupe=True)
    return message


@transaction.atomic
def resend(messages) -> int:
    """Queue messages again (the admin's "Skicka igen", the periodic job for rows that never left); they
    are handed over once this transaction commits."""
    count = 0
    for message in messages:
        if message.status == MessageStatus.SENT:
            continue
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.PENDING, updated_at=timezone.now())
        enqueue(send_message, message.pk, dedupe=True)
        count += 1
    return count
