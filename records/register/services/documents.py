"""Services for documents in a case and the files attached to them."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from classification.models import DocumentType
from common.clock import stamp, today
from common.errors import DomainError, ErrorCollector
from records.register import signals
from records.register.extraction import WITH_TEXT
from records.register.lifecycle import CASE
from records.register.models.cases import Case
from records.register.models.documents import Direction, Document, DocumentFile
from records.register.services.guards import clean_title, lock
from records.register.storage import storage_name, store
from records.register.tasks import queue_text_extraction
from records.register.uploads import inspect_upload

DOCUMENT_FIELDS = ("direction", "document_date", "document_type", "document_type_text", "title", "counterpart")


def _clean_direction(direction) -> str:
    if direction not in Direction.values:
        raise DomainError({"direction": _("Välj riktning: inkommande, upprättad eller utgående.")})
    return direction


def _clean_document_type(case: Case, document_type) -> DocumentType | None:
    if document_type in (None, ""):
        return None
    if not isinstance(document_type, DocumentType):
        document_type = DocumentType.objects.filter(pk=document_type).first()
    if document_type is None or document_type.node_id != case.process_id:
        name = document_type.name if document_type else ""
        raise DomainError(
            {
                "document_type": _(
                    "Handlingstypen ”%(name)s” hör inte till processen %(code)s; "
                    "välj en av processens handlingstyper eller skriv en egen."
                )
                % {"name": name, "code": case.process.code}
            }
        )
    return document_type


def _cleaned(case: Case, values: dict) -> dict:
    errors = ErrorCollector()
    cleaned = {}
    if "direction" in values:
        cleaned["direction"] = errors.check(_clean_direction, values["direction"])
    if "title" in values:
        cleaned["title"] = errors.check(clean_title, values["title"], "title", _("rubrik för handlingen"))
    if "document_type" in values:
        cleaned["document_type"] = errors.check(_clean_document_type, case, values["document_type"])
    if "document_type_text" in values:
        cleaned["document_type_text"] = " ".join((values["document_type_text"] or "").split())[:300]
    if cleaned.get("document_type"):
        cleaned["document_type_text"] = ""
    if "counterpart" in values:
        cleaned["counterpart"] = " ".join((values["counterpart"] or "").split())[:300]
    if "document_date" in values:
        cleaned["document_date"] = values["document_date"]
    errors.raise_if_any()
    return cleaned


@transaction.atomic
def add_document(
    case: Case,
    *,
    user,
    direction: str,
    title: str,
    document_date: datetime.date | None = None,
    document_type=None,
    document_type_text: str = "",
    counterpart: str = "",
    files=(),
    registered_on: datetime.date | None = None,
) -> Document:
    """Register a document in an open case, numbered within it (BOP 2026/42-3), with its files."""
    case = lock(case)
    CASE.check("add_document", user, case)
    return file_document(
        case,
        user=user,
        direction=direction,
        title=title,
        document_date=document_date,
        document_type=document_type,
        document_type_text=document_type_text,
        counterpart=counterpart,
        files=files,
        registered_on=registered_on,
    )


def file_document(
    case: Case,
    *,
    user,
    direction: str,
    title: str,
    document_date: datetime.date | None = None,
    document_type=None,
    document_type_text: str = "",
    counterpart: str = "",
    files=(),
    registered_on: datetime.date | None = None,
) -> Document:
    """add_document() without the register's permission check, for a locked case inside the caller's
    transaction: services with their own rules of who may add files (a work order's pictures, an
    installer's attachments, a decision's documents) check those and file the document here."""
    CASE.check("add_document", None, case)  # who may add is the caller's rule; when is the register's
    values = _cleaned(
        case,
        {
            "direction": direction,
            "title": title,
            "document_type": document_type,
            "document_type_text": document_type_text,
            "counterpart": counterpart,
            "document_date": document_date,
        },
    )
    number = (case.documents.aggregate(n=Max("number"))["n"] or 0) + 1
    registered_on = registered_on or today()
    document = Document(case=case, number=number, registered_on=registered_on, registered_by=user, **values)
    stamp(document, user, on=registered_on)
    document.save()
    for upload in files:
        _attach(case, document, upload, user, on=registered_on)
    signals.send_case_changed(case.pk, signals.CHANGE_DOCUMENT)
    return document


@transaction.atomic
def update_document(document: Document, *, user, **changes) -> Document:
    unknown = set(changes) - set(DOCUMENT_FIELDS)
    if unknown:
        raise DomainError(_("Fälten %(fields)s kan inte ändras.") % {"fields": ", ".join(sorted(unknown))})
    case = lock(document.case)
    CASE.check("edit_document", user, case)
    # Compare with what is stored, not with an instance a form may already have changed.
    document = Document.objects.get(pk=document.pk)
    values = _cleaned(case, changes)
    changed = [name for name, value in values.items() if getattr(document, name) != value]
    if not changed:
        return document
    for name in changed:
        setattr(document, name, values[name])
    stamp(document, user)
    document.save()
    signals.send_case_changed(case.pk, signals.CHANGE_DOCUMENT)
    return document


@transaction.atomic
def attach_file(document: Document, upload, user, name: str | None = None) -> DocumentFile:
    """Store a file of a document after checking it; nothing is written when a check fails."""
    case = lock(document.case)
    CASE.check("attach_file", user, case)
    stored = _attach(case, document, upload, user, name=name)
    signals.send_case_changed(case.pk, signals.CHANGE_FILE)
    return stored


def check_not_in_case(case: Case, sha256: str, name: str) -> None:
    existing = DocumentFile.objects.filter(case=case, sha256=sha256).select_related("document").first()
    if existing:
        raise DomainError(
            {
                "file": _("Filen ”%(name)s” finns redan i ärendet (handling %(ref)s, ”%(existing)s”).")
                % {
                    "name": name,
                    "ref": f"{case.reference}-{existing.document.number}",
                    "existing": existing.original_name,
                }
            }
        )


def _attach(case: Case, document: Document, upload, user, name: str | None = None, on=None) -> DocumentFile:
    inspected = inspect_upload(upload, name)
    check_not_in_case(case, inspected.sha256, inspected.name)
    upload.seek(0)
    stored_name = store(storage_name(case, inspected.extension), upload)
    record = DocumentFile(
        document=document,
        case=case,
        file=stored_name,
        original_name=inspected.name,
        size=inspected.size,
        content_type=inspected.content_type,
        sha256=inspected.sha256,
        uploaded_by=user,
    )
    stamp(record, user, on=on)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # The same file arrived concurrently; the constraint caught it after our check.
        raise DomainError({"file": _("Filen ”%(name)s” finns redan i ärendet.") % {"name": inspected.name}}) from None
    if record.content_type in WITH_TEXT:
        queue_text_extraction(record.pk)
    return record
