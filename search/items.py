"""What is searchable: cases, documents, plan nodes and guides turned into index items."""

# Masking comes from records.register.access, never from here: a confidential case yields a `masked` item
# built as a viewer without access sees the case, and a `full` item; an open case one `all` item.

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from classification.models import Node
from records.models import (
    Case,
    Document,
    DocumentFile,
    InstallerCase,
    InstallerCaseType,
    Party,
    WorkOrder,
    WorkOrderType,
)
from records.register import access

from .analysis import clean, reference_key, reference_terms

CASE, DOCUMENT, PROCESS, GUIDE = "case", "document", "process", "guide"
KIND_LABELS = {CASE: _("Ärende"), DOCUMENT: _("Handling"), PROCESS: _("Process"), GUIDE: _("Guide")}
REGISTER_KINDS = frozenset({CASE, DOCUMENT})
ALL, MASKED, FULL = "all", "masked", "full"
MAX_TEXT = 200_000  # characters of one item's text that are indexed (a whole book is ~500,000)


@dataclass
class IndexItem:
    kind: str
    object_id: int
    audience: str
    title: str
    body: str = ""
    reference: str = ""
    case_id: int | None = None
    process_code: str = ""
    process_path: str = ""
    record_type: str = ""
    status: str = ""
    year: int | None = None
    date: datetime.date | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        self.title = clean(self.title)[:500]
        self.body = clean(self.body)[:MAX_TEXT]

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.object_id}-{self.audience}"

    @property
    def reference_key(self) -> str:
        return reference_key(self.reference) if self.reference else ""

    @property
    def reference_terms(self) -> str:
        return " ".join(reference_terms(self.reference))[:300]

    @property
    def fingerprint(self) -> str:
        """A hash of everything indexed but the plan path (which follows plan moves on its own and is
        compared as it is): equal fingerprints, equal entries."""
        fields = [
            self.kind,
            self.object_id,
            self.audience,
            self.case_id,
            self.process_code,
            self.record_type,
            self.status,
            self.year,
            self.date.isoformat() if self.date else None,
            self.reference[:80],
            self.title,
            self.body,
        ]
        return hashlib.sha1(json.dumps(fields, ensure_ascii=False).encode(), usedforsecurity=False).hexdigest()


class PlanPaths:
    """Each node's path of codes from its area down (`/2/2.9/2.9.1/`), for subtree filters."""

    def __init__(self):
        rows = list(Node.objects.values_list("id", "code", "parent_id"))
        self.code_by_id = {pk: code for pk, code, _parent in rows}
        parent_by_code = {code: self.code_by_id.get(parent) for _pk, code, parent in rows}
        self.by_code: dict[str, str] = {}
        for code in parent_by_code:
            chain, current = [], code
            while current is not None and len(chain) < 20:
                chain.append(current)
                current = parent_by_code.get(current)
            self.by_code[code] = "/" + "/".join(reversed(chain)) + "/"

    def for_node_id(self, node_id) -> tuple[str, str]:
        code = self.code_by_id.get(node_id, "")
        return code, self.by_code.get(code, "")


def _variants(case) -> list[tuple[str, bool]]:
    return [(FULL, True), (MASKED, False)] if case.is_confidential else [(ALL, True)]


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def case_items(
    case, paths: PlanPaths, parties: list[tuple[str, str]] | None = None, details: str | None = None
) -> list[IndexItem]:
    """The case's own fields, its parties' names and roles and its record type's details (work
    order, installer case; given, or read) – parties and details only where they are not masked."""
    code, path = paths.for_node_id(case.process_id)
    if parties is None:
        parties = [(p.name, p.role) for p in case.parties.all()]
    if details is None:
        details = details_of([case.pk]).get(case.pk, "")
    items = []
    for audience, full in _variants(case):
        hidden = access.hidden_case_fields(case, full)
        parties_text = "" if access.parties_hidden(case, full) else _join(*(f"{n} {r}" for n, r in parties))
        responsible = case.responsible.get_full_name() if case.responsible_id and "responsible" not in hidden else ""
        # Those with access find the case by the title the public sees, too.
        public_title = case.public_title if full and case.public_title != case.title else ""
        # A record type's details describe the case like its description does, and go with it.
        described = "description" not in hidden
        body = _join(
            case.description if described else "",
            details if described else "",
            parties_text,
            responsible,
            case.legal_ground,
            public_title,
        )
        items.append(
            IndexItem(
                kind=CASE,
                object_id=case.pk,
                audience=audience,
                title=access.visible_title(case, full),
                body=body,
                reference=case.reference,
                case_id=case.pk,
                process_code=code,
                process_path=path,
                record_type=case.record_type,
                status=case.status,
                year=case.opened_on.year,
                date=case.opened_on,
            )
        )
    return items


def document_items(document, case, paths: PlanPaths, files: list[tuple[str, str]] | None = None) -> list[IndexItem]:
    """Title, type, sender/recipient and the files' names and text (given, or read), each where the
    case lets it be seen."""
    code, path = paths.for_node_id(case.process_id)
    if files is None:
        files = [(f.original_name, f.extracted_text) for f in document.files.all()]
    items = []
    for audience, full in _variants(case):
        hidden = access.hidden_document_fields(case, full)
        title = str(access.HIDDEN_DOCUMENT_TITLE) if "title" in hidden else document.title
        files_text = "" if access.files_hidden(case, full) else _join(*(_join(n, t) for n, t in files))
        body = _join(
            "" if "document_type" in hidden else document.type_name,
            "" if "counterpart" in hidden else document.counterpart,
            files_text,
        )
        items.append(
            IndexItem(
                kind=DOCUMENT,
                object_id=document.pk,
                audience=audience,
                title=title,
                body=body,
                reference=f"{case.reference}-{document.number}",
                case_id=case.pk,
                process_code=code,
                process_path=path,
                record_type=case.record_type,
                status=case.status,
                year=document.registered_on.year,
                date=document.registered_on,
                extra={"case_reference": case.reference},
            )
        )
    return items


def node_items(node, paths: PlanPaths) -> list[IndexItem]:
    types = [t.name for t in node.document_types.all()]
    return [
        IndexItem(
            kind=PROCESS,
            object_id=node.pk,
            audience=ALL,
            title=node.title,
            body=_join(node.description, node.comments, ", ".join(types)),
            reference=node.code,
            process_code=node.code,
            process_path=paths.by_code.get(node.code, ""),
        )
    ]


def guide_items(page, paths: PlanPaths) -> list[IndexItem]:
    """A live, public guide; its first process places it in the plan."""
    links = list(page.guide_processes.all())
    code = links[0].node.code if links else ""
    published = page.last_published_at.date() if page.last_published_at else None
    return [
        IndexItem(
            kind=GUIDE,
            object_id=page.pk,
            audience=ALL,
            title=page.title,
            body=_join(page.intro, page.search_text(), page.process_text()),
            process_code=code,
            process_path=paths.by_code.get(code, ""),
            date=published,
        )
    ]


# --- Loading --------------------------------------------------------------------------------


def cases_queryset():
    return Case.objects.select_related("responsible")


def documents_queryset():
    return Document.objects.select_related("case", "document_type")


def _grouped(rows) -> dict[int, list[tuple[str, str]]]:
    grouped: dict[int, list[tuple[str, str]]] = {}
    for owner, name, text in rows:
        grouped.setdefault(owner, []).append((name, text))
    return grouped


def parties_of(case_ids) -> dict[int, list[tuple[str, str]]]:
    return _grouped(Party.objects.filter(case_id__in=case_ids).order_by("pk").values_list("case_id", "name", "role"))


def details_of(case_ids) -> dict[int, str]:
    """The searchable details of work orders and installer cases, by case (no names or phone numbers
    of tenants and customers: those stay in the register)."""
    details: dict[int, str] = {}
    order_types, case_types = dict(WorkOrderType.choices), dict(InstallerCaseType.choices)
    orders = WorkOrder.objects.filter(case_id__in=case_ids).values_list(
        "case_id",
        "order_type",
        "property_name",
        "apartment",
        "address",
        "subject",
        "priority",
        "contractor__name",
        "unit_description",
        "action_performed",
    )
    for case_id, order_type, *rest in orders:
        details[case_id] = _join(order_types.get(order_type, order_type), *rest)
    installations = InstallerCase.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "case_type", "street_address", "postal_code", "city", "description"
    )
    for case_id, case_type, *rest in installations:
        details[case_id] = _join(case_types.get(case_type, case_type), *rest)
    return details


def case_extras(case_ids) -> dict[int, tuple[list, str]]:
    parties, details = parties_of(case_ids), details_of(case_ids)
    return {pk: (parties.get(pk, []), details.get(pk, "")) for pk in case_ids}


def files_of(document_ids) -> dict[int, list[tuple[str, str]]]:
    """Names and text of the documents' files in one query (no model instances: rebuilds are big)."""
    rows = DocumentFile.objects.filter(document_id__in=document_ids).order_by("pk")
    return _grouped(rows.values_list("document_id", "original_name", "extracted_text"))


def nodes_queryset():
    return Node.objects.prefetch_related("document_types")


def guide_model():
    """The page model indexed as guides (settings.SEARCH_GUIDE_MODEL), or None when there is none.

    A guide page has `intro`, `search_text()`, `process_text()` and `guide_processes` (links to
    plan nodes). It is looked up by name, not imported: search does not depend on the CMS.
    """
    name = getattr(settings, "SEARCH_GUIDE_MODEL", "")
    if not name:
        return None
    try:
        return apps.get_model(name)
    except LookupError:  # its app is not installed
        return None


def guides_queryset():
    model = guide_model()
    if model is None:
        return None
    return model.objects.live().public().prefetch_related("guide_processes__node")


def document_counts(case_ids) -> dict[int, int]:
    rows = Document.objects.filter(case_id__in=case_ids).values_list("case_id").annotate(n=Count("id"))
    return dict(rows.order_by())


def items_for_cases(cases, paths: PlanPaths) -> dict[int, list[IndexItem]]:
    """Every item of each case (the case and its documents), by case id, in a few queries."""
    ids = [case.pk for case in cases]
    extras = case_extras(ids)
    by_case = {case.pk: case_items(case, paths, *extras[case.pk]) for case in cases}
    by_id = {case.pk: case for case in cases}
    documents = list(documents_queryset().filter(case_id__in=ids).order_by("pk"))
    files = files_of([document.pk for document in documents])
    for document in documents:
        by_case[document.case_id].extend(
            document_items(document, by_id[document.case_id], paths, files.get(document.pk, []))
        )
    return by_case
