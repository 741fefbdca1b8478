"""One timeline per case, built from the history of the case, its documents, files, parties and grants."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from classification.models import DocumentType, Node
from common import clock
from records.register import access
from records.register.models.cases import OWN_LIFE_CYCLE, Case, CaseAccessGrant, CaseStatus, Party
from records.register.models.documents import Direction, Document, DocumentFile

# Fields that change as bookkeeping, not as something a reader needs in a diff.
SKIPPED_FIELDS = {"id", "case", "series", "year", "serial", "updated_at", "uploaded_at", "granted_at", "kind"}
RANK = {Case: 0, Party: 1, CaseAccessGrant: 2, Document: 3, DocumentFile: 4}


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class Event:
    at: datetime.datetime
    kind: str
    summary: str
    user: str | None = None
    reason: str = ""
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["at"] = clock.local_iso(self.at)
        return data


@dataclass(frozen=True)
class Source:
    """More history for a case's timeline: the detail rows of a record type (work order, notes, ...).

    `rows(case)` returns history rows (or objects with the same history_* attributes) of `model`;
    `describe(renderer, row, previous_row_of_same_object)` turns one into an Event or None.
    """

    model: type
    rows: Callable[[Case], Iterable]
    describe: Callable
    rank: int = 5


SOURCES: dict[type, Source] = {}


def register_source(source: Source) -> None:
    SOURCES[source.model] = source


class _Renderer:
    """Turns history rows into readable values, hiding what the viewer may not see."""

    def __init__(self, case: Case, user, rows):
        self.case = case
        self.full = access.has_full_access(user, case)
        self.hidden = {
            Case: access.hidden_case_fields(case, self.full),
            Document: access.hidden_document_fields(case, self.full),
            DocumentFile: {"original_name", "sha256", "content_type", "size", "file"}
            if access.files_hidden(case, self.full)
            else set(),
            Party: {"name", "identity_number", "role"} if access.parties_hidden(case, self.full) else set(),
            CaseAccessGrant: set(),
        }
        for model in SOURCES:
            self.hidden.setdefault(model, set())
        self.hide_people = case.is_confidential and not self.full
        ids = {"process": set(), "user": set(), "document_type": set()}
        for _model, row in rows:
            ids["process"].add(getattr(row, "process_id", None))
            ids["document_type"].add(getattr(row, "document_type_id", None))
            for name in ("responsible_id", "user_id", "granted_by_id"):
                ids["user"].add(getattr(row, name, None))
        self.nodes = {n.pk: f"{n.code} {n.title}" for n in Node.objects.filter(pk__in=ids["process"] - {None})}
        self.users = {u.pk: self.person(u) for u in get_user_model().objects.filter(pk__in=ids["user"] - {None})}
        self.types = dict(DocumentType.objects.filter(pk__in=ids["document_type"] - {None}).values_list("pk", "name"))
        self.document_numbers = {row.id: row.number for model, row in rows if model is Document}

    @staticmethod
    def person(user) -> str:
        return user.get_full_name() or user.get_username()

    def actor(self, row) -> str | None:
        if self.hide_people or row.history_user is None:
            return None
        return self.person(row.history_user)

    def reason(self, row) -> str:
        reason = row.history_change_reason or ""
        return str(access.HIDDEN) if reason and self.hide_people else reason

    def value(self, model, row, model_field) -> str:
        if model_field.name in self.hidden[model]:
            return str(access.HIDDEN)
        raw = getattr(row, model_field.attname)
        if raw in (None, ""):
            return ""
        if model_field.is_relation:
            return self.related_name(model_field, raw)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(raw, raw))
        if isinstance(raw, bool):
            return _("ja") if raw else _("nej")
        if isinstance(raw, datetime.datetime):
            return clock.local_time(raw)
        if isinstance(raw, datetime.date):
            return raw.isoformat()
        return str(raw)

    def related_name(self, model_field, raw) -> str:
        """A process by its code and title, a document type by its name, anyone else as a person."""
        names = {"process": self.nodes, "document_type": self.types}.get(model_field.name, self.users)
        return names.get(raw, str(raw))

    def diff(self, model, previous, row) -> list[Change]:
        changes = []
        for model_field in model._meta.concrete_fields:
            if model_field.name in SKIPPED_FIELDS or not hasattr(row, model_field.attname):
                continue
            if getattr(previous, model_field.attname) != getattr(row, model_field.attname):
                changes.append(
                    Change(
                        model_field.name,
                        str(model_field.verbose_name),
                        self.value(model, previous, model_field),
                        self.value(model, row, model_field),
                    )
                )
        return changes

    def title(self, row) -> str:
        """A case's title as of that row: the public title when the title is hidden."""
        if "title" in self.hidden[Case]:
            return self.case.public_title or str(access.HIDDEN_CASE_TITLE)
        return row.title

    def shown(self, model, row, name: str) -> str:
        return self.value(model, row, model._meta.get_field(name))


def _rows(case: Case):
    rows = [(Case, r) for r in Case.history.filter(id=case.pk).select_related("history_user")]
    rows += [(Document, r) for r in Document.history.filter(case_id=case.pk).select_related("history_user")]
    rows += [(DocumentFile, r) for r in DocumentFile.history.filter(case_id=case.pk).select_related("history_user")]
    rows += [(Party, r) for r in Party.history.filter(case_id=case.pk).select_related("history_user")]
    rows += [
        (CaseAccessGrant, r) for r in CaseAccessGrant.history.filter(case_id=case.pk).select_related("history_user")
    ]
    if case.record_type in OWN_LIFE_CYCLE:
        for source in SOURCES.values():
            rows += [(source.model, r) for r in source.rows(case)]
    rank = {**{model: source.rank for model, source in SOURCES.items()}, **RANK}
    rows.sort(key=lambda item: (item[1].history_date, rank[item[0]], item[1].history_id))
    return rows


def build_timeline(case: Case, user) -> list[Event]:
    """Everything that happened to `case`, oldest first, as `user` may see it."""
    rows = _rows(case)
    render = _Renderer(case, user, rows)
    previous: dict[tuple, object] = {}
    events = []
    for model, row in rows:
        key = (model, row.id)
        before = previous.get(key)
        previous[key] = row
        event = _describe(render, model, row, before)
        if event is not None:
            event.at, event.user = row.history_date, render.actor(row)
            events.append(event)
    return events


def _describe(render: _Renderer, model, row, before) -> Event | None:
    if model in SOURCES:
        return SOURCES[model].describe(render, row, before)
    return REGISTER_DESCRIBERS[model](render, row, before)


def _changes(render: _Renderer, model, row, before) -> list[Change]:
    return render.diff(model, before, row) if row.history_type == "~" and before is not None else []


CASE_STATUS_EVENTS = {
    CaseStatus.CLOSED: (_("Ärendet avslutades."), "closed"),
    CaseStatus.CANCELLED: (_("Ärendet makulerades."), "cancelled"),
    CaseStatus.OPEN: (_("Ärendet återöppnades."), "reopened"),
}


def _describe_case(render: _Renderer, row, before) -> Event | None:
    at, reason = row.history_date, render.reason(row)
    if row.history_type == "+":
        return Event(
            at,
            "registered",
            _("Ärendet registrerades som %(ref)s på %(process)s: %(title)s.")
            % {"ref": row.reference, "process": render.shown(Case, row, "process"), "title": render.title(row)},
        )
    if row.history_type == "-":
        return Event(at, "deleted", _("Ärendet togs bort."), reason=reason)
    changes = _changes(render, Case, row, before)
    names = {change.field for change in changes}
    if "process" in names:
        moved = next(c for c in changes if c.field == "process")
        return Event(
            at,
            "reclassified",
            _("Omklassificerat från %(old)s till %(new)s.") % {"old": moved.old, "new": moved.new},
            reason=reason,
            changes=changes,
        )
    if "status" in names and row.record_type in OWN_LIFE_CYCLE:
        # The record type's own events say what happened (accepted, completed, cancelled, ...).
        changes = [c for c in changes if c.field not in ("status", "closed_on")]
    elif "status" in names:
        summary, event_kind = CASE_STATUS_EVENTS[row.status]
        return Event(at, event_kind, summary, reason=reason, changes=changes)
    return Event(at, "changed", _("Ärendet ändrades."), reason=reason, changes=changes) if changes else None


def _describe_document(render: _Renderer, row, before) -> Event | None:
    at, number = row.history_date, row.number
    if row.history_type == "+":
        return Event(
            at,
            "document_added",
            _("Handling %(n)d registrerades (%(direction)s): %(title)s.")
            % {
                "n": number,
                "direction": Direction(row.direction).label.lower(),
                "title": render.shown(Document, row, "title"),
            },
        )
    if row.history_type == "-":
        return Event(at, "document_removed", _("Handling %(n)d togs bort.") % {"n": number}, reason=render.reason(row))
    changes = _changes(render, Document, row, before)
    if not changes:
        return None
    return Event(
        at,
        "document_changed",
        _("Handling %(n)d ändrades.") % {"n": number},
        reason=render.reason(row),
        changes=changes,
    )


def _describe_file(render: _Renderer, row, before) -> Event | None:
    at, number = row.history_date, render.document_numbers.get(row.document_id, "?")
    if row.history_type != "+":
        return Event(
            at,
            "file_removed" if row.history_type == "-" else "file_changed",
            _("En fil i handling %(n)s ändrades eller togs bort.") % {"n": number},
        )
    if "original_name" in render.hidden[DocumentFile]:
        return Event(at, "file_added", _("En fil bifogades till handling %(n)s.") % {"n": number})
    return Event(
        at,
        "file_added",
        _("Filen %(name)s (%(size)s) bifogades till handling %(n)s.")
        % {"name": row.original_name, "size": filesizeformat(row.size), "n": number},
    )


def _describe_party(render: _Renderer, row, before) -> Event | None:
    at, who = row.history_date, render.shown(Party, row, "name")
    if row.history_type == "+":
        return Event(at, "party_added", _("Part tillagd: %(name)s.") % {"name": who})
    if row.history_type == "-":
        return Event(at, "party_removed", _("Part borttagen: %(name)s.") % {"name": who})
    changes = _changes(render, Party, row, before)
    return Event(at, "party_changed", _("Part ändrad: %(name)s.") % {"name": who}, changes=changes) if changes else None


def _describe_grant(render: _Renderer, row, before) -> Event | None:
    if render.hide_people or row.history_type not in ("+", "-"):
        return None
    who, reason = render.users.get(row.user_id, ""), render.reason(row)
    if row.history_type == "+":
        return Event(
            row.history_date, "access_granted", _("%(user)s fick åtkomst till ärendet.") % {"user": who}, reason=reason
        )
    return Event(
        row.history_date, "access_revoked", _("%(user)s fick sin åtkomst återkallad.") % {"user": who}, reason=reason
    )


REGISTER_DESCRIBERS = {
    Case: _describe_case,
    Document: _describe_document,
    DocumentFile: _describe_file,
    Party: _describe_party,
    CaseAccessGrant: _describe_grant,
}


# --- Helpers for the sources that other features register ------------------------------------


def history_rows(model, **lookup):
    def rows(case):
        return model.history.filter(**{key: value(case) for key, value in lookup.items()}).select_related(
            "history_user"
        )

    return rows


def name_of(model, pk) -> str:
    if pk is None:
        return ""
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        return ""
    if model is get_user_model():
        return obj.get_full_name() or obj.get_username()
    return getattr(obj, "name", str(obj))


def status_changed(row, before) -> bool:
    return before is not None and before.status != row.status
