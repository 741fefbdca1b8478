"""The case admin's extra pages: choosing the process, the masked case page, confirmations, inline saving."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from classification.filing import where_to_file
from classification.models import Node
from common.errors import DomainError
from records.register import access, services
from records.register.admin.forms import (
    CloseForm,
    GrantAccessForm,
    ProcessSearchForm,
    ReasonForm,
    ReclassifyForm,
    RequiredReasonForm,
    add_service_errors,
)
from records.register.lifecycle import CASE
from records.register.models.cases import Case, RecordType
from records.register.services.parties import PartyData
from records.register.timeline import build_timeline


def choose_process(model_admin, request, error: DomainError | None = None):
    """Step 1 of registration: a code, or words answered by where_to_file's suggestions."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ProcessSearchForm(request.GET or None)
    suggestions = []
    words = request.GET.get("q", "").strip()
    if words:
        suggestions = where_to_file(words, limit=10)
    if error is not None:
        form.is_valid()
        add_service_errors(form, error, {"process": "process"})
    processes = Node.objects.active().processes().order_by("tree_id", "lft").only("code", "title")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Registrera ärende – välj process"),
        "form": form,
        "words": words,
        "suggestions": suggestions,
        "processes": processes,
    }
    return TemplateResponse(request, "admin/records/case/choose_process.html", context)


def masked_case_page(model_admin, request, case: Case):
    """What someone without access sees of a confidential case: number, process, dates, public title."""
    view = access.masked(case, request.user, with_documents=True)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": case.reference,
        "case": view,
        "original": case,
        "timeline": build_timeline(case, request.user),
    }
    return TemplateResponse(request, "admin/records/case/masked.html", context)


# --- Confirmations for close, reopen, cancel, reclassify and grant access -------------------------

ACTIONS = {
    # name: (form, the action in the case's life-cycle table, service(case, user, cleaned_data))
    "close": (
        CloseForm,
        "close",
        lambda c, u, d: services.close_case(c, u, d.get("closed_on")),
    ),
    "reopen": (
        ReasonForm,
        "reopen",
        lambda c, u, d: services.reopen_case(c, u, d.get("reason", "")),
    ),
    "reclassify": (
        ReclassifyForm,
        "reclassify",
        lambda c, u, d: services.reclassify_case(c, d["process"], d["reason"], u),
    ),
    "grant": (
        GrantAccessForm,
        "grant_access",
        lambda c, u, d: services.grant_access(c, d["user"], d["reason"], u),
    ),
    "cancel": (
        RequiredReasonForm,
        "cancel",
        lambda c, u, d: services.cancel_case(c, u, d["reason"]),
    ),
}
LABELS = {
    "close": gettext_lazy("Avsluta ärendet"),
    "reopen": gettext_lazy("Återöppna ärendet"),
    "reclassify": gettext_lazy("Omklassificera"),
    "grant": gettext_lazy("Ge åtkomst"),
    "cancel": gettext_lazy("Makulera ärendet"),
}
DONE = {
    "close": gettext_lazy("Ärendet %(ref)s är avslutat."),
    "reopen": gettext_lazy("Ärendet %(ref)s är återöppnat."),
    "reclassify": gettext_lazy("Ärendet %(ref)s är omklassificerat; det behåller sitt diarienummer."),
    "grant": gettext_lazy("Åtkomst till %(ref)s är given."),
    "cancel": gettext_lazy("Ärendet %(ref)s är makulerat; det finns kvar i diariet."),
}


# Record types with their own life cycle are closed and cancelled on their own page.
DETAIL_PAGES = {
    RecordType.WORK_ORDER: ("work_order", "admin:records_workorder_change", gettext_lazy("Öppna arbetsordern")),
    RecordType.INSTALLER_CASE: (
        "installer_case",
        "admin:records_installercase_change",
        gettext_lazy("Öppna installationsärendet"),
    ),
    RecordType.TEAM_DECISION: (
        "team_decision",
        "admin:records_teamdecision_change",
        gettext_lazy("Öppna teambeslutet"),
    ),
}


def available_actions(user, case: Case) -> list[dict]:
    offered = [
        {"name": name, "label": LABELS[name], "url": reverse(f"admin:records_case_{name}", args=[case.pk])}
        for name, (_form, action, _service) in ACTIONS.items()
        if CASE.allows(action, user, case)
    ]
    if case.record_type in DETAIL_PAGES:
        related, url_name, label = DETAIL_PAGES[case.record_type]
        detail = getattr(case, related, None)
        if detail is not None:
            offered.append({"name": "detail", "label": label, "url": reverse(url_name, args=[detail.pk])})
    return offered


def confirm_action(model_admin, request, object_id, name: str):
    form_class, action, service = ACTIONS[name]
    case = get_object_or_404(Case.objects.select_related("process"), pk=object_id)
    if not CASE.allows(action, request.user, case):
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(case, request.user, form.cleaned_data)
        except DomainError as error:
            add_service_errors(form, error, {"user": "user"})
        else:
            model_admin.message_user(request, str(DONE[name]) % {"ref": case.reference}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:records_case_change", args=[case.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"{LABELS[name]}: {case.reference}",
        "case": access.masked(case, request.user, with_parties=False),
        "original": case,
        "form": form,
        "action": name,
        "action_label": LABELS[name],
    }
    return TemplateResponse(request, "admin/records/case/confirm.html", context)


def urls(model_admin):
    def view_for(name):
        def view(request, object_id):
            return confirm_action(model_admin, request, object_id, name)

        return model_admin.admin_site.admin_view(view)

    return [path(f"<int:object_id>/{name}/", view_for(name), name=f"records_case_{name}") for name in ACTIONS]


# --- Inline saving --------------------------------------------------------------------------------


def save_parties(request, formset) -> None:
    case = formset.instance
    for form in formset.deleted_forms:
        if form.instance.pk:
            services.remove_party(form.instance, request.user)
            formset.deleted_objects.append(form.instance)
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        data = PartyData(
            form.cleaned_data["name"], form.cleaned_data.get("identity_number", ""), form.cleaned_data.get("role", "")
        )
        if form.instance.pk:
            party = services.update_party(form.instance, data, request.user)
            formset.changed_objects.append((party, form.changed_data))
        else:
            formset.new_objects.append(services.add_party(case, data, request.user))


def save_documents(request, formset) -> None:
    case = formset.instance
    fields = ["direction", "document_date", "document_type", "document_type_text", "title", "counterpart"]
    for form in formset.forms:
        if not form.has_changed():
            continue
        data = form.cleaned_data
        upload = data.get("upload")
        if form.instance.pk:
            changes = {name: data.get(name) for name in form.changed_data if name in fields}
            document = form.instance
            if changes:
                document = services.update_document(document, user=request.user, **changes)
                formset.changed_objects.append((document, list(changes)))
            if upload is not None:
                services.attach_file(document, upload, request.user)
        else:
            document = services.add_document(
                case, user=request.user, files=[upload] if upload else [], **{name: data.get(name) for name in fields}
            )
            formset.new_objects.append(document)


def revoke_grants(request, formset) -> list:
    revoked = []
    for form in formset.deleted_forms:
        if form.instance.pk:
            services.revoke_access(form.instance, request.user)
            revoked.append(form.instance)
    return revoked
