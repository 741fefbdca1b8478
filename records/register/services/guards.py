"""Helpers of the register's services: locking a case, the permission check of acts without a case, titles."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from common.errors import DomainError
from records.register.models.cases import Case

TITLE_MAX = 500


def lock(case: Case) -> Case:
    """Re-read the case with its row locked until the transaction ends (no lost updates)."""
    return Case.objects.select_for_update().select_related("process", "series").get(pk=case.pk)


def require(allowed: bool, user) -> None:
    """`user=None` is the system (management commands, demo data); people need the permission."""
    if user is not None and not allowed:
        raise PermissionDenied(_("Du har inte behörighet att göra detta i ärendet."))


def clean_title(title, field: str = "title", label: str | None = None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError({field: _("Ange en %(label)s.") % {"label": label or _("ärendemening")}})
    if len(title) > TITLE_MAX:
        raise DomainError({field: _("Högst %(max)d tecken (nu %(n)d).") % {"max": TITLE_MAX, "n": len(title)}})
    return title
