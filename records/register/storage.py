"""Storing record files so that a stored file never outlives a rolled-back transaction."""

import logging
import uuid
import weakref

from django.core.files.storage import default_storage
from django.db import transaction

logger = logging.getLogger(__name__)


def storage_name(case, extension: str) -> str:
    # Not derived from the file name: names can be personal data, and files are never served by path.
    return f"records/{case.year}/{case.pk}/{uuid.uuid4().hex}.{extension}"


def store(name: str, content) -> str:
    """Save `content` and arrange for it to be deleted again unless the current transaction commits."""
    stored = default_storage.save(name, content)
    _delete_unless_committed(stored)
    return stored


class _CommitMarker:
    """Queued with on_commit. Django drops queued callbacks when the transaction (or the savepoint
    they were queued in) rolls back; the marker is then garbage and its finalizer deletes the file.
    Django has no on_rollback hook, and this covers rollbacks of outer transactions too."""

    def __init__(self, name: str):
        self.finalizer = weakref.finalize(self, _delete_quietly, name)

    def __call__(self):
        self.finalizer.detach()


def _delete_unless_committed(name: str) -> None:
    transaction.on_commit(_CommitMarker(name))


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception:  # the transaction already failed; report, do not mask its error
        logger.exception("Could not remove %s after a rolled-back transaction", name)
