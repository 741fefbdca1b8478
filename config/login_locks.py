"""Login protection with django-axes: the Swedish lockout page, and the lock and its release in the log."""

import logging

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.shortcuts import render

log = logging.getLogger("ordna.security")


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind ORDNA_PROXY_COUNT proxies what the outermost one saw.

    Only the entries our own proxies appended are trusted; anything left of them the client may have written."""
    proxies = settings.ORDNA_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out login gets: a page in Swedish saying for how long (axes' AXES_LOCKOUT_CALLABLE)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "login_locked.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE)


@receiver(user_locked_out, dispatch_uid="ordna-log-lock")
def log_lock(sender, request, username, ip_address, **kwargs):
    log.warning(
        "Inloggning spärrad för användarnamnet %r från %s efter upprepade felaktiga lösenord.", username, ip_address
    )


@receiver(post_delete, sender=AccessAttempt, dispatch_uid="ordna-log-release")
def log_release(sender, instance, **kwargs):
    """A lock ends when its attempts are deleted: after the cool-off, by an administrator or `axes_reset`."""
    if instance.failures_since_start >= settings.AXES_FAILURE_LIMIT:
        log.warning("Spärren hävd för användarnamnet %r från %s.", instance.username, instance.ip_address)
