"""Legal holds in the admin: placed and released through the services, kept with their history."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from classification.models import Node
from classification.rules import normalise_code
from common.errors import DomainError
from records.models import Case

from .. import services
from ..models import LegalHold


class LegalHoldForm(forms.ModelForm):
    reference = forms.CharField(label=_("Diarienummer"), required=False, help_text=_("Ett ärende, t.ex. BOP 2026/42."))
    node_code = forms.CharField(
        label=_("eller nod (kod)"),
        required=False,
        help_text=_("Spärrar allt som är registrerat på noden och under den, t.ex. 2.9."),
    )

    class Meta:
        model = LegalHold
        fields = ["reason"]

    def clean(self):
        cleaned = super().clean()
        reference, code = (cleaned.get("reference") or "").strip(), normalise_code(cleaned.get("node_code") or "")
        if bool(reference) == bool(code):
            raise forms.ValidationError(_now("Ange antingen ett diarienummer eller en nod."))
        if reference:
            cleaned["case"] = Case.objects.filter(reference__iexact=reference).first()
            if cleaned["case"] is None:
                self.add_error("reference", _now("Ärendet %(ref)s finns inte i diariet.") % {"ref": reference})
        else:
            cleaned["node"] = Node.objects.filter(code=code).first()
            if cleaned["node"] is None:
                self.add_error(
                    "node_code", _now("Noden %(code)s finns inte i klassificeringsstrukturen.") % {"code": code}
                )
        return cleaned


@admin.register(LegalHold)
class LegalHoldAdmin(SimpleHistoryAdmin):
    form = LegalHoldForm
    list_display = ["target", "reason", "set_by", "set_at", "released_at", "released_by"]
    list_filter = [("released_at", admin.EmptyFieldListFilter)]
    search_fields = ["case_reference", "node__code", "reason"]
    list_select_related = ["node", "set_by", "released_by"]
    actions = ["release_selected"]

    @admin.display(description=_("gäller"))
    def target(self, hold):
        return hold.target_label

    @admin.display(description=_("ärenden som spärren håller"))
    def held_cases(self, hold):
        """A subtree hold's recorded cases: those under the node, and those moved out of it since."""
        return hold.held_cases.count() if hold.node_id else "–"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["reference", "node_code", "reason"]
        return ["target", "held_cases", "reason", "set_by", "set_at", "released_at", "released_by", "release_reason"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # a hold is released, never deleted: its history is part of the record

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        hold = services.place_hold(
            case=data.get("case"), node=data.get("node"), reason=data["reason"], user=request.user
        )
        obj.pk = hold.pk
        obj.refresh_from_db()

    @admin.action(description=_("Häv markerade spärrar"), permissions=["change"])
    def release_selected(self, request, queryset):
        released = 0
        for hold in queryset.filter(released_at__isnull=True):
            try:
                services.release_hold(hold, user=request.user, reason=_now("Hävd i administrationen"))
                released += 1
            except DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
        self.message_user(request, _now("%(n)d spärrar hävdes.") % {"n": released}, messages.SUCCESS)
