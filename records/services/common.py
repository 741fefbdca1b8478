"""Helpers shared by the records services: locking, permission checks, history stamps."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..errors import RecordsError
from ..models import Case, CaseStatus

TITLE_MAX = 500


def lock(case: Case) -> Case:
    """Re-read the case with its row locked until the transaction ends (no lost updates)."""
    return Case.objects.select_for_update().select_related("process", "series").get(pk=case.pk)


def require(allowed: bool, user) -> None:
    """`user=None` is the system (management commands, demo data); people need the permission."""
    if user is not None and not allowed:
        raise PermissionDenied(_("Du har inte behörighet att göra detta i ärendet."))


def require_open(case: Case, action: str) -> None:
    if case.status == CaseStatus.CLOSED:
        raise RecordsError(
            _("Ärendet %(ref)s är avslutat; återöppna det för att %(action)s.")
            % {"ref": case.reference, "action": action}
        )
    if case.status == CaseStatus.CANCELLED:
        raise RecordsError(_("Ärendet %(ref)s är makulerat och kan inte ändras.") % {"ref": case.reference})


def clean_title(title, field: str = "title", label: str | None = None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise RecordsError({field: _("Ange en %(label)s.") % {"label": label or _("ärendemening")}})
    if len(title) > TITLE_MAX:
        raise RecordsError({field: _("Högst %(max)d tecken (nu %(n)d).") % {"max": TITLE_MAX, "n": len(title)}})
    return title


def stamp(instance, user, reason: str = "", on: datetime.date | None = None) -> None:
    """Who and why for the history row the next save writes; `on` backdates it (backfill, demo)."""
    instance._history_user = user
    if reason:
        instance._change_reason = reason[:100]
    if on is not None and on != timezone.localdate():
        # Today's clock time keeps a backfilled day's events in the order they were entered.
        moment = datetime.datetime.combine(on, timezone.localtime().time())
        instance._history_date = timezone.make_aware(moment)


def today() -> datetime.date:
    return timezone.localdate()


def require_work(user, case: Case) -> None:
    require(access.can_work_on(user, case), user)


def require_manage(user, case: Case) -> None:
    require(access.can_manage(user, case), user)


class ErrorCollector:
    """Run several checks and report all their messages at once, per field."""

    def __init__(self):
        self.messages: dict[str, list[str]] = {}

    def check(self, function, *args):
        try:
            return function(*args)
        except RecordsError as error:
            for field, messages in error.field_messages().items():
                self.messages.setdefault(field, []).extend(messages)
            return None

    def raise_if_any(self) -> None:
        if self.messages:
            raise RecordsError(self.messages)
