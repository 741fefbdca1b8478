"""Disposal lists in the admin: drawing, review, approval and execution pages, all through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.errors import DomainError

from .. import services
from ..disposal_lifecycle import DISPOSAL_LIST
from ..forms import DrawListForm, ExecuteForm
from ..models import DisposalList, ItemState, ListStatus
from ..services.certificate import certificate_pdf

# The steps with a page of their own: name -> the service (list, user, form data). Which of them a
# person is offered, and their labels, come from the life-cycle table.
STEPS = {
    "submit": lambda dl, u, d: services.submit_for_review(dl, user=u),
    "approve": lambda dl, u, d: services.approve_list(dl, user=u),
    "execute": lambda dl, u, d: services.execute_list(dl, user=u, confirmation=d.get("confirmation", "")),
    "resume": lambda dl, u, d: services.resume_list(dl, user=u),
    "cancel": lambda dl, u, d: services.cancel_list(dl, user=u),
}
DONE = {
    "submit": _("Listan är skickad till granskning."),
    "approve": _("Listan är godkänd och kan verkställas."),
    "execute": _("Gallringen är startad. Listan är klar när alla poster är hanterade."),
    "resume": _("Verkställigheten är återupptagen."),
    "cancel": _("Listan är avbruten."),
}


@admin.register(DisposalList)
class DisposalListAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "status",
        "as_of",
        "process",
        "pending",
        "disposed",
        "excluded",
        "created_by",
        "approved_by",
    ]
    list_filter = ["status"]
    search_fields = ["name"]
    readonly_fields = [
        "name",
        "status",
        "as_of",
        "process",
        "note",
        "created_by",
        "created_at",
        "submitted_at",
        "approved_by",
        "approved_at",
        "executed_by",
        "execution_started_at",
        "executed_at",
        "certificate",
    ]
    fields = readonly_fields
    change_form_template = "admin/retention/disposallist/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("process", "created_by", "approved_by")
            .annotate(
                n_pending=Count("items", filter=Q(items__state=ItemState.PENDING)),
                n_disposed=Count("items", filter=Q(items__state=ItemState.DISPOSED)),
                n_excluded=Count("items", filter=Q(items__state=ItemState.EXCLUDED)),
            )
        )

    @admin.display(description=_("väntar"))
    def pending(self, obj):
        return obj.n_pending

    @admin.display(description=_("gallrade"))
    def disposed(self, obj):
        return obj.n_disposed

    @admin.display(description=_("undantagna"))
    def excluded(self, obj):
        return obj.n_excluded

    @admin.display(description=_("gallringsprotokoll"))
    def certificate(self, obj):
        if obj.status != ListStatus.EXECUTED:
            return "–"
        pdf_link = reverse("admin:retention_disposallist_certificate", args=[obj.pk])
        if obj.certificate_case_id:
            case_link = reverse("admin:records_case_change", args=[obj.certificate_case_id])
            return format_html(
                '<a href="{}">{}</a> (<a href="{}">PDF</a>)', case_link, obj.certificate_reference, pdf_link
            )
        return format_html('<a href="{}">PDF</a>', pdf_link)

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # lists are cancelled, never deleted: the disposal log points at them

    # --- Pages ----------------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        own = [
            path(f"<int:pk>/{name}/", wrap(self._step_view(name)), name=f"retention_disposallist_{name}")
            for name in STEPS
        ]
        own.append(
            path(
                "<int:pk>/gallringsprotokoll.pdf",
                wrap(self.certificate_view),
                name="retention_disposallist_certificate",
            )
        )
        return own + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        """Draw a list from the report: name, date and (optionally) a process."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DrawListForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                disposal_list = services.draw_disposal_list(
                    name=data["name"],
                    as_of=data["as_of"],
                    process=data["process"] or None,
                    note=data["note"],
                    user=request.user,
                )
            except DomainError as error:
                for field, errors in error.field_messages().items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                self.message_user(
                    request,
                    _now("Gallringslistan ”%(name)s” är upprättad.") % {"name": disposal_list.name},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:retention_disposallist_change", args=[disposal_list.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _now("Upprätta gallringslista"),
        }
        return TemplateResponse(request, "admin/retention/disposallist/draw.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        disposal_list = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if disposal_list is not None:
            extra["steps"] = [
                {
                    "name": step.name,
                    "label": step.label,
                    "url": reverse(f"admin:retention_disposallist_{step.name}", args=[disposal_list.pk]),
                }
                for step in DISPOSAL_LIST.available_actions(request.user, disposal_list)
                if step.name in STEPS
            ]
            extra["items_url"] = (
                reverse("admin:retention_disposalitem_changelist")
                + "?"
                + urlencode({"disposal_list__id__exact": disposal_list.pk})
            )
            extra["counts"] = disposal_list.items.values("state").annotate(n=Count("pk")).order_by("state")
            extra["first_items"] = disposal_list.items.select_related("process").order_by("due_date", "case_key")[:50]
        return super().change_view(request, object_id, form_url, extra)

    def _step_view(self, name):
        service, label = STEPS[name], DISPOSAL_LIST[name].label

        def view(request, pk):
            disposal_list = get_object_or_404(DisposalList, pk=pk)
            # Only a step the table offers now; a person who may never take it gets a 403 (PermissionDenied).
            try:
                DISPOSAL_LIST.check(name, request.user, disposal_list)
            except DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:retention_disposallist_change", args=[pk]))
            form = ExecuteForm(request.POST or None) if name == "execute" else None
            if request.method == "POST" and (form is None or form.is_valid()):
                try:
                    service(disposal_list, request.user, form.cleaned_data if form else {})
                except DomainError as error:
                    if form is not None and "confirmation" in error.field_messages():
                        form.add_error("confirmation", error.field_messages()["confirmation"][0])
                    else:
                        self.message_user(request, str(error), messages.ERROR)
                        return HttpResponseRedirect(reverse("admin:retention_disposallist_change", args=[pk]))
                else:
                    self.message_user(request, str(DONE[name]), messages.SUCCESS)
                    return HttpResponseRedirect(reverse("admin:retention_disposallist_change", args=[pk]))
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": disposal_list,
                "title": f"{label}: {disposal_list.name}",
                "step": name,
                "step_label": label,
                "form": form,
                "pending": disposal_list.items.filter(state=ItemState.PENDING).count(),
            }
            return TemplateResponse(request, "admin/retention/disposallist/step.html", context)

        return view

    def certificate_view(self, request, pk):
        if not request.user.has_perm("retention.view_disposallist"):
            raise PermissionDenied
        disposal_list = get_object_or_404(DisposalList, pk=pk, status=ListStatus.EXECUTED)
        response = HttpResponse(certificate_pdf(disposal_list), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="gallringsprotokoll-{disposal_list.pk}.pdf"'
        return response
