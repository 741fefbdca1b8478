"""Helpers shared by the retention services: permission checks and names."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_perm(user, *perms: str) -> None:
    """`user=None` is the system (commands, tasks, demo data); people need the permissions."""
    if user is None:
        return
    if not (user.is_authenticated and user.is_active and all(user.has_perm(p) for p in perms)):
        raise PermissionDenied(_("Du har inte behörighet att göra detta."))


def user_name(user) -> str:
    if user is None:
        return _("systemet")
    return user.get_full_name() or user.get_username()


def one_line(text) -> str:
    return " ".join(str(text or "").split())
