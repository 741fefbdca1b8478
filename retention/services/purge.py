"""Removing a disposed case's content: rows, their history, files (after commit) and the search index."""

import logging

from django.core.files.storage import default_storage
from django.db import router
from django.db.models.deletion import Collector

from records.models import Case, Document, DocumentFile
from records.register import signals as records_signals

logger = logging.getLogger(__name__)


def _collected(case: Case) -> dict:
    """Every row deleting the case takes with it (documents, files, parties, grants, work orders and
    their children...), found the way Django's delete finds them: {model: [primary keys]}."""
    collector = Collector(using=router.db_for_write(Case))
    collector.collect([case])  # raises ProtectedError if something must keep the case
    rows: dict = {}
    for model, instances in collector.data.items():
        rows.setdefault(model, set()).update(instance.pk for instance in instances)
    for queryset in collector.fast_deletes:
        rows.setdefault(queryset.model, set()).update(queryset.values_list("pk", flat=True))
    return rows


def purge_case(case: Case) -> dict:
    """Delete the case and everything that cascades from it, and every history row of those rows
    (history would otherwise keep titles and personal identity numbers).

    Returns the storage names of its files, to delete once the transaction commits, and counts.
    Sends the register's `case_deleted` on commit, so the search index drops the case.
    """
    case_id, reference = case.pk, case.reference
    rows = _collected(case)
    files = list(DocumentFile.objects.filter(case_id=case_id).values_list("file", flat=True))
    documents = len(rows.get(Document, ()))
    case.delete()
    # The deletion wrote "deleted" history rows with the full content: remove all history of it.
    for model, pks in rows.items():
        history = getattr(model, "history", None)
        if history is not None and pks:
            history.filter(**{f"{model._meta.pk.attname}__in": list(pks)}).delete()
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
