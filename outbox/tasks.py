"""The outbox's periodic jobs (CELERY_BEAT_SCHEDULE): hand over what is left, delete what is long done."""

from celery import shared_task

from . import services


@shared_task(name="outbox.redispatch")
def redispatch_outbox() -> int:
    """Every minute: pending work whose attempt is due, and work handed over long ago that never finished."""
    return services.redispatch_due()


@shared_task(name="outbox.purge")
def purge_outbox() -> int:
    """Hourly: delete entries finished more than a week ago."""
    return services.purge_finished()
