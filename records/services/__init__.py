"""Every state change of the register; views, admin, API and commands call these and hold no rules.

The record types with their own life cycle have their own modules: work_orders, invoice_references,
installations, installer_moves, teams, decisions."""

from . import decisions, installations, installer_moves, invoice_references, teams, work_orders
from .cases import (
    Confidentiality,
    cancel_case,
    close_case,
    file_case,
    grant_access,
    reclassify_case,
    register_case,
    reopen_case,
    resolve_process,
    revoke_access,
    update_case,
)
from .documents import add_document, attach_file, file_document, update_document
from .numbering import Allocation, allocate_reference, register_series
from .parties import PartyData, add_party, remove_party, update_party

__all__ = [
    "Allocation",
    "Confidentiality",
    "PartyData",
    "add_document",
    "add_party",
    "allocate_reference",
    "attach_file",
    "cancel_case",
    "close_case",
    "decisions",
    "file_case",
    "file_document",
    "grant_access",
    "installations",
    "installer_moves",
    "invoice_references",
    "reclassify_case",
    "register_case",
    "register_series",
    "remove_party",
    "reopen_case",
    "resolve_process",
    "revoke_access",
    "teams",
    "update_case",
    "update_document",
    "update_party",
    "work_orders",
]
