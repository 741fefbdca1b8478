"""Signals the register sends inside the transaction that changes a case, so other apps (search, retention) can
record their follow-up work in that same transaction (outbox.services.enqueue) without records importing them.

Receivers must only record work: it runs after the commit, and not at all if the transaction rolls back.
"""

from django.dispatch import Signal

from records.register.models.cases import Case

# Sent inside a transaction that changes a case or anything in it (documents, files, parties, access).
# Arguments: case_id, change (one of the CHANGE_* names below).
case_changed = Signal()
# Sent inside the transaction that deletes a case row (e.g. by disposal). Arguments: case_id, reference.
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


def send_case_changed(case_id: int, change: str) -> None:
    case_changed.send(sender=Case, case_id=case_id, change=change)


def send_case_deleted(case_id: int, reference: str) -> None:
    case_deleted.send(sender=Case, case_id=case_id, reference=reference)
