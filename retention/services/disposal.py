"""The disposal workflow up to execution: draw a list from the report, review, approve, confirm.

Who may take which step in which state is the table in `retention/disposal_lifecycle.py`: every
service checks it on the locked list and takes the new state from it."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from classification.models import Node
from classification.rules import normalise_code
from common.clock import stamp
from common.errors import DomainError
from outbox.services import enqueue

from ..disposal_lifecycle import DISPOSAL_LIST
from ..models import (
    OPEN_STATUSES,
    DisposalItem,
    DisposalList,
    ExclusionStage,
    ItemState,
)
from ..wording import short_rule
from .common import one_line, require_perm
from .compute import RuleBook
from .holds import HoldIndex
from .jobs import run_disposal_list
from .report import due_queryset


def _lock(disposal_list: DisposalList) -> DisposalList:
    return DisposalList.objects.select_for_update().get(pk=disposal_list.pk)


def resolve_process(process) -> Node | None:
    if process is None or isinstance(process, Node):
        return process
    code = normalise_code(str(process))
    if not code:
        return None
    node = Node.objects.filter(code=code).first()
    if node is None:
        raise DomainError({"process": _("Processen %(code)s finns inte i klassificeringsstrukturen.") % {"code": code}})
    return node


def claimed_cases():
    """Cases already waiting on an unfinished list: a case is on at most one such list."""
    return DisposalItem.objects.filter(state=ItemState.PENDING, disposal_list__status__in=OPEN_STATUSES).values(
        "case_key"
    )


@transaction.atomic
def draw_disposal_list(*, name: str, as_of: datetime.date, user, process=None, note: str = "") -> DisposalList:
    """A draft list of every record due on `as_of` (under `process`), except held ones and those on other lists."""
    require_perm(user, "retention.add_disposallist")
    name = one_line(name)
    if not name:
        raise DomainError({"name": _("Ge listan ett namn, t.ex. ”Gallring 2026:1”.")})
    if len(name) > 120:
        raise DomainError({"name": _("Högst 120 tecken.")})
    if DisposalList.objects.filter(name__iexact=name).exists():
        raise DomainError({"name": _("Det finns redan en gallringslista som heter ”%(name)s”.") % {"name": name}})
    if as_of > timezone.localdate():
        raise DomainError(
            {
                "as_of": _("En gallringslista tas fram för i dag eller ett tidigare datum, inte %(date)s.")
                % {"date": as_of.isoformat()}
            }
        )
    node = resolve_process(process)
    holds = HoldIndex()
    book = RuleBook()
    due = (
        due_queryset(as_of, node)
        .exclude(holds.condition())
        .exclude(case_id__in=claimed_cases())
        .select_related("case")
        .order_by("due_date", "case_id")
    )
    disposal_list = DisposalList(name=name, as_of=as_of, process=node, note=(note or "").strip(), created_by=user)
    stamp(disposal_list, user, _("Upprättad"))
    disposal_list.save()
    rules = {**{r.pk: r for r in book.by_node.values()}, **{r.pk: r for r in book.by_document_type.values()}}
    items = [
        DisposalItem(
            disposal_list=disposal_list,
            case_id=row.case_id,
            case_key=row.case_id,
            case_reference=row.case.reference,
            process_id=row.process_id,
            rule_id=row.rule_id,
            rule_signature=rules[row.rule_id].signature,
            rule_description=short_rule(rules[row.rule_id])[:400],
            action=row.action,
            due_date=row.due_date,
        )
        for row in due.iterator(chunk_size=2000)
        if row.rule_id in rules
    ]
    if not items:
        where = _(" under %(code)s") % {"code": node.code} if node else ""
        raise DomainError(
            _(
                "Inga ärenden%(where)s är gallringsbara per %(date)s (utom spärrade och sådana som redan "
                "finns på en annan lista)."
            )
            % {"where": where, "date": as_of.isoformat()}
        )
    bulk_create_with_history(items, DisposalItem, batch_size=1000, default_user=user)
    return disposal_list


@transaction.atomic
def submit_for_review(disposal_list: DisposalList, *, user) -> DisposalList:
    disposal_list = _lock(disposal_list)
    step = DISPOSAL_LIST.check("submit", user, disposal_list)
    disposal_list.status, disposal_list.submitted_at = step.target, timezone.now()
    stamp(disposal_list, user, _("Till granskning"))
    disposal_list.save()
    return disposal_list


@transaction.atomic
def exclude_item(item: DisposalItem, *, reason: str, user) -> DisposalItem:
    """The reviewer takes a case off the list, with the reason; it stays on the list as excluded."""
    disposal_list = _lock(item.disposal_list)
    DISPOSAL_LIST.check("exclude", user, disposal_list)
    item = DisposalItem.objects.get(pk=item.pk)
    reason = one_line(reason)
    if not reason:
        raise DomainError({"reason": _("Ange skälet till att %(ref)s undantas.") % {"ref": item.case_reference}})
    if item.state != ItemState.PENDING:
        raise DomainError(_("%(ref)s är redan undantagen.") % {"ref": item.case_reference})
    item.state, item.exclusion_stage = ItemState.EXCLUDED, ExclusionStage.REVIEW
    item.exclusion_reason, item.excluded_by, item.processed_at = reason, user, timezone.now()
    stamp(item, user, reason)
    item.save()
    return item


@transaction.atomic
def restore_item(item: DisposalItem, *, user) -> DisposalItem:
    """Undo a reviewer's exclusion while the list is still being reviewed."""
    disposal_list = _lock(item.disposal_list)
    DISPOSAL_LIST.check("restore", user, disposal_list)
    item = DisposalItem.objects.get(pk=item.pk)
    if item.exclusion_stage != ExclusionStage.REVIEW:
        raise DomainError(_("%(ref)s kan inte återföras till listan.") % {"ref": item.case_reference})
    if claimed_cases().filter(case_key=item.case_key).exists():
        raise DomainError(_("%(ref)s finns redan på en annan gallringslista.") % {"ref": item.case_reference})
    item.state, item.exclusion_stage, item.exclusion_reason = ItemState.PENDING, "", ""
    item.excluded_by, item.processed_at = None, None
    stamp(item, user, _("Återförd till listan"))
    item.save()
    return item


@transaction.atomic
def approve_list(disposal_list: DisposalList, *, user) -> DisposalList:
    """An archivist other than the list's creator approves it for execution."""
    disposal_list = _lock(disposal_list)
    step = DISPOSAL_LIST.check("approve", user, disposal_list)
    disposal_list.status, disposal_list.approved_by, disposal_list.approved_at = step.target, user, timezone.now()
    stamp(disposal_list, user, _("Godkänd"))
    disposal_list.save()
    return disposal_list


@transaction.atomic
def cancel_list(disposal_list: DisposalList, *, user, reason: str = "") -> DisposalList:
    """Stop a list before execution; its cases become free for other lists."""
    disposal_list = _lock(disposal_list)
    step = DISPOSAL_LIST.check("cancel", user, disposal_list)
    disposal_list.status, disposal_list.cancelled_at = step.target, timezone.now()
    stamp(disposal_list, user, one_line(reason) or _("Avbruten"))
    disposal_list.save()
    return disposal_list


@transaction.atomic
def execute_list(disposal_list: DisposalList, *, user, confirmation: str) -> DisposalList:
    """Start disposal of an approved list; the user confirms by typing the list's name."""
    disposal_list = _lock(disposal_list)
    step = DISPOSAL_LIST.check("execute", user, disposal_list)
    if one_line(confirmation) != disposal_list.name:
        raise DomainError(
            {
                "confirmation": _("Skriv listans namn exakt, ”%(name)s”, för att bekräfta gallringen.")
                % {"name": disposal_list.name}
            }
        )
    disposal_list.status, disposal_list.executed_by = step.target, user
    disposal_list.execution_started_at = timezone.now()
    stamp(disposal_list, user, _("Verkställighet påbörjad"))
    disposal_list.save()
    _run_on_commit(disposal_list.pk)
    return disposal_list


@transaction.atomic
def resume_list(disposal_list: DisposalList, *, user) -> DisposalList:
    """Send an interrupted execution again; items already done are not touched."""
    disposal_list = _lock(disposal_list)
    DISPOSAL_LIST.check("resume", user, disposal_list)
    _run_on_commit(disposal_list.pk)
    return disposal_list


def _run_on_commit(list_id: int) -> None:
    """Recorded in this transaction (the outbox), run after it commits: a broker that is down only delays it."""
    enqueue(run_disposal_list, list_id, dedupe=True)
