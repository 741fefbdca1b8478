"""Every state change of the register; views, admin, API and commands call these and hold no rules.

Work orders and installations have their own services in their feature folders."""

from records.register.services.cases import (
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
from records.register.services.documents import add_document, attach_file, file_document, update_document
from records.register.services.numbering import Allocation, allocate_reference, register_series
from records.register.services.parties import PartyData, add_party, remove_party, update_party

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
    "file_case",
    "file_document",
    "grant_access",
    "reclassify_case",
    "register_case",
    "register_series",
    "remove_party",
    "reopen_case",
    "resolve_process",
    "revoke_access",
    "update_case",
    "update_document",
    "update_party",
]
