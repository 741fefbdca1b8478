"""The timeline events of outgoing messages: each SMS and e-mail sent about a case."""

from types import SimpleNamespace

from django.utils.translation import gettext as _

from records.messaging.models import Message
from records.register.timeline import Event, Source, register_source


def _message_rows(case):
    rows = []
    for message in Message.objects.filter(case=case).order_by("created_at", "id"):
        rows.append(
            SimpleNamespace(
                id=message.pk,
                history_date=message.sent_at or message.created_at,
                history_id=message.pk,
                history_type="+",
                history_user=None,
                history_change_reason="",
                message=message,
            )
        )
    return rows


def describe_message(render, row, before):
    message = row.message
    status = {"pending": _("väntar på att skickas"), "sent": _("skickat"), "failed": _("misslyckades")}[message.status]
    summary = _("%(channel)s till %(to)s %(status)s: %(text)s") % {
        "channel": message.get_channel_display(),
        "to": message.recipient,
        "status": status,
        "text": message.subject or message.body[:120],
    }
    return Event(
        row.history_date,
        f"message_{message.status}",
        summary,
        reason=message.last_error if message.status == "failed" else "",
    )


def register() -> None:
    register_source(Source(Message, _message_rows, describe_message, rank=9))
