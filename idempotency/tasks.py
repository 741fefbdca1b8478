"""The idempotency app's periodic job (CELERY_BEAT_SCHEDULE): keys expire after a day."""

from celery import shared_task
from django.utils import timezone

from .models import LIFETIME, IdempotencyKey


@shared_task(name="idempotency.purge")
def purge_idempotency_keys() -> int:
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - LIFETIME).delete()
    return deleted
