"""Periodic job of messaging: queue again the messages that never reached a worker."""

import datetime

from celery import shared_task
from django.utils import timezone

from records.messaging import outbox
from records.messaging.models import Message, MessageStatus


@shared_task(name="records.resend_stale_messages")
def resend_stale_messages() -> int:
    """Queue again messages that never reached a worker (e.g. the broker was down at commit)."""
    stale = Message.objects.filter(
        status=MessageStatus.PENDING, updated_at__lt=timezone.now() - datetime.timedelta(minutes=10)
    )
    return outbox.resend(stale[:500])
