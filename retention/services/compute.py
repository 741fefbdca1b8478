"""Computing a case's retention in Python: the reference the set-based recompute must agree with."""

import datetime
from dataclasses import dataclass, field

from classification.models import Node
from records.models import Case, CaseStatus, Document

from ..dates import due_date, trigger_date
from ..models import Action, RetentionRule

# Which outcome wins when a case's parts disagree: keeping beats everything, an unknown rule
# keeps too (nothing is disposed of without a rule), review beats plain disposal.
NO_RULE = ""
PRECEDENCE = {Action.PRESERVE: 0, NO_RULE: 1, Action.DISPOSE_WHEN_OBSOLETE: 2, Action.DISPOSE: 3}


class RuleBook:
    """Every rule and the plan's parent links in memory: effective-rule answers without queries."""

    def __init__(self):
        self.parent: dict[int, int | None] = dict(Node.objects.values_list("id", "parent_id"))
        self.by_node: dict[int, RetentionRule] = {}
        self.by_document_type: dict[int, RetentionRule] = {}
        for rule in RetentionRule.objects.select_related("node", "document_type__node"):
            if rule.node_id:
                self.by_node[rule.node_id] = rule
            else:
                self.by_document_type[rule.document_type_id] = rule

    def for_process(self, node_id: int | None) -> RetentionRule | None:
        """The process's own rule or the nearest ancestor's."""
        seen = 0
        while node_id is not None and seen < 1000:
            rule = self.by_node.get(node_id)
            if rule is not None:
                return rule
            node_id, seen = self.parent.get(node_id), seen + 1
        return None

    def for_document(self, process_id: int, document_type_id: int | None) -> RetentionRule | None:
        """A document type's own rule beats the process's (only for the case's own process's types)."""
        own = self.by_document_type.get(document_type_id) if document_type_id else None
        if own is not None and own.document_type.node_id == process_id:
            return own
        return self.for_process(process_id)

    def has_own_rule(self, process_id: int, document_type_id: int | None) -> bool:
        own = self.by_document_type.get(document_type_id) if document_type_id else None
        return own is not None and own.document_type.node_id == process_id


@dataclass
class Outcome:
    """What a rule gives one part of a case (the case itself, or one document)."""

    rule: RetentionRule | None
    action: str
    trigger_date: datetime.date | None = None
    due_date: datetime.date | None = None
    document: Document | None = None

    @property
    def source_node_id(self) -> int | None:
        if self.rule is None:
            return None
        return self.rule.node_id or self.rule.document_type.node_id


@dataclass
class Computed:
    """A case's retention: the governing outcome and every part it was chosen from."""

    case_id: int
    process_id: int
    governing: Outcome
    parts: list[Outcome] = field(default_factory=list)

    @property
    def rule(self):
        return self.governing.rule

    @property
    def action(self) -> str:
        return self.governing.action

    @property
    def due_date(self):
        """The latest date of any part: the case goes only when all of it may go."""
        if self.governing.action not in (Action.DISPOSE, Action.DISPOSE_WHEN_OBSOLETE):
            return None
        dates = [part.due_date for part in self.parts if part.due_date is not None]
        return max(dates) if dates else None

    @property
    def trigger_date(self):
        return self.governing.trigger_date

    @property
    def source_node_id(self):
        return self.governing.source_node_id


def closing_date(case: Case) -> datetime.date | None:
    """Open cases have none (never due); a cancelled case counts from the day it was cancelled."""
    return None if case.status == CaseStatus.OPEN else case.closed_on


def document_day(document) -> datetime.date:
    return document.document_date or document.registered_on


def outcome_for(rule: RetentionRule | None, closed_on, dates, document=None) -> Outcome:
    if rule is None:
        return Outcome(None, NO_RULE, document=document)
    if rule.action == Action.PRESERVE:
        return Outcome(rule, rule.action, document=document)
    trigger = rule.trigger or "case_closed"
    return Outcome(
        rule,
        rule.action,
        trigger_date(trigger, closed_on, dates),
        due_date(trigger, rule.total_months, closed_on, dates),
        document,
    )


def compute_case(case: Case, book: RuleBook, documents=None) -> Computed:
    """The case's parts: itself under its process's rule, and each document with a type rule of its own."""
    documents = list(case.documents.all()) if documents is None else list(documents)
    closed_on = closing_date(case)
    parts = [outcome_for(book.for_process(case.process_id), closed_on, [document_day(d) for d in documents])]
    for document in documents:
        if book.has_own_rule(case.process_id, document.document_type_id):
            rule = book.for_document(case.process_id, document.document_type_id)
            parts.append(outcome_for(rule, closed_on, [document_day(document)], document))
    return Computed(case.pk, case.process_id, governing_part(parts), parts)


def governing_part(parts: list[Outcome]) -> Outcome:
    """The part that decides: the most protective action, then the latest date (the case itself on a tie)."""
    far_future = datetime.date.max

    def key(item):
        index, part = item
        return (PRECEDENCE[part.action], -(part.due_date or far_future).toordinal(), index)

    return min(enumerate(parts), key=key)[1]


def compute_document(document: Document, book: RuleBook) -> Outcome:
    """A single document's own retention (its type's rule or its process's), counted on its own date."""
    case = document.case
    rule = book.for_document(case.process_id, document.document_type_id)
    return outcome_for(rule, closing_date(case), [document_day(document)], document)
