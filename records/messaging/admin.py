"""Outgoing messages in the admin: every SMS and e-mail with its status and error; failed ones can be sent again."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdmin
from records.messaging import outbox as notifications
from records.messaging.models import Message, MessageStatus


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "channel",
        "kind",
        "recipient",
        "short_body",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "case",
    ]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["recipient", "case__reference"]
    list_select_related = ["case"]
    readonly_fields = [
        "channel",
        "kind",
        "recipient",
        "subject",
        "body",
        "case",
        "status",
        "attempts",
        "last_error",
        "sender",
        "provider_reference",
        "created_at",
        "sent_at",
    ]
    fields = readonly_fields
    actions = ["send_again"]

    @admin.display(description=_("text"))
    def short_body(self, message):
        text = message.subject or message.body
        return text if len(text) < 80 else text[:77] + "…"

    @admin.action(description=_("Skicka igen"), permissions=["view"])
    def send_again(self, request, queryset):
        count = notifications.resend(queryset.exclude(status=MessageStatus.SENT))
        self.message_user(request, _now("%(n)d meddelanden köades igen.") % {"n": count}, messages.SUCCESS)
