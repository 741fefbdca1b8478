"""Follow-up work in the admin: what is pending, what failed and why; pending work can be handed over now."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdmin

from . import services
from .models import OutboxEntry


class StateFilter(admin.SimpleListFilter):
    title = _("läge")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Väntar")),
            ("given_up", _("Gav upp")),
            ("handed_over", _("Lämnad till kön, inte klar")),
            ("done", _("Klar")),
        ]

    def queryset(self, request, queryset):
        pending = queryset.filter(dispatched_at__isnull=True, completed_at__isnull=True)
        return {
            "pending": pending.filter(attempts__lt=services.MAX_ATTEMPTS),
            "given_up": pending.filter(attempts__gte=services.MAX_ATTEMPTS),
            "handed_over": queryset.filter(dispatched_at__isnull=False, completed_at__isnull=True),
            "done": queryset.filter(completed_at__isnull=False),
        }.get(self.value(), queryset)


@admin.register(OutboxEntry)
class OutboxEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "task_name", "args", "attempts", "next_attempt_at", "dispatched_at", "completed_at"]
    list_filter = [StateFilter, "task_name"]
    readonly_fields = [field.name for field in OutboxEntry._meta.fields]
    fields = readonly_fields
    actions = ["hand_over_now"]

    @admin.action(description=_("Lämna över nu"), permissions=["view"])
    def hand_over_now(self, request, queryset):
        count = services.hand_over_now(queryset.filter(completed_at__isnull=True).values_list("pk", flat=True))
        self.message_user(request, _now("%(n)d uppgifter lämnades över.") % {"n": count}, messages.SUCCESS)
