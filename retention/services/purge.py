"""Removing a disposed case's content: rows, their history, files (after commit) and the search index."""

import logging

from django.core.files.storage import default_storage

from records import signals as records_signals
from records.models import Case, CaseAccessGrant, Document, DocumentFile, Party

logger = logging.getLogger(__name__)


def purge_case(case: Case) -> dict:
    """Delete the case with its documents, files' rows, parties and access grants, and every history
    row of them (history would otherwise keep titles and personal identity numbers).

    Returns the storage names of its files, to delete once the transaction commits, and counts.
    Sends the register's `case_deleted` on commit, so the search index drops the case.
    """
    case_id, reference = case.pk, case.reference
    files = list(DocumentFile.objects.filter(case_id=case_id).values_list("file", flat=True))
    documents = Document.objects.filter(case_id=case_id).count()
    DocumentFile.objects.filter(case_id=case_id).delete()
    Document.objects.filter(case_id=case_id).delete()
    Party.objects.filter(case_id=case_id).delete()
    CaseAccessGrant.objects.filter(case_id=case_id).delete()
    case.delete()
    # The deletions above wrote "deleted" history rows with the full content: remove all of it.
    for model in (DocumentFile, Document, Party, CaseAccessGrant):
        model.history.filter(case_id=case_id).delete()
    Case.history.filter(id=case_id).delete()
    records_signals.send_case_deleted_on_commit(case_id, reference)
    return {"files": [name for name in files if name], "documents": documents, "file_count": len(files)}


def delete_stored_files(names: list[str]) -> list[str]:
    """Delete files from storage; returns the names that could not be deleted (to retry later)."""
    left = []
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Could not delete the disposed file %s; it will be retried", name)
            left.append(name)
    return left
