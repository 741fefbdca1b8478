"""Signals the register sends on commit, so other apps (search, retention) can react without records importing them."""

from django.db import transaction
from django.dispatch import Signal

from records.register.models.cases import Case

# Sent after a transaction that changed a case or anything in it (documents, files, parties,
# access) commits. Arguments: case_id, change (one of the CHANGE_* names below).
case_changed = Signal()
# Sent after a case row is deleted (e.g. by disposal) and the deletion committed.
# Arguments: case_id, reference.
case_deleted = Signal()

CHANGE_REGISTERED = "registered"
CHANGE_UPDATED = "updated"
CHANGE_RECLASSIFIED = "reclassified"
CHANGE_CLOSED = "closed"
CHANGE_REOPENED = "reopened"
CHANGE_CANCELLED = "cancelled"
CHANGE_DOCUMENT = "document"
CHANGE_FILE = "file"
CHANGE_PARTY = "party"
CHANGE_ACCESS = "access"


def send_case_changed_on_commit(case_id: int, change: str) -> None:
    transaction.on_commit(lambda: case_changed.send(sender=Case, case_id=case_id, change=change))


def send_case_deleted_on_commit(case_id: int, reference: str) -> None:
    transaction.on_commit(lambda: case_deleted.send(sender=Case, case_id=case_id, reference=reference))
