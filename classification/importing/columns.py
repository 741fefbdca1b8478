"""The columns of a plan file: the Swedish names the exports write, and every name the imports accept.

Each column has an internal key (the JSON export's key), a Swedish name (the header of the CSV and XLSX
exports) and the English name that files exported before the headers were Swedish carry. Imports match
either, whatever the case and surrounding spaces.
"""

from django.utils.translation import gettext as _

from .errors import PlanImportError, RowError

KEYS = ("code", "kind", "title", "parent", "description", "examples", "comments", "valid_to")
REQUIRED = ("code", "kind", "title")
# The names are data (the file's own headers), not interface text: the same in every language.
SWEDISH = {
    "code": "kod",
    "kind": "nivå",
    "title": "rubrik",
    "parent": "överordnad",
    "description": "beskrivning",
    "examples": "handlingstyper",
    "comments": "kommentarer",
    "valid_to": "upphör",
}
HEADER = [SWEDISH[key] for key in KEYS]
_BY_NAME = {name: key for key in KEYS for name in (key, SWEDISH[key])}


def key_of(name) -> str | None:
    """The internal key of a header cell ("Nivå", " KIND ", "kind" -> "kind"); None for an unknown column."""
    return _BY_NAME.get(" ".join(str(name).split()).casefold())


def accepted_names() -> str:
    """kod (code), nivå (kind), ...: for messages."""
    return ", ".join(f"{SWEDISH[key]} ({key})" for key in KEYS)


def column_index(header: list) -> dict[str, int]:
    """{key: position} of the known columns in a header row; PlanImportError for missing or repeated ones."""
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        key = key_of(cell)
        if key is None:
            continue
        if key in index:
            raise _header_error(_("Kolumnen %(name)s förekommer två gånger.") % {"name": SWEDISH[key]})
        index[key] = position
    missing = [f"{SWEDISH[key]} ({key})" for key in REQUIRED if key not in index]
    if missing:
        raise _header_error(_("Kolumner saknas: %(missing)s.") % {"missing": ", ".join(missing)})
    return index


def _header_error(problem: str) -> PlanImportError:
    return PlanImportError(
        [
            RowError(
                _("rad 1"),
                _("%(problem)s Godkända kolumnnamn, oavsett stora och små bokstäver: %(names)s.")
                % {"problem": problem, "names": accepted_names()},
            )
        ]
    )
