"""Celery task of the register: the text of a stored file, extracted after its upload has committed."""

from celery import shared_task

from outbox.services import enqueue
from records.register.file_text import fill_extracted_text


# The time limits stop a worker stuck in one file; extraction keeps its own, smaller budgets.
@shared_task(name="records.extract_file_text", soft_time_limit=120, time_limit=150)
def extract_file_text(file_id: int) -> int:
    """Extract and save the text of DocumentFile `file_id`; idempotent, and 0 for a file that is gone."""
    return fill_extracted_text(file_id)


def queue_text_extraction(file_id: int) -> None:
    """The one place a stored file is sent for text extraction: recorded in the outbox in the transaction that
    stored it, handed to Celery once it commits (the task must find the row), later if the broker is down."""
    enqueue(extract_file_text, file_id, dedupe=True)
