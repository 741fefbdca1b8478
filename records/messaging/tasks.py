"""Celery tasks of the records app: sending messages and the periodic jobs of installer drafts and messages.

Tasks take ids and are idempotent: a message already sent is not sent again, a purge that finds
nothing to delete does nothing.
"""

from celery import shared_task

from records.messaging import outbox as notifications
from records.messaging.outbox import SendFailed


@shared_task(
    name="records.send_message",
    autoretry_for=(SendFailed,),
    retry_backoff=30,  # 30 s, 60 s, 120 s, ... (at most an hour between attempts)
    retry_backoff_max=3600,
    retry_jitter=False,
    max_retries=8,
)
def send_message(message_id: int) -> str:
    return notifications.deliver(message_id)


@shared_task(name="records.purge_expired_drafts")
def purge_expired_drafts() -> int:
    """Delete installer drafts 14 days after they were last saved (periodic, see CELERY_BEAT_SCHEDULE)."""
    from records.installations.services.installer_cases import purge_expired_drafts as purge

    return purge()


@shared_task(name="records.resend_stale_messages")
def resend_stale_messages() -> int:
    """Queue again messages that never reached a worker (e.g. the broker was down at commit)."""
    import datetime

    from django.utils import timezone

    from records.models import Message, MessageStatus

    stale = Message.objects.filter(
        status=MessageStatus.PENDING, updated_at__lt=timezone.now() - datetime.timedelta(minutes=10)
    )
    return notifications.resend(stale[:500])
