"""Who may see and do what with a case, and the one place where confidential fields are masked.

Every boundary (admin list, change page, search, exports, API, history, postlista, file
downloads) asks this module; none of them decides on its own what a viewer may see.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Exists, OuterRef, Q, Value, When
from django.db.models import Case as SqlCase
from django.utils.translation import gettext_lazy as _

from records.register.models.cases import Case, CaseAccessGrant, Party
from records.register.models.documents import Document, DocumentFile

REGISTRAR_GROUP = "Registrator"
HIDDEN = _("[Sekretess]")
HIDDEN_CASE_TITLE = _("Sekretessmarkerat ärende")
HIDDEN_DOCUMENT_TITLE = _("Handling (sekretess)")

# The choice of fields a confidential case can hide: mask flag → what it covers.
MASKABLE = {
    "mask_title": _("ärendemening"),
    "mask_description": _("beskrivning"),
    "mask_parties": _("parter"),
    "mask_document_titles": _("handlingarnas rubriker, typer och filnamn"),
    "mask_counterparts": _("avsändare/mottagare"),
}


# --- Who ------------------------------------------------------------------------------------


def is_active_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def person(user) -> str:
    """A person's name as shown beside what they did; empty for the system."""
    return "" if user is None else (user.get_full_name() or user.get_username())


def is_registrar(user) -> bool:
    """Registrars (and superusers) keep the whole register and see every case in full."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_records_is_registrar"):
        user._records_is_registrar = user.groups.filter(name=REGISTRAR_GROUP).exists()
    return user._records_is_registrar


def can_view_register(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.has_perm("records.view_case")


def can_register(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.has_perm("records.add_case")


def can_view_confidential(user, case: Case) -> bool:
    """Access to a confidential case's content: registrars, the responsible officer, explicit grants."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if is_registrar(user) or (case.responsible_id is not None and case.responsible_id == user.pk):
        return True
    annotated = getattr(case, "viewer_access", None)
    if annotated is not None:
        return bool(annotated)
    return CaseAccessGrant.objects.filter(case=case, user=user).exists()


def has_full_access(user, case: Case) -> bool:
    """Whether `user` sees the case unmasked: always for an open case, by access for a confidential one."""
    return not case.is_confidential or can_view_confidential(user, case)


def annotated_full_access(case: Case) -> bool:
    """has_full_access() for a case from with_access(): list columns get no request, the row knows."""
    return not case.is_confidential or bool(case.viewer_access)


def can_work_on(user, case: Case) -> bool:
    """Change the case and add to it: registrars always, case officers on the cases they hold."""
    if user is None or not user.is_authenticated or not user.is_active or not user.has_perm("records.change_case"):
        return False
    return is_registrar(user) or (case.responsible_id is not None and case.responsible_id == user.pk)


def can_add_documents(user, case: Case) -> bool:
    return (
        can_work_on(user, case) and user.has_perm("records.add_document") and user.has_perm("records.add_documentfile")
    )


def can_manage(user, case: Case | None = None) -> bool:
    """Registry acts: reclassify, cancel, grant access."""
    return is_registrar(user) and user.has_perm("records.change_case")


def case_officers():
    """Users who may be made responsible for a case: active and allowed to work on cases."""
    may_handle = Q(groups__permissions__codename="change_case", groups__permissions__content_type__app_label="records")
    may_handle |= Q(user_permissions__codename="change_case", user_permissions__content_type__app_label="records")
    candidates = get_user_model().objects.filter(may_handle | Q(is_superuser=True), is_active=True)
    return (
        get_user_model().objects.filter(pk__in=candidates.values("pk")).order_by("first_name", "last_name", "username")
    )


def can_download(user, file: DocumentFile) -> bool:
    case = file.case
    return can_view_register(user) and not files_hidden(case, has_full_access(user, case))


# --- Querysets ------------------------------------------------------------------------------


def access_condition(user) -> Q | None:
    """A filter on cases matching those `user` sees in full; None means all of them."""
    if is_registrar(user):
        return None
    open_cases = Q(legal_ground="")
    if user is None or not user.is_authenticated or not user.is_active:
        return open_cases
    granted = Exists(CaseAccessGrant.objects.filter(case=OuterRef("pk"), user_id=user.pk))
    return open_cases | Q(responsible_id=user.pk) | Q(granted)


def with_access(queryset, user):
    """Annotate `viewer_access` on each case in one query, so masking costs nothing per row."""
    condition = access_condition(user)
    if condition is None:
        return queryset.annotate(viewer_access=Value(True, output_field=BooleanField()))
    return queryset.annotate(
        viewer_access=SqlCase(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def search_condition(term: str, user) -> Q:
    """Match cases by number or title without letting a hidden title answer the search."""
    term = term.strip()
    condition = Q(reference__icontains=term) | Q(public_title__icontains=term)
    title_visible = access_condition(user)
    title_match = Q(title__icontains=term)
    if title_visible is not None:
        title_match &= title_visible | Q(mask_title=False)
    return condition | title_match


# --- What -----------------------------------------------------------------------------------


def hidden_case_fields(case: Case, full_access: bool) -> set[str]:
    """Names of Case fields a viewer must not see (also used to mask history diffs)."""
    if full_access or not case.is_confidential:
        return set()
    hidden = {"responsible", "registered_by"}
    if case.mask_title:
        hidden.add("title")
    if case.mask_description:
        hidden.add("description")
    return hidden


def hidden_document_fields(case: Case, full_access: bool) -> set[str]:
    if full_access or not case.is_confidential:
        return set()
    hidden = {"registered_by"}
    if case.mask_document_titles:
        hidden |= {"title", "document_type", "document_type_text"}
    if case.mask_counterparts:
        hidden.add("counterpart")
    return hidden


def parties_hidden(case: Case, full_access: bool) -> bool:
    return case.is_confidential and not full_access and case.mask_parties


def files_hidden(case: Case, full_access: bool) -> bool:
    """A confidential case's files are only for those with access: their content cannot be masked."""
    return case.is_confidential and not full_access


@dataclass
class FileView:
    id: int
    name: str
    size: int
    content_type: str
    sha256: str


@dataclass
class DocumentView:
    id: int
    number: int
    reference: str
    direction: str
    direction_label: str
    document_date: object
    registered_on: object
    title: str
    type_name: str
    counterpart: str
    files: list[FileView] = field(default_factory=list)
    files_hidden: bool = False


@dataclass
class CaseView:
    """A case as one viewer may see it; every boundary renders this, never the model's fields."""

    id: int
    reference: str
    record_type: str
    process_code: str
    process_title: str
    status: str
    status_label: str
    opened_on: object
    closed_on: object
    year: int
    is_confidential: bool
    legal_ground: str
    public_title: str
    full_access: bool
    title: str
    description: str
    responsible: object  # a user or None
    parties: list | None  # None when hidden
    masked_fields: list[str] = field(default_factory=list)
    documents: list[DocumentView] | None = None  # only when asked for


def visible_title(case: Case, full_access: bool) -> str:
    if "title" in hidden_case_fields(case, full_access):
        return case.public_title or str(HIDDEN_CASE_TITLE)
    return case.title


def present_document(document: Document, case: Case, full_access: bool, with_files: bool = True) -> DocumentView:
    hidden = hidden_document_fields(case, full_access)
    no_files = files_hidden(case, full_access)
    files = []
    if with_files and not no_files:
        files = [FileView(f.pk, f.original_name, f.size, f.content_type, f.sha256) for f in document.files.all()]
    return DocumentView(
        id=document.pk,
        number=document.number,
        reference=f"{case.reference}-{document.number}",
        direction=document.direction,
        direction_label=str(document.get_direction_display()),
        document_date=document.document_date,
        registered_on=document.registered_on,
        title=str(HIDDEN_DOCUMENT_TITLE) if "title" in hidden else document.title,
        type_name=str(HIDDEN) if "document_type" in hidden else document.type_name,
        counterpart=str(HIDDEN) if "counterpart" in hidden and document.counterpart else document.counterpart,
        files=files,
        files_hidden=no_files,
    )


def masked(case: Case, user, *, with_parties: bool = True, with_documents: bool = False) -> CaseView:
    """The case as `user` may see it (None for the public)."""
    full = has_full_access(user, case)
    hidden = hidden_case_fields(case, full)
    parties: list[Party] | None = None
    if with_parties and not parties_hidden(case, full):
        parties = list(case.parties.all())
    documents = None
    if with_documents:
        documents = [present_document(d, case, full) for d in case.documents.all()]
    return CaseView(
        id=case.pk,
        reference=case.reference,
        record_type=case.record_type,
        process_code=case.process.code,
        process_title=case.process.title,
        status=case.status,
        status_label=str(case.get_status_display()),
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        year=case.year,
        is_confidential=case.is_confidential,
        legal_ground=case.legal_ground,
        public_title=case.public_title,
        full_access=full,
        title=visible_title(case, full),
        description="" if "description" in hidden else case.description,
        responsible=None if "responsible" in hidden else case.responsible,
        parties=parties,
        masked_fields=[name.removeprefix("mask_") for name in MASKABLE if getattr(case, name)]
        if case.is_confidential
        else [],
        documents=documents,
    )
