"""Every state change of retention; views, admin, API, commands and tasks call these and hold no rules."""

from ..wording import short_rule
from .describe import describe_document_retention, describe_retention
from .disposal import (
    approve_list,
    cancel_list,
    draw_disposal_list,
    exclude_item,
    execute_list,
    restore_item,
    resume_list,
    submit_for_review,
)
from .holds import place_hold, release_hold
from .preview import RulePreview, preview_rule_change, preview_rule_deletion
from .recompute import recompute_case, recompute_cases, recompute_scope
from .rules import RuleData, delete_rule, save_rule

__all__ = [
    "RuleData",
    "RulePreview",
    "approve_list",
    "cancel_list",
    "delete_rule",
    "describe_document_retention",
    "describe_retention",
    "draw_disposal_list",
    "exclude_item",
    "execute_list",
    "place_hold",
    "preview_rule_change",
    "preview_rule_deletion",
    "recompute_case",
    "recompute_cases",
    "recompute_scope",
    "release_hold",
    "restore_item",
    "resume_list",
    "save_rule",
    "short_rule",
    "submit_for_review",
]
