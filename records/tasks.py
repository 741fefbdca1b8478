"""The Celery tasks of the records app, gathered from its features for Celery's autodiscovery."""

from records.installations.tasks import purge_expired_drafts
from records.messaging.periodic import resend_stale_messages
from records.messaging.tasks import send_message
from records.register.tasks import extract_file_text

__all__ = ["extract_file_text", "purge_expired_drafts", "resend_stale_messages", "send_message"]
