"""Installer cases and drafts in the admin: the installers' portal and the grid owner's back office.

Installers see their own cases (a team owner also the team's); drafts say when they are deleted.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common import clock
from records.installations import access as who
from records.installations.admin.forms import (
    AdminMoveForm,
    InstallerCaseForm,
    MoveToMemberForm,
    MoveToTeamForm,
)
from records.installations.lifecycle import DRAFT, INSTALLER_CASE, STATUS_ACTIONS, locked_reason
from records.installations.models.installer_cases import InstallerCase, InstallerDraft
from records.installations.models.installer_cases import InstallerCaseStatus as S
from records.installations.services import installer_cases as service
from records.installations.services import moves
from records.installations.services.installer_cases import CASE_FIELDS, InstallerCaseData
from records.register.access import person
from records.register.admin import actions
from records.register.admin.detail import LifeCycleAdmin
from records.register.admin.fields import AttachmentsForm, ReasonRequiredForm, TextForm
from records.register.models.documents import DocumentFile
from records.register.timeline import build_timeline

ACTIONS = [
    actions.Action(
        "note",
        lambda o, u, d: service.add_note(o, d["text"], u),
        _("Anteckningen är sparad i %(ref)s."),
        lifecycle=INSTALLER_CASE,
        form=TextForm,
    ),
    actions.Action(
        "attach",
        lambda o, u, d: [service.add_attachment(o, f, u) for f in d["files"]],
        _("Filen är bifogad till %(ref)s."),
        lifecycle=INSTALLER_CASE,
        form=AttachmentsForm,
    ),
    *(
        actions.Action(
            name,
            lambda o, u, d, target=target: service.change_status(o, target, u),
            _("%(ref)s har status ") + str(S(target).label) + ".",
            lifecycle=INSTALLER_CASE,
        )
        for target, name in STATUS_ACTIONS.items()
    ),
    actions.Action(
        "request_cancel",
        lambda o, u, d: service.request_cancellation(o, d.get("reason", ""), u),
        _("Begäran om makulering av %(ref)s är skickad till nätägaren."),
        lifecycle=INSTALLER_CASE,
        form=ReasonRequiredForm,
    ),
    actions.Action(
        "cancel",
        lambda o, u, d: service.cancel_installer_case(o, u, d.get("reason", "")),
        _("%(ref)s är makulerat; beslutet är registrerat."),
        lifecycle=INSTALLER_CASE,
        form=ReasonRequiredForm,
    ),
    actions.Action(
        "move_member",
        lambda o, u, d: moves.move_to_member([o], d["to_installer"], u, d.get("grounds", "")),
        _("%(ref)s är flyttat; beslutet är registrerat."),
        lifecycle=INSTALLER_CASE,
        form=MoveToMemberForm,
        form_kwargs=lambda o, u: {"team": o.team},
    ),
    actions.Action(
        "move_team",
        lambda o, u, d: moves.move_to_team([o], d["to_team"], u, d.get("grounds", "")),
        _("%(ref)s har bytt team; beslutet är registrerat."),
        lifecycle=INSTALLER_CASE,
        form=MoveToTeamForm,
        form_kwargs=lambda o, u: {"installer_case": o},
    ),
    actions.Action(
        "move_admin",
        lambda o, u, d: moves.move_as_administrator(
            [o],
            to_installer=d["to_installer"],
            to_team=d["to_team"],
            user=u,
            grounds=d.get("grounds", ""),
            consent=d.get("consent"),
            consent_kind=d["consent_kind"],
        ),
        _("%(ref)s är flyttat; beslutet är registrerat med bilagan."),
        lifecycle=INSTALLER_CASE,
        form=AdminMoveForm,
        warning=_(
            "Till ett annat företag bara med kundens skriftliga medgivande; för en produktionsanläggning en ny "
            "fullmakt påskriven av kunden."
        ),
    ),
]


def serve_case_file(case, file_id):
    stored = get_object_or_404(DocumentFile, pk=file_id, case_id=case.pk)
    response = FileResponse(stored.file.open("rb"), filename=stored.original_name, content_type=stored.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def case_files(case, url_name, obj):
    return [
        {"url": reverse(url_name, args=[obj.pk, f.pk]), "name": f.original_name, "title": f.document.title}
        for f in DocumentFile.objects.filter(case=case).select_related("document")
    ]


@admin.register(InstallerCase)
class InstallerCaseAdmin(LifeCycleAdmin):
    list_display = ["reference", "case_type", "address", "created_at", "status", "installer_name", "team", "locked"]
    list_filter = ["status", "case_type"]
    list_select_related = ["case", "installer", "team"]
    search_fields = ["case__reference", "street_address", "city", "customer_name"]
    search_help_text = _("Sök på ärende-id (OK-0003826), adress, ort eller kund.")
    fields = [
        "reference",
        "case_type",
        "status",
        "address",
        "latitude",
        "longitude",
        "installer_name",
        "team",
        "customer_name",
        "description",
        "created_at",
        "completion_reported_at",
        "closed_at",
        "cancelled_at",
        "cancel_reason",
    ]
    readonly_fields = fields

    def visible(self, request, queryset):
        return who.installer_cases_for(request.user, queryset).select_related("case", "installer", "team")

    def may_view(self, request) -> bool:
        user = request.user
        return who.handles_installer_cases(user) or user.has_perm("records.view_installercase")

    def has_add_permission(self, request):
        return who.is_installer(request.user)

    @admin.display(description=_("ärende-id"), ordering="case__serial")
    def reference(self, ic):
        return ic.case.reference

    @admin.display(description=_("adress"))
    def address(self, ic):
        return ic.address_display

    @admin.display(description=_("installatör"))
    def installer_name(self, ic):
        return ic.installer_name

    @admin.display(description=_("låst"), boolean=True)
    def locked(self, ic):
        return bool(locked_reason(ic))

    def changelist_view(self, request, extra_context=None):
        links = []
        if self.has_add_permission(request):
            links = [
                {"url": reverse("admin:records_installercase_add"), "label": _now("Skapa ärende"), "add": True},
                {"url": reverse("admin:records_installerdraft_changelist"), "label": _now("Utkast")},
            ]
        return super().changelist_view(request, {**(extra_context or {}), "list_links": links})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        ic = self.get_object(request, object_id)
        if ic is None or not self.has_view_permission(request, ic):
            return super().change_view(request, object_id, form_url, extra_context)
        extra = {
            **(extra_context or {}),
            "locked_reason": locked_reason(ic),
            "detail_actions": actions.offered(ACTIONS, request.user, ic),
            "detail_files": case_files(ic.case, "admin:records_installercase_file", ic),
            "detail_files_title": _now("Bilagor"),
            "detail_rows": [
                (
                    clock.local_time(n.created_at),
                    person(n.author),
                    _now("Nätägaren") if n.from_grid_owner else _now("Installatören"),
                    n.text,
                )
                for n in ic.notes.select_related("author")
            ],
            "detail_rows_title": _now("Anteckningar"),
            "timeline": build_timeline(ic.case, request.user),
        }
        return super().change_view(request, object_id, form_url, extra)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return draft_or_send(
            self, request, InstallerCaseForm(request.POST or None, request.FILES or None, user=request.user)
        )

    def file_view(self, request, object_id, file_id):
        ic = get_object_or_404(self.get_queryset(request), pk=object_id)
        return serve_case_file(ic.case, file_id)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/files/<int:file_id>/",
                self.admin_site.admin_view(self.file_view),
                name="records_installercase_file",
            ),
            *actions.urls(self, ACTIONS),
            *super().get_urls(),
        ]


def draft_or_send(model_admin, request, form, draft=None):
    """The case form: "Skicka" registers it (OK-…), otherwise it is kept as a draft."""
    user = request.user

    def run(data):
        case_data = InstallerCaseData(**{name: data.get(name) for name in CASE_FIELDS})
        if data.get("send"):
            if draft is not None:
                draft_saved = service.save_draft(case_data, user=user, team=data.get("team"), draft=draft)
                return service.send_draft(draft_saved, user, attachments=data.get("attachments", []))
            return service.send_installer_case(
                case_data, user=user, team=data.get("team"), attachments=data.get("attachments", [])
            )
        return service.save_draft(case_data, user=user, team=data.get("team"), draft=draft)

    def redirect_to(obj):
        if isinstance(obj, InstallerCase):
            return reverse("admin:records_installercase_change", args=[obj.pk])
        return reverse("admin:records_installerdraft_changelist")

    return actions.form_page(
        model_admin,
        request,
        form=form,
        title=_now("Skapa installationsärende"),
        run=run,
        done=_now("Sparat: %(ref)s."),
        redirect_to=redirect_to,
    )


@admin.register(InstallerDraft)
class InstallerDraftAdmin(admin.ModelAdmin):
    list_display = ["draft", "case_type", "address", "saved_at", "deleted_in"]
    list_display_links = ["draft"]
    change_list_template = "admin/records/detail_change_list.html"

    def get_queryset(self, request):
        return who.drafts_for(request.user, super().get_queryset(request))

    @admin.display(description=_("utkast"))
    def draft(self, d):
        return _now("Öppna")

    @admin.display(description=_("adress"))
    def address(self, d):
        return d.address_display

    @admin.display(description=_("raderas"))
    def deleted_in(self, d):
        n = service.days_left(d)
        return _now("i dag") if n == 0 else ngettext("om %(n)d dag", "om %(n)d dagar", n) % {"n": n}

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or DRAFT.allows("save", request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or DRAFT.allows("delete", request.user, obj))

    def delete_model(self, request, obj):
        service.delete_draft(obj, request.user)

    def delete_queryset(self, request, queryset):
        for draft in queryset:
            service.delete_draft(draft, request.user)

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:records_installercase_add"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        draft = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, draft):
            raise PermissionDenied
        initial = {name: getattr(draft, name) for name in CASE_FIELDS}
        initial["team"] = draft.team_id
        form = InstallerCaseForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
        return draft_or_send(self, request, form, draft=draft)
