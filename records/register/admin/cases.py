"""The case admin: "Registrera ärende", the case list and page; every change goes through records.register.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from common.errors import DomainError
from records.register import access, services
from records.register.admin import workflow
from records.register.admin.exports import CaseExportResource
from records.register.admin.filters import ProcessSubtreeFilter, ResponsibleFilter, YearFilter
from records.register.admin.forms import CONFIDENTIALITY_FIELDS, CaseChangeForm, CaseRegistrationForm
from records.register.admin.inlines import AccessGrantInline, DocumentInline, PartyInline
from records.register.lifecycle import CASE
from records.register.models.cases import Case, CaseAccessGrant, Party
from records.register.models.documents import Document
from records.register.selectors import cases_for_list
from records.register.timeline import build_timeline

CASE_FIELDS = ["title", "description", "responsible"]


@admin.register(Case)
class CaseAdmin(ExportMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "visible_title",
        "process_code",
        "status",
        "opened_on",
        "closed_on",
        "responsible_name",
        "confidential_mark",
    ]
    list_display_links = ["reference", "visible_title"]
    list_filter = [ProcessSubtreeFilter, "status", YearFilter, ResponsibleFilter]
    list_select_related = ["process", "responsible"]
    search_fields = ["reference"]  # shows the search box; the matching is access-aware (get_search_results)
    search_help_text = _("Sök på diarienummer eller ärendemening.")
    list_per_page = 50
    show_full_result_count = False  # one COUNT less per page on a big register
    show_facets = admin.ShowFacets.NEVER  # per-choice counts would cost a subquery per node
    inlines = [PartyInline, DocumentInline, AccessGrantInline]
    resource_classes = [CaseExportResource]
    change_form_template = "admin/records/case/change_form.html"
    change_list_template = "admin/records/case/change_list.html"  # import-export's buttons extend it

    # --- Queryset, list and search -------------------------------------------------------------

    def get_queryset(self, request):
        return access.with_access(cases_for_list(super().get_queryset(request)), request.user)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(access.search_condition(search_term, request.user)), False

    @admin.display(description=_("ärendemening"))  # not sortable: the order of hidden titles would leak
    def visible_title(self, case):
        return access.visible_title(case, access.annotated_full_access(case))

    @admin.display(description=_("process"), ordering="process__sort_key")
    def process_code(self, case):
        return case.process.code

    @admin.display(description=_("handläggare"))
    def responsible_name(self, case):
        if "responsible" in access.hidden_case_fields(case, access.annotated_full_access(case)):
            return access.HIDDEN
        user = case.responsible
        return "–" if user is None else (user.get_full_name() or user.get_username())

    @admin.display(description=_("sekretess"))
    def confidential_mark(self, case):
        return (
            format_html('<span title="{}">🔒 {}</span>', case.legal_ground, case.legal_ground)
            if case.is_confidential
            else ""
        )

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "user": request.user}

    # --- Permissions ----------------------------------------------------------------------------

    def has_add_permission(self, request):
        return access.can_register(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return access.can_work_on(request.user, obj) and access.has_full_access(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the register keeps every case; cancel (makulera) instead

    # --- Forms ----------------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = CaseChangeForm if obj is not None else CaseRegistrationForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        main = ["process_code"] if obj is None else ["reference", "process_display", "status", "opened_on", "closed_on"]
        return [
            (None, {"fields": main + CASE_FIELDS}),
            (
                _("Sekretess"),
                {"fields": CONFIDENTIALITY_FIELDS, "classes": ["collapse"] if obj and not obj.is_confidential else []},
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = ["reference", "process_display", "status", "opened_on", "closed_on"]
        if not CASE.allows("edit", request.user, obj):
            readonly += CASE_FIELDS
        if not CASE.allows("set_confidentiality", request.user, obj):
            readonly += CONFIDENTIALITY_FIELDS
        return readonly

    @admin.display(description=_("process"))
    def process_display(self, case):
        return f"{case.process.code} {case.process.title}"

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        node = getattr(request, "_records_process", None)
        if node is not None:
            initial["process_code"] = node.code
        return initial

    # --- Pages ----------------------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        """Step 1: pick the process (by code or words); step 2: the registration form for it."""
        code = request.POST.get("process_code") if request.method == "POST" else request.GET.get("process")
        if not code:
            return workflow.choose_process(self, request)
        try:
            request._records_process = services.resolve_process(code)
        except DomainError as error:
            if request.method == "POST":
                request._records_process = None
            else:
                return workflow.choose_process(self, request, error=error)
        extra = {
            **(extra_context or {}),
            "records_process": request._records_process,
            "title": gettext_now("Registrera ärende"),
        }
        return super().add_view(request, form_url, extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        if case is None or not self.has_view_or_change_permission(request, case):
            return super().change_view(request, object_id, form_url, extra_context)
        if not access.has_full_access(request.user, case):
            return workflow.masked_case_page(self, request, case)
        extra = {
            **(extra_context or {}),
            "timeline": build_timeline(case, request.user),
            "case_actions": workflow.available_actions(request.user, case),
        }
        return super().change_view(request, object_id, form_url, extra)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            # A check the form could not make ahead (e.g. a concurrent change): nothing was saved.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_view(self, request, object_id, extra_context=None):
        """The case's timeline, read-only: history is never edited, reverted or deleted here."""
        case = self.get_object(request, object_id)
        if case is None or not self.has_view_or_change_permission(request, case):
            raise PermissionDenied
        view = access.masked(case, request.user, with_parties=False)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "case": view,
            "original": case,
            "timeline": build_timeline(case, request.user),
            "title": gettext_now("Historik för %(ref)s") % {"ref": case.reference},
        }
        return TemplateResponse(request, "admin/records/case/history.html", context)

    def get_urls(self):
        return workflow.urls(self) + super().get_urls()

    # --- Saving through the services ------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            case = services.register_case(
                process=data["process_node"],
                title=data["title"],
                description=data.get("description", ""),
                responsible=data.get("responsible"),
                confidentiality=services.Confidentiality(**{n: data[n] for n in CONFIDENTIALITY_FIELDS if n in data}),
                user=request.user,
            )
            # The inlines were bound to `obj`: make it the registered case.
            for model_field in Case._meta.concrete_fields:
                setattr(obj, model_field.attname, getattr(case, model_field.attname))
            obj._state.adding, obj._state.db = False, case._state.db
            return
        changes = {name: data[name] for name in form.changed_data if name in (*CASE_FIELDS, *CONFIDENTIALITY_FIELDS)}
        if changes:
            services.update_case(obj, user=request.user, **changes)

    def save_formset(self, request, form, formset, change):
        if formset.model is CaseAccessGrant:
            formset.new_objects, formset.changed_objects = [], []
            formset.deleted_objects = workflow.revoke_grants(request, formset)
            return None
        if formset.model not in (Party, Document):
            return super().save_formset(request, form, formset, change)  # other apps' inlines
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if formset.model is Party:
            workflow.save_parties(request, formset)
        else:
            workflow.save_documents(request, formset)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request, gettext_now("Ärendet registrerades som %(ref)s.") % {"ref": obj.reference}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:records_case_change", args=[obj.pk]))
