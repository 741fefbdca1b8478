"""The Celery task that delivers one outgoing message; it takes an id and is idempotent (a message
already sent is not sent again)."""

from celery import shared_task

from records.messaging.senders import SendFailed, deliver


@shared_task(
    name="records.send_message",
    autoretry_for=(SendFailed,),
    retry_backoff=30,  # 30 s, 60 s, 120 s, ... (at most an hour between attempts)
    retry_backoff_max=3600,
    retry_jitter=False,
    max_retries=8,
)
def send_message(message_id: int) -> str:
    return deliver(message_id)
