"""The staff search page: one box, facets, highlighted snippets, paging and help when nothing is found."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .errors import SearchError
from .params import PAGE_NAMES, query_from_params
from .query import SearchResults

FACET_TITLES = {
    "type": _("Typ"),
    "process": _("Process"),
    "record_type": _("Posttyp"),
    "status": _("Status"),
    "year": _("År"),
}
FACET_PARAMS = {"type": "typ", "process": "process", "record_type": "posttyp", "status": "status", "year": "ar"}
EXAMPLES = [
    ("fakturor", _("böjda former hittas: faktura, fakturor, fakturorna")),
    ("BOP 2026/42", _("ett diarienummer visas först")),
    ("AO1234", _("en arbetsorder")),
    ("2.9.1", _("en process i klassificeringsstrukturen")),
    ('"protokoll styrelsemöte"', _("orden i följd")),
    ("lokal*", _("ord som börjar så")),
    ("hyra -parkering", _("utan ordet parkering")),
    ("faktura OR offert", _("något av orden")),
]


def _link(params: dict, **changes) -> str:
    merged = {**params, **changes}
    if "sida" not in changes:
        merged.pop("sida", None)
    return "?" + urlencode({k: v for k, v in merged.items() if v not in ("", None)})


@login_required
def search_page(request):
    params = {name: request.GET.get(name, "")[:300] for name in PAGE_NAMES.values()}
    error = None
    try:
        results = query_from_params(request.GET, request.user, PAGE_NAMES).execute()
    except SearchError as caught:
        error = caught.message
        results = SearchResults(text=params["q"])
    facets = []
    for name, values in results.facets.items():
        param = FACET_PARAMS[name]
        for value in values:
            chosen = value.selected and name != "process"
            value.url = _link(params, **{param: "" if chosen else value.value})
        if values:
            facets.append((FACET_TITLES[name], values))
    trail = results.process_trail
    for node in trail:
        node.url = _link(params, process=node.value)
    chips = [
        (FACET_TITLES[name], params[param], _link(params, **{param: ""}))
        for name, param in FACET_PARAMS.items()
        if params[param] and name != "process"
    ]
    context = {
        "results": results,
        "error": error,
        "params": params,
        "facets": facets,
        "chips": chips,
        "examples": [(text, why, _link({}, q=text)) for text, why in EXAMPLES],
        "sort_links": [
            (_("Relevans"), _link(params, sortering=""), results.sort == "relevance"),
            (_("Datum"), _link(params, sortering="datum"), results.sort == "date"),
        ],
        "previous_url": _link(params, sida=results.page - 1) if results.has_previous else "",
        "next_url": _link(params, sida=results.page + 1) if results.has_next else "",
        "clear_filters_url": _link({"q": params["q"]}),
        "all_processes_url": _link(params, process=""),
        "filtered": any(params[p] for p in FACET_PARAMS.values()),
    }
    return render(request, "search/page.html", context)
