"""Helpers of the record types with their own life cycle: locking rows, keeping the case's register status in step."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from common import clock
from common.errors import DomainError
from records.register import signals
from records.register.models.cases import CaseStatus


def lock_detail(model, obj, *related):
    """Re-read a detail row (and its case) locked until the transaction ends."""
    return model.objects.select_for_update().select_related("case", *related).get(pk=obj.pk)


def refuse(message: str) -> None:
    raise DomainError(message)


def deny(message: str) -> None:
    raise PermissionDenied(message)


def clean_text(value, field: str, message: str, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError({field: message})
    if max_length and len(text) > max_length:
        raise DomainError({field: _("Högst %(max)d tecken (nu %(n)d).") % {"max": max_length, "n": len(text)}})
    return text


def set_case_status(case, status: str, user, reason: str = "") -> None:
    """Close, cancel or reopen the register entry as the detail's own life cycle moves on."""
    if case.status == status:
        return
    case.status = status
    case.closed_on = None if status == CaseStatus.OPEN else clock.today()
    clock.stamp(case, user, reason)
    case.save()
    change = {CaseStatus.CLOSED: signals.CHANGE_CLOSED, CaseStatus.CANCELLED: signals.CHANGE_CANCELLED}.get(
        status, signals.CHANGE_REOPENED
    )
    signals.send_case_changed(case.pk, change)


def touch_case(case) -> None:
    """Something in the case changed (a note, a move): let search and retention know on commit."""
    signals.send_case_changed(case.pk, signals.CHANGE_UPDATED)
