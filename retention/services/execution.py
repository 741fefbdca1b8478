"""Executing a disposal list: each item checked again and done in its own transaction, resumable."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from classification.models import DocumentType, Node
from records import erasing
from records.models import Case, CaseStatus
from records.register import access

from ..disposal_lifecycle import DISPOSAL_LIST
from ..models import (
    Action,
    DisposalItem,
    DisposalList,
    DisposalRecord,
    ExclusionStage,
    ItemState,
    ListStatus,
    RetentionRule,
)
from ..wording import short_rule
from . import certificate
from .common import user_name
from .compute import NO_RULE, RuleBook, compute_case
from .holds import holds_covering

logger = logging.getLogger(__name__)


class FreshRuleBook:
    """A RuleBook reloaded whenever a rule, node or document type changed since it was loaded."""

    def __init__(self):
        self.fingerprint, self.book = None, None

    def get(self) -> RuleBook:
        fingerprint = tuple(
            model.history.aggregate(m=Max("history_id"))["m"] for model in (RetentionRule, Node, DocumentType)
        )
        if fingerprint != self.fingerprint:
            self.fingerprint, self.book = fingerprint, RuleBook()
        return self.book


def run_disposal(list_id: int) -> None:
    """Do every pending item of an executing list, then finish it. Safe to run again at any point."""
    disposal_list = DisposalList.objects.filter(pk=list_id).first()
    if disposal_list is None or disposal_list.status not in (ListStatus.EXECUTING, ListStatus.EXECUTED):
        return
    retry_file_deletions(list_id)
    if disposal_list.status == ListStatus.EXECUTED:
        return
    books = FreshRuleBook()
    pending = list(
        disposal_list.items.filter(state=ItemState.PENDING)
        .order_by("due_date", "case_key")
        .values_list("pk", flat=True)
    )
    for item_id in pending:
        process_item(item_id, books)
    finish_list(list_id)


def recheck(item: DisposalItem, case: Case | None, book: RuleBook) -> str:
    """Why the item may not be disposed of now ('' when it may): everything is checked again."""
    return _case_changed(item, case) or _rule_changed(item, case, book)


def _case_changed(item: DisposalItem, case: Case | None) -> str:
    """The case itself: gone, reopened, reclassified or held since the list was approved."""
    if case is None:
        return _("Ärendet finns inte längre i diariet.")
    if case.status == CaseStatus.OPEN:
        return _("Ärendet har återöppnats.")
    if case.process_id != item.process_id:
        return _("Ärendet har omklassificerats till %(code)s.") % {"code": case.process.code}
    holds = list(holds_covering(case))
    if holds:
        return _("Spärrad för gallring: %(reason)s") % {"reason": "; ".join(h.reason for h in holds)}
    return ""


def _rule_changed(item: DisposalItem, case: Case, book: RuleBook) -> str:
    """The rule in force now, and the date it gives, against what was approved."""
    computed = compute_case(case, book)
    if computed.action == Action.PRESERVE:
        return _("Ärendet ska bevaras: %(rule)s.") % {"rule": short_rule(computed.rule)}
    if computed.action == NO_RULE or computed.rule is None:
        return _("Ingen gallringsregel gäller längre för ärendet.")
    if computed.rule.signature != item.rule_signature:
        return _("Gallringsregeln har ändrats sedan listan godkändes (nu: %(rule)s).") % {
            "rule": short_rule(computed.rule)
        }
    if computed.due_date != item.due_date:
        return _("Gallringsdatumet har flyttats från %(old)s till %(new)s.") % {
            "old": item.due_date.isoformat(),
            "new": computed.due_date.isoformat() if computed.due_date else "–",
        }
    if computed.due_date > timezone.localdate():
        return _("Ärendet är inte gallringsbart förrän %(date)s.") % {"date": computed.due_date.isoformat()}
    return ""


def process_item(item_id: int, books: FreshRuleBook | None = None) -> None:
    """Dispose of one item or take it out, in one transaction; an item already done is left alone."""
    books = books or FreshRuleBook()
    with transaction.atomic():
        item = DisposalItem.objects.select_for_update().select_related("disposal_list").get(pk=item_id)
        if item.state != ItemState.PENDING:
            return
        case = Case.objects.select_for_update().filter(pk=item.case_key).select_related("process").first()
        reason = recheck(item, case, books.get())
        if not reason:
            try:
                with transaction.atomic():
                    _dispose(item, case)
                return
            except (ProtectedError, RestrictedError) as error:
                logger.warning("Case %s could not be deleted: %s", item.case_reference, error)
                reason = _("Ärendet kan inte tas bort eftersom andra uppgifter hänvisar till det.")
        item.state, item.exclusion_stage, item.exclusion_reason = ItemState.EXCLUDED, ExclusionStage.EXECUTION, reason
        item.processed_at = timezone.now()
        item._change_reason = reason[:100]
        item.save()


def _dispose(item: DisposalItem, case: Case) -> None:
    disposal_list = item.disposal_list
    record = DisposalRecord(
        case_key=case.pk,
        reference=case.reference,
        process_code=case.process.code,
        process_title=case.process.title,
        title=access.visible_title(case, full_access=False),
        was_confidential=case.is_confidential,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        rule_description=item.rule_description,
        authority=item.rule.authority if item.rule_id else "",
        due_date=item.due_date,
        disposal_list=disposal_list,
        list_name=disposal_list.name,
        approved_by_name=user_name(disposal_list.approved_by),
        executed_by_name=user_name(disposal_list.executed_by),
        disposed_at=timezone.now(),
    )
    erased = erasing.erase_case(case)
    record.documents, record.files = erased.documents, erased.file_count
    record.save()
    item.case = None  # the row is gone; case_key and case_reference still name it
    item.state, item.processed_at, item.files_to_delete = ItemState.DISPOSED, record.disposed_at, erased.files
    item.save()
    item_id = item.pk
    transaction.on_commit(lambda: _delete_files(item_id))


def _delete_files(item_id: int) -> None:
    item = DisposalItem.objects.filter(pk=item_id).only("files_to_delete").first()
    if item is None or not item.files_to_delete:
        return
    left = erasing.delete_stored_files(item.files_to_delete)
    # update(): a bookkeeping column, not a change anyone needs in history.
    DisposalItem.objects.filter(pk=item_id).update(files_to_delete=left)


def retry_file_deletions(list_id: int) -> None:
    """Files of disposed items whose deletion a crash interrupted."""
    for item_id in (
        DisposalItem.objects.filter(disposal_list_id=list_id, state=ItemState.DISPOSED)
        .exclude(files_to_delete=[])
        .values_list("pk", flat=True)
    ):
        _delete_files(item_id)


def finish_list(list_id: int) -> None:
    """When nothing is pending: file the disposal certificate and mark the list executed (once)."""
    with transaction.atomic():
        disposal_list = DisposalList.objects.select_for_update().get(pk=list_id)
        if not DISPOSAL_LIST.allows("finish", None, disposal_list):
            return
        disposal_list.executed_at = timezone.now()
        case = certificate.file_certificate(disposal_list)
        if case is not None:
            disposal_list.certificate_case, disposal_list.certificate_reference = case, case.reference
        disposal_list.status = DISPOSAL_LIST.target("finish")
        disposal_list._change_reason = _("Verkställd")
        disposal_list.save()


def interrupted_lists(older_than_minutes: int = 15):
    limit = timezone.now() - timedelta(minutes=older_than_minutes)
    return DisposalList.objects.filter(status=ListStatus.EXECUTING, execution_started_at__lt=limit)
