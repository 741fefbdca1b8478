"""Celery task of the register: the text of a stored file, extracted after its upload has committed."""

import logging

from celery import shared_task
from django.db import transaction

from records.register.file_text import fill_extracted_text

logger = logging.getLogger(__name__)


# The time limits stop a worker stuck in one file; extraction keeps its own, smaller budgets.
@shared_task(name="records.extract_file_text", soft_time_limit=120, time_limit=150)
def extract_file_text(file_id: int) -> int:
    """Extract and save the text of DocumentFile `file_id`; idempotent, and 0 for a file that is gone."""
    return fill_extracted_text(file_id)


def queue_text_extraction(file_id: int) -> None:
    """The one place a stored file is sent for text extraction: once the transaction that stored it commits (the
    task must find the row), and never raising into the request, whose data is saved by then."""
    transaction.on_commit(lambda: _send(file_id))


def _send(file_id: int) -> None:
    try:
        extract_file_text.delay(file_id)
    except Exception:
        logger.exception("Could not queue text extraction of file %s; it stays unsearchable until re-run.", file_id)
