"""Legal holds: placing and releasing them, and asking which cases they cover.

A hold on a node holds every case that was under the node while the hold was active, wherever the
case is reclassified to later. The cases are recorded (HeldCase) when the hold is placed and whenever
a case is saved, or a node moved, under an active subtree hold (see retention.receivers); a case is
held by a subtree hold if it is under the node now or was recorded.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from classification.models import Node
from common.clock import stamp
from common.errors import DomainError
from records.models import Case

from ..models import HeldCase, LegalHold
from .common import one_line, require_perm


@transaction.atomic
def place_hold(*, reason: str, user, case: Case | None = None, node: Node | None = None) -> LegalHold:
    """Stop disposal of one case, or of everything filed at or under a node, until released."""
    require_perm(user, "retention.add_legalhold")
    reason = (reason or "").strip()
    if (case is None) == (node is None):
        raise DomainError(_("Ange antingen ett ärende eller en nod i strukturen som spärren gäller."))
    if not reason:
        raise DomainError({"reason": _("Ange skälet till spärren.")})
    hold = LegalHold(
        case=case, node=node, reason=reason, set_by=user, case_reference=case.reference if case is not None else ""
    )
    stamp(hold, user, _("Spärr satt"))
    hold.save()
    if node is not None:
        record_held_cases([hold])
    return hold


@transaction.atomic
def release_hold(hold: LegalHold, *, user, reason: str = "") -> LegalHold:
    require_perm(user, "retention.change_legalhold")
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise DomainError(
            _("Spärren är redan hävd (%(date)s).") % {"date": timezone.localtime(hold.released_at).date()}
        )
    hold.released_at, hold.released_by = timezone.now(), user
    hold.release_reason = one_line(reason)
    stamp(hold, user, _("Spärr hävd"))
    hold.save()
    return hold


def _active_subtree_holds() -> list[LegalHold]:
    return list(LegalHold.objects.active().filter(node__isnull=False).select_related("node"))


def record_held_cases(holds: list[LegalHold] | None = None, *, cases=None, batch_size: int = 2000) -> int:
    """Record the cases now under each active subtree hold (of `cases` only, when given) as held by it.

    Idempotent: a case already recorded is left as it is. Returns the number of cases recorded."""
    holds = _active_subtree_holds() if holds is None else holds
    added = 0
    for hold in holds:
        under = Case.objects.filter(process__in=hold.node.get_descendants(include_self=True))
        if cases is not None:
            under = under.filter(pk__in=cases)
        rows = under.exclude(pk__in=HeldCase.objects.filter(hold=hold).values("case_id")).values_list(
            "pk", "process__code"
        )
        batch = []
        for case_id, code in rows.order_by("pk").iterator(chunk_size=batch_size):
            batch.append(HeldCase(hold=hold, case_id=case_id, process_code=code))
            if len(batch) >= batch_size:
                added += len(HeldCase.objects.bulk_create(batch, ignore_conflicts=True))
                batch = []
        added += len(HeldCase.objects.bulk_create(batch, ignore_conflicts=True))
    return added


def record_if_held(case: Case) -> None:
    """A case was saved: if it is under an active subtree hold, the hold holds it from now on."""
    holds = [h for h in _active_subtree_holds() if h.node.is_ancestor_of(case.process, include_self=True)]
    if holds:
        record_held_cases(holds, cases=[case.pk])


def record_under_node(node: Node) -> None:
    """A node was saved (perhaps moved): cases under it that are now under an active subtree hold are held."""
    holds = [h for h in _active_subtree_holds() if h.node.is_ancestor_of(node, include_self=True)]
    if holds:
        record_held_cases(holds, cases=Case.objects.filter(process__in=node.get_descendants(include_self=True)))


def moved_out_warning(hold: LegalHold, case: Case) -> str:
    """Why a subtree hold holds a case that is no longer under its node ('' when it is, or it is no subtree hold)."""
    if hold.node_id is None or hold.node.is_ancestor_of(case.process, include_self=True):
        return ""
    return _("Ärendet låg under %(code)s medan spärren gällde; spärren följer med ärendet.") % {"code": hold.node.code}


class HoldIndex:
    """The active holds as two id sets, so a report can flag millions of rows without a join."""

    def __init__(self):
        self.case_ids: set[int] = set()
        self.process_ids: set[int] = set()
        self.holds = list(LegalHold.objects.active().select_related("node"))
        for hold in self.holds:
            if hold.case_id:
                self.case_ids.add(hold.case_id)
            elif hold.node_id:
                self.process_ids.update(hold.node.get_descendants(include_self=True).values_list("id", flat=True))
        # Cases held by a subtree hold they have since been reclassified out of.
        held = HeldCase.objects.filter(hold__in=[h.pk for h in self.holds if h.node_id])
        self.case_ids.update(held.exclude(case__process_id__in=self.process_ids).values_list("case_id", flat=True))

    def covers(self, case_id: int, process_id: int) -> bool:
        return case_id in self.case_ids or process_id in self.process_ids

    def condition(self, case_field: str = "case_id", process_field: str = "process_id") -> Q:
        """A filter matching the held rows (an always-false filter when nothing is held)."""
        condition = Q(pk__in=[])
        if self.case_ids:
            condition |= Q(**{f"{case_field}__in": sorted(self.case_ids)})
        if self.process_ids:
            condition |= Q(**{f"{process_field}__in": sorted(self.process_ids)})
        return condition


def holds_covering(case: Case):
    return LegalHold.objects.covering(case).select_related("node").order_by("set_at", "pk")
