"""Periodic job of installations: installer drafts are deleted 14 days after they were last saved."""

from celery import shared_task

from records.installations.services.installer_cases import purge_expired_drafts as purge


@shared_task(name="records.purge_expired_drafts")
def purge_expired_drafts() -> int:
    """Delete expired installer drafts (periodic, see CELERY_BEAT_SCHEDULE)."""
    return purge()
