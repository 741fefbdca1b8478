"""Work orders in the admin: the contractor's portal and the orderer's back office in one.

Contractors (external staff users) see only their own organisation's orders, completed ones for
30 days; every action is a confirmation page calling records.work_orders.services.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from common import clock
from common.errors import DomainError
from records.register.access import person
from records.register.admin import actions
from records.register.admin.detail import LifeCycleAdmin
from records.register.admin.fields import ReasonRequiredForm, TextForm
from records.register.models.documents import DocumentFile
from records.register.services.parties import clean_organisation_number
from records.register.timeline import build_timeline
from records.work_orders import access as who
from records.work_orders import overview as work_overview
from records.work_orders import services as service
from records.work_orders.export import filtered, xlsx_response
from records.work_orders.forms import (
    AnswerForm,
    CompleteForm,
    PicturesForm,
    WorkOrderCreateForm,
)
from records.work_orders.lifecycle import WORK_ORDER, can_see_pictures
from records.work_orders.models import Contractor, WorkOrder, WorkOrderStatus, WorkOrderType
from records.work_orders.pdf import render_pdf

S = WorkOrderStatus
WORKABLE = (S.ORDERED, S.ACCEPTED)


ACTIONS = [
    actions.Action(
        "accept",
        lambda o, u, d: service.accept_work_order(o, u),
        _("Arbetsorder %(ref)s är accepterad."),
        lifecycle=WORK_ORDER,
        warning=_("Acceptera arbetsordern innan du påbörjar arbetet. Bilder visas när den är accepterad."),
    ),
    actions.Action(
        "note",
        lambda o, u, d: service.add_note(o, d["text"], u),
        _("Noteringen är sparad i %(ref)s."),
        lifecycle=WORK_ORDER,
        form=TextForm,
    ),
    actions.Action(
        "question",
        lambda o, u, d: service.add_note(o, d["text"], u, question=True),
        _("Frågan är skickad till beställaren; svaret visas bland noteringarna i %(ref)s."),
        lifecycle=WORK_ORDER,
        form=TextForm,
    ),
    actions.Action(
        "answer",
        lambda o, u, d: service.answer_question(d["question"], d["text"], u),
        _("Svaret är sparat i %(ref)s."),
        lifecycle=WORK_ORDER,
        form=AnswerForm,
        form_kwargs=lambda o, u: {"order": o},
    ),
    actions.Action(
        "pictures",
        lambda o, u, d: service.add_pictures(o, d["pictures"], u),
        _("Bilderna är bifogade till %(ref)s."),
        lifecycle=WORK_ORDER,
        form=PicturesForm,
    ),
    actions.Action(
        "complete",
        lambda o, u, d: service.complete_work_order(
            o,
            u,
            action_performed=d.get("action_performed", ""),
            unit_model=d.get("unit_model", ""),
            unit_serial=d.get("unit_serial", ""),
        ),
        _("Arbetsorder %(ref)s är utförd; hyresgästen får ett SMS."),
        lifecycle=WORK_ORDER,
        form=CompleteForm,
        form_kwargs=lambda o, u: {"is_unit": o.is_unit},
        warning=_(
            "När du klickar på Utförd skickas ett SMS till hyresgästen om att arbetet är klart. Klicka inte "
            "på Utförd om arbetet inte är klart; vid bomkörning eller avbokning kontaktar du beställaren, "
            "som makulerar arbetsordern."
        ),
    ),
    actions.Action(
        "invoice",
        lambda o, u, d: service.mark_invoiced(o, u),
        _("Arbetsorder %(ref)s är markerad som fakturerad."),
        lifecycle=WORK_ORDER,
    ),
    actions.Action(
        "cancel",
        lambda o, u, d: service.cancel_work_order(o, u, d.get("reason", "")),
        _("Arbetsorder %(ref)s är makulerad."),
        lifecycle=WORK_ORDER,
        form=ReasonRequiredForm,
    ),
]


class ContractorListFilter(admin.RelatedFieldListFilter):
    """Only the orderer chooses between contractors (a contractor must not see the others' names)."""


@admin.register(WorkOrder)
class WorkOrderAdmin(LifeCycleAdmin):
    list_display = [
        "reference",
        "order_type",
        "status",
        "object_display",
        "short_subject",
        "priority",
        "batch_display",
        "contractor",
        "ordered_at",
        "completed_at",
    ]
    list_filter = ["status", "order_type"]
    list_select_related = ["case", "contractor"]
    search_fields = ["case__reference", "property_name", "apartment", "address"]
    search_help_text = _("Sök på arbetsordernummer (AO1234), fastighet, lägenhet eller adress.")
    list_per_page = 50
    show_full_result_count = False
    fields = [
        "reference",
        "order_type",
        "status",
        "object_display",
        "orderer_display",
        "tenant_name",
        "phone_display",
        "subject",
        "priority",
        "batch_display",
        "contractor",
        "is_unit",
        "unit_description",
        "unit_model",
        "unit_serial",
        "action_performed",
        "ordered_at",
        "accepted_at",
        "completed_at",
        "invoiced_at",
        "cancelled_at",
        "cancel_reason",
    ]
    readonly_fields = fields

    def visible(self, request, queryset):
        return who.work_orders_for(request.user, queryset).select_related("case", "contractor", "ordered_by")

    def get_list_filter(self, request):
        if who.manages_work_orders(request.user):
            return [*self.list_filter, ("contractor", ContractorListFilter)]
        return self.list_filter

    def get_sortable_by(self, request):
        return ["reference", "order_type", "status", "ordered_at", "completed_at"]

    # --- Permissions: views by scope; every change through an action -----------------------------

    def may_view(self, request) -> bool:
        user = request.user
        return who.manages_work_orders(user) or (
            user.has_perm("records.view_workorder") and bool(who.contractor_ids(user))
        )

    def has_add_permission(self, request):
        return who.manages_work_orders(request.user)

    # --- Columns --------------------------------------------------------------------------------

    @admin.display(description=_("arbetsorder"), ordering="case__serial")
    def reference(self, order):
        return order.case.reference

    @admin.display(description=_("objekt"))
    def object_display(self, order):
        return order.object_display

    @admin.display(description=_("beställare"))
    def orderer_display(self, order):
        return order.orderer_display

    @admin.display(description=_("telefonnummer att använda"))
    def phone_display(self, order):
        return f"* {order.tenant_phone}" if order.tenant_phone else "–"

    @admin.display(description=_("avser"))
    def short_subject(self, order):
        return order.subject if len(order.subject) < 80 else order.subject[:77] + "…"

    @admin.display(description=_("bunt"))
    def batch_display(self, order):
        return order.batch_id or "–"

    # --- Pages ----------------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        links = [
            {"url": reverse("admin:records_workorder_overview"), "label": _now("Översikt")},
            {
                "url": reverse("admin:records_workorder_export") + "?" + urlencode(self._list_params(request)),
                "label": _now("Ladda ner (Excel)"),
            },
        ]
        if self.has_add_permission(request):
            links.append({"url": reverse("admin:records_workorder_add"), "label": _now("Ny arbetsorder"), "add": True})
        return super().changelist_view(request, {**(extra_context or {}), "list_links": links})

    @staticmethod
    def _list_params(request) -> dict:
        return {
            name: request.GET[key]
            for name, key in (("status", "status__exact"), ("order_type", "order_type__exact"))
            if request.GET.get(key)
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        order = self.get_object(request, object_id)
        if order is None or not self.has_view_permission(request, order):
            return super().change_view(request, object_id, form_url, extra_context)
        files = [
            {
                "url": reverse("admin:records_workorder_file", args=[order.pk, f.pk]),
                "name": f.original_name,
                "title": f.document.title,
            }
            for f in DocumentFile.objects.filter(case=order.case).select_related("document")
        ]
        extra = {
            **(extra_context or {}),
            "detail_actions": actions.offered(ACTIONS, request.user, order),
            "detail_links": [
                {
                    "url": reverse("admin:records_workorder_pdf", args=[order.pk]),
                    "label": _now("Skriv ut (PDF)"),
                    "new_tab": True,
                }
            ],
            "detail_files": files,
            "detail_files_title": _now("Bilder"),
            "detail_files_hidden": ""
            if can_see_pictures(request.user, order) or not files
            else _now("Bilderna visas när du har accepterat arbetsordern."),
            "detail_rows": [
                (clock.local_time(n.created_at), person(n.author), n.get_kind_display(), n.text)
                for n in order.notes.select_related("author")
            ],
            "detail_rows_title": _now("Noteringar"),
            "timeline": build_timeline(order.case, request.user),
        }
        return super().change_view(request, object_id, form_url, extra)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = WorkOrderCreateForm(request.POST or None, request.FILES or None)

        def run(data):
            values = {
                k: data.get(k)
                for k in (
                    "order_type",
                    "contractor",
                    "property_name",
                    "apartment",
                    "address",
                    "subject",
                    "tenant_name",
                    "tenant_phone",
                    "priority",
                    "ordered_via_web",
                    "is_unit",
                    "unit_description",
                    "batch_with",
                )
            }
            return service.create_work_order(
                service.WorkOrderData(**values), user=request.user, pictures=data["pictures"]
            )

        return actions.form_page(
            self,
            request,
            form=form,
            title=_now("Ny arbetsorder"),
            run=run,
            done=_now("Arbetsorder %(ref)s är skickad till entreprenören."),
            redirect_to=lambda o: reverse("admin:records_workorder_change", args=[o.pk]),
        )

    def overview_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        base = reverse("admin:records_workorder_changelist")

        def link(status, order_type):
            params = {k: v for k, v in (("status__exact", status), ("order_type__exact", order_type)) if v}
            return base + ("?" + urlencode(params) if params else "")

        rows, totals = work_overview.table(self.get_queryset(request), link)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _now("Arbetsorder – översikt"),
            "rows": rows,
            "totals": totals,
            "type_labels": [t.label for t in WorkOrderType],
            "type_choices": WorkOrderType.choices,
            "status_choices": WorkOrderStatus.choices,
            "contractor_view": not who.manages_work_orders(request.user),
            "days": who.CONTRACTOR_LIST_DAYS,
        }
        return TemplateResponse(request, "admin/records/work_order_overview.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = filtered(
                self.get_queryset(request), request.GET.get("order_type", ""), request.GET.get("status", "")
            )
        except DomainError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        return xlsx_response(queryset)

    def pdf_view(self, request, object_id):
        order = get_object_or_404(self.get_queryset(request), pk=object_id)
        response = HttpResponse(render_pdf(order, request.user), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{order.reference}.pdf"'
        return response

    def file_view(self, request, object_id, file_id):
        order = get_object_or_404(self.get_queryset(request), pk=object_id)
        stored = get_object_or_404(DocumentFile, pk=file_id, case_id=order.case_id)
        if not can_see_pictures(request.user, order):
            raise Http404
        response = FileResponse(stored.file.open("rb"), filename=stored.original_name, content_type=stored.content_type)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("overview/", view(self.overview_view), name="records_workorder_overview"),
            path("export/", view(self.export_view), name="records_workorder_export"),
            path("<int:object_id>/pdf/", view(self.pdf_view), name="records_workorder_pdf"),
            path("<int:object_id>/files/<int:file_id>/", view(self.file_view), name="records_workorder_file"),
            *actions.urls(self, ACTIONS),
            *super().get_urls(),
        ]


@admin.register(Contractor)
class ContractorAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number", "email", "is_active"]
    search_fields = ["name", "organisation_number"]
    filter_horizontal = ["users"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class CheckedForm(form):
            def clean_organisation_number(self):
                try:
                    return clean_organisation_number(self.cleaned_data.get("organisation_number"))
                except DomainError as error:
                    raise forms.ValidationError(error.field_messages()["organisation_number"]) from None

        return CheckedForm
