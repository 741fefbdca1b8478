"""The retention app's models: rules, stored due dates, holds, disposal lists and disposal records."""

from .disposal import (
    OPEN_STATUSES,
    DisposalItem,
    DisposalList,
    ExclusionStage,
    ItemState,
    ListStatus,
)
from .due import REPORT_ACTIONS, CaseRetention
from .holds import HeldCase, LegalHold
from .records import DisposalRecord, PermanentRecordError
from .rules import Action, RetentionRule, TriggerChoices

__all__ = [
    "OPEN_STATUSES",
    "REPORT_ACTIONS",
    "Action",
    "CaseRetention",
    "DisposalItem",
    "DisposalList",
    "DisposalRecord",
    "ExclusionStage",
    "ItemState",
    "HeldCase",
    "LegalHold",
    "ListStatus",
    "PermanentRecordError",
    "RetentionRule",
    "TriggerChoices",
]
