"""The one way to search: SearchQuery(text, user, filters, sort, page).execute() → SearchResults."""

# The page, the API and the command all call this; it parses the text, works out what the user
# may see (search.scope), puts exact reference matches first, and labels hits and facets.

import math
from dataclasses import dataclass, field, replace

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from records.models import Case, CaseStatus

from .backends import get_backend
from .backends.base import DATE, RELEVANCE, BackendQuery, Filters, Row
from .errors import SearchError
from .facets import FacetValue, PlanTree, build_facets
from .items import CASE, DOCUMENT, GUIDE, KIND_LABELS, MASKED, PROCESS
from .parsing import ParsedQuery, parse
from .scope import scope_for

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000
SORTS = (RELEVANCE, DATE)

__all__ = ["DATE", "RELEVANCE", "Filters", "Hit", "SearchError", "SearchQuery", "SearchResults", "search"]


@dataclass
class Hit:
    type: str
    id: int
    reference: str
    title: str
    process: str
    process_title: str
    snippet: str  # HTML: escaped text, matched words in <mark>
    score: float
    url: str = ""
    date: object = None
    status: str = ""
    status_label: str = ""
    record_type: str = ""
    masked: bool = False  # a confidential case seen without access: only its public fields
    exact: bool = False  # found by its reference number or code

    @property
    def type_label(self) -> str:
        return str(KIND_LABELS.get(self.type, self.type))

    def as_dict(self) -> dict:
        return {
            "type": self.type,
            "id": self.id,
            "reference": self.reference,
            "title": self.title,
            "process": self.process,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass
class SearchResults:
    text: str = ""
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    filters: Filters = field(default_factory=Filters)
    sort: str = RELEVANCE
    page: int = 1
    page_size: int = PAGE_SIZE
    notices: list[str] = field(default_factory=list)
    process_trail: list[FacetValue] = field(default_factory=list)  # the selected subtree, from its area
    searched: bool = False  # False: nothing was asked (show the help instead)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(min(self.total, MAX_RESULT_WINDOW) / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def as_dict(self) -> dict:
        """The shape the command prints and the API returns."""
        return {
            "total": self.total,
            "results": [hit.as_dict() for hit in self.hits],
            "facets": {name: [v.as_dict() for v in values] for name, values in self.facets.items()},
        }


def _url(row: Row, tree: PlanTree, guide_urls: dict[int, str]) -> str:
    try:
        if row.kind == CASE:
            return reverse("admin:records_case_change", args=[row.object_id])
        if row.kind == DOCUMENT:
            return reverse("admin:records_case_change", args=[row.case_id])
        if row.kind == PROCESS:
            if tree.kind.get(row.process_code) == "P":
                return reverse("cms:process", args=[row.process_code])
            return reverse("cms:process-list") + f"#{row.process_code}"
    except NoReverseMatch:
        return ""
    return guide_urls.get(row.object_id, "")


def _of_existing_cases(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(kept, dropped): a row of a case that is no longer in the register is never shown, whatever the
    index still holds (an Elasticsearch removal a crash interrupted; search.verify repairs it)."""
    case_ids = {row.case_id for row in rows if row.case_id is not None}
    if not case_ids:
        return rows, []
    existing = set(Case.objects.filter(pk__in=case_ids).values_list("pk", flat=True))
    kept = [row for row in rows if row.case_id is None or row.case_id in existing]
    return kept, [row for row in rows if row.case_id is not None and row.case_id not in existing]


def _facet_values(row: Row):
    return (
        ("type", row.kind),
        ("process", row.process_code),
        ("record_type", row.record_type),
        ("status", row.status),
        ("year", row.year),
    )


def _guide_urls(rows: list[Row]) -> dict[int, str]:
    ids = [row.object_id for row in rows if row.kind == GUIDE]
    if not ids:
        return {}
    return {page.pk: page.get_url() or "" for page in Page.objects.filter(pk__in=ids)}


class SearchQuery:
    def __init__(
        self,
        text: str = "",
        user=None,
        filters: Filters | None = None,
        sort: str = RELEVANCE,
        page: int = 1,
        page_size: int = PAGE_SIZE,
        as_you_type: bool = False,
    ):
        self.text = text or ""
        self.user = user
        self.filters = filters or Filters()
        self.sort = sort or RELEVANCE
        self.page = page
        self.page_size = page_size
        self.as_you_type = as_you_type

    def _validate(self) -> None:
        if self.sort not in SORTS:
            raise SearchError(_("Sortera på relevans eller datum."))
        if not isinstance(self.page, int) or self.page < 1:
            raise SearchError(_("Sidnumret ska vara ett heltal från 1."))
        if not isinstance(self.page_size, int) or not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise SearchError(_("Ange mellan 1 och %(max)d träffar per sida.") % {"max": MAX_PAGE_SIZE})
        if self.page * self.page_size > MAX_RESULT_WINDOW:
            raise SearchError(_("Det går inte att bläddra så långt; förfina sökningen med fler ord eller filter."))
        if self.filters.kind and self.filters.kind not in KIND_LABELS:
            raise SearchError(_("Okänd typ: %(kind)s.") % {"kind": self.filters.kind})

    def execute(self) -> SearchResults:
        self._validate()
        parsed: ParsedQuery | None = parse(self.text, as_you_type=self.as_you_type) if self.text.strip() else None
        results = SearchResults(
            text=self.text.strip(),
            filters=self.filters,
            sort=self.sort,
            page=self.page,
            page_size=self.page_size,
            notices=list(parsed.notices) if parsed else [],
        )
        if parsed is None and not self.filters.any():
            return results
        tree = PlanTree()
        process_path = ""
        if self.filters.process:
            if self.filters.process not in tree.title:
                raise SearchError(
                    _("Processen %(code)s finns inte i klassificeringsstrukturen.") % {"code": self.filters.process}
                )
            process_path = "/" + "/".join(tree.ancestors(self.filters.process)) + "/"
            results.process_trail = [FacetValue(c, tree.label(c), 0) for c in tree.ancestors(self.filters.process)]
        query = BackendQuery(
            parsed=parsed, scope=scope_for(self.user), filters=self.filters, process_path=process_path, sort=self.sort
        )
        backend = get_backend()
        pinned = backend.lookup(parsed.references, query) if parsed and parsed.references else []
        pinned, _gone = _of_existing_cases(list({row.key: row for row in pinned}.values()))
        first = (self.page - 1) * self.page_size
        shown_pinned = pinned[first : first + self.page_size]
        offset = max(0, first - len(pinned))
        found = backend.search(
            replace(
                query, offset=offset, limit=self.page_size - len(shown_pinned), exclude=tuple(row.key for row in pinned)
            )
        )
        found.rows, gone = _of_existing_cases(found.rows)
        found.total = max(0, found.total - len(gone))
        for row in gone:
            for name, value in _facet_values(row):
                found.facets[name][value] -= 1
                if found.facets[name][value] <= 0:
                    del found.facets[name][value]
        for row in pinned:
            found.total += 1
            for name, value in _facet_values(row):
                if value not in ("", None):
                    found.facets[name][value] += 1
        top = max((row.score for row in found.rows), default=0.0)
        for row in shown_pinned:
            row.score = top + 1.0
        rows = shown_pinned + found.rows
        guide_urls = _guide_urls(rows)
        statuses = dict(CaseStatus.choices)
        pinned_keys = {row.key for row in pinned}
        results.searched = True
        results.total = found.total
        results.facets = build_facets(found.facets, self.filters, tree)
        results.hits = [
            Hit(
                type=row.kind,
                id=row.object_id,
                reference=row.reference,
                title=row.title,
                process=row.process_code,
                process_title=tree.title.get(row.process_code, ""),
                snippet=row.snippet,
                score=row.score,
                url=_url(row, tree, guide_urls),
                date=row.date,
                status=row.status,
                status_label=str(statuses.get(row.status, row.status)),
                record_type=row.record_type,
                masked=row.audience == MASKED,
                exact=row.key in pinned_keys,
            )
            for row in rows
        ]
        return results


def search(text: str, user=None, **options) -> SearchResults:
    """Shortcut: SearchQuery(text, user, **options).execute()."""
    return SearchQuery(text, user, **options).execute()
