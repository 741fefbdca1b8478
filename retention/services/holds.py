"""Legal holds: placing and releasing them, and asking which cases they cover."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from classification.models import Node
from common.clock import stamp
from common.errors import DomainError
from records.models import Case

from ..models import LegalHold
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
    return LegalHold.objects.covering(case).select_related("node")
