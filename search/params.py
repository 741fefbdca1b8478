"""Reading a search from request or command parameters: the page's Swedish names, the API's English ones."""

from django.utils.translation import gettext as _

from .backends.base import DATE, RELEVANCE, Filters
from .errors import SearchError
from .query import PAGE_SIZE, SearchQuery

PAGE_NAMES = {
    "text": "q",
    "kind": "typ",
    "process": "process",
    "record_type": "posttyp",
    "status": "status",
    "year": "ar",
    "sort": "sortering",
    "page": "sida",
}
API_NAMES = {
    "text": "q",
    "kind": "type",
    "process": "process",
    "record_type": "record_type",
    "status": "status",
    "year": "year",
    "sort": "sort",
    "page": "page",
}
SORT_WORDS = {"relevans": RELEVANCE, "datum": DATE, RELEVANCE: RELEVANCE, DATE: DATE, "": RELEVANCE}


def _int(value: str, message) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 6:
        raise SearchError(message)
    return int(value)


def query_from_params(params, user, names=PAGE_NAMES) -> SearchQuery:
    """A SearchQuery from GET parameters; a value the user can fix raises SearchError."""

    def get(name: str) -> str:
        return (params.get(names[name]) or "").strip()[:10_000]

    sort = SORT_WORDS.get(get("sort").lower())
    if sort is None:
        raise SearchError(_("Sortera på relevans eller datum."))
    year = _int(get("year"), _("Året anges med fyra siffror, t.ex. 2026."))
    page = _int(get("page"), _("Sidnumret ska vara ett heltal från 1.")) or 1
    page_size = _int(params.get("page_size", ""), _("Antal träffar per sida ska vara ett heltal.")) or PAGE_SIZE
    filters = Filters(
        kind=get("kind"),
        process=get("process")[:40],
        record_type=get("record_type")[:40],
        status=get("status")[:20],
        year=year,
    )
    as_you_type = (params.get("as_you_type") or "").lower() in ("1", "true", "ja", "yes")
    return SearchQuery(
        get("text"), user, filters=filters, sort=sort, page=page, page_size=page_size, as_you_type=as_you_type
    )
