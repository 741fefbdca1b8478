"""Elasticsearch backend: Swedish analysis, highlights, aggregations, and rebuilds behind an alias."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import Q, Search

from .. import versions
from ..analysis import MARK_END, MARK_START, clean
from ..documents import SearchItem, alias_name, index_definition
from ..errors import SearchUnavailable
from ..highlight import marked_to_html
from ..items import ALL, FULL, MASKED
from ..models import IndexedCase
from ..parsing import AllOf, AnyOf, ParsedQuery, Phrase, Term
from .base import DATE, FACETS, BackendQuery, BackendResults, IndexedRow, Row

logger = logging.getLogger(__name__)
TEXT_FIELDS = ["reference_terms^10", "title^4", "body", "roots^0.5"]
PREFIX_FIELDS = ["reference_terms^10", "reference_terms.prefix^5", "title^4", "title.prefix^2", "body"]
FACET_FIELDS = {
    "type": "kind",
    "process": "process_code",
    "record_type": "record_type",
    "status": "status",
    "year": "year",
}
FACET_SIZE = 1000
SOURCE = [
    "kind",
    "object_id",
    "audience",
    "case_id",
    "reference",
    "title",
    "process_code",
    "record_type",
    "status",
    "year",
    "date",
]


def es_node(node):
    """One clause of the query tree as an Elasticsearch query; the text goes in as data, never syntax."""
    if isinstance(node, Term):
        if node.prefix:
            return Q("multi_match", query=node.word, type="bool_prefix", fields=PREFIX_FIELDS)
        return Q("multi_match", query=node.word, fields=TEXT_FIELDS)
    if isinstance(node, Phrase):
        text = " ".join(node.words)
        if node.reference:
            kind = "match_phrase_prefix" if node.prefix else "match_phrase"
            return Q(kind, reference_terms={"query": text, "boost": 10})
        kind = "phrase_prefix" if node.prefix else "phrase"
        return Q("multi_match", query=text, type=kind, fields=["title^4", "body"])
    if isinstance(node, AnyOf):
        return Q("bool", should=[es_node(item) for item in node.items], minimum_should_match=1)
    if isinstance(node, AllOf):
        return Q("bool", must=[es_node(item) for item in node.items])
    raise TypeError(node)


def text_clauses(parsed: ParsedQuery | None) -> tuple[list, list]:
    if parsed is None:
        return [], []
    return [es_node(n) for n in parsed.must], [es_node(n) for n in parsed.must_not]


def scope_filters(query: BackendQuery) -> list:
    """The viewer's rows (search.scope.Scope.row_visible) and the filters, inside the query."""
    kinds = query.kinds()
    if not kinds:
        return [Q("match_none")]
    filters = [Q("terms", kind=kinds)]
    scope = query.scope
    if not scope.register:
        filters.append(Q("term", audience=ALL))
    elif scope.every_case:
        filters.append(Q("bool", must_not=[Q("term", audience=MASKED)]))
    elif scope.full_case_ids:
        ids = list(scope.full_case_ids)
        filters.append(
            Q(
                "bool",
                minimum_should_match=1,
                should=[
                    Q("term", audience=ALL),
                    Q("bool", filter=[Q("term", audience=FULL), Q("terms", case_id=ids)]),
                    Q("bool", filter=[Q("term", audience=MASKED)], must_not=[Q("terms", case_id=ids)]),
                ],
            )
        )
    else:
        filters.append(Q("terms", audience=[ALL, MASKED]))
    f = query.filters
    for field, value in (("record_type", f.record_type), ("status", f.status), ("year", f.year)):
        if value:
            filters.append(Q("term", **{field: value}))
    if query.process_path:
        filters.append(Q("prefix", process_path=query.process_path))
    return filters


def gone_cases() -> list:
    """Cases deleted from the register whose entries may not have left Elasticsearch yet: never returned."""
    ids = versions.pending_removals()
    return [Q("terms", case_id=ids)] if ids else []


class ElasticBackend:
    name = "elasticsearch"
    transactional = False

    def __init__(self, client: Elasticsearch | None = None, *, refresh: bool = False):
        self.client = client or Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
        self.alias = alias_name()
        self.refresh = refresh  # make writes visible at once (tests); production relies on the 1 s refresh
        self._ready = False

    # --- Index lifecycle -----------------------------------------------------------------------

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _aliased_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        """Create the first index and its alias when neither exists (before the first rebuild)."""
        if self._ready:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            name = self._new_index_name()
            index_definition(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=self.alias)
        self._ready = True

    # A rebuild fills a new index, named in the database while it runs so that every other write reaches
    # it too, then moves the alias to it in one atomic call and drops the old ones.

    def begin_rebuild(self):
        left = versions.building()
        if left:  # a rebuild that died half-way (one still running finds it is no longer named, and fails)
            self.client.indices.delete(index=left, ignore_unavailable=True)
        name = self._new_index_name()
        index_definition(name).create(using=self.client)
        versions.set_building(name)
        return name

    def finish_rebuild(self, index, started):
        if versions.building() != index:
            raise RuntimeError(f"Another rebuild replaced {index} while it was being built.")
        self.client.indices.refresh(index=index)
        old = self._aliased_indices()
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        if not old and self.client.indices.exists(index=self.alias):
            actions.append({"remove_index": {"index": self.alias}})  # a plain index squatting on the name
        actions.append({"add": {"index": index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        versions.clear_building(index)
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        # Cases gone before the rebuild began were never written to the new index.
        versions.mark_purged(
            IndexedCase.objects.filter(purged=False, stamp__lt=started).values_list("case_id", flat=True)
        )
        self._ready = True

    def abort_rebuild(self, index):
        versions.clear_building(index)
        self.client.indices.delete(index=index, ignore_unavailable=True)

    # --- Writing -------------------------------------------------------------------------------

    def _targets(self, index: str | None) -> list[str]:
        """Where a write goes: the rebuild's own index, or the live one and the one being built."""
        if index:
            return [index]
        self.ensure_index()
        building = versions.building()
        return [self.alias, building] if building else [self.alias]

    def _bulk(self, items, *, index, refresh=None):
        if not items:
            return
        actions = (
            {
                "_op_type": "index",
                "_index": index,
                "_id": item.key,
                "_source": SearchItem.from_item(item).to_dict(),
            }
            for item in items
        )
        helpers.bulk(self.client, actions, chunk_size=1000, refresh=self.refresh if refresh is None else refresh)

    def _delete_where(self, query, index: str) -> None:
        self.client.delete_by_query(index=index, query=query.to_dict(), conflicts="proceed", refresh=self.refresh)

    def _delete_other_audiences(self, items, index: str) -> None:
        """Delete by id the other audiences' documents of these objects: a query-based delete sees only what
        the last refresh made visible, and a case made confidential a moment after it was written must not
        keep its open (`all`) document."""
        keep = {item.key for item in items}
        keys = sorted(
            {f"{item.kind}-{item.object_id}-{audience}" for item in items for audience in (ALL, FULL, MASKED)} - keep
        )
        if keys:
            actions = ({"_op_type": "delete", "_index": index, "_id": key} for key in keys)
            helpers.bulk(self.client, actions, chunk_size=1000, refresh=self.refresh, ignore_status=(404,))

    def replace_cases(self, items_by_case, *, index=None):
        if not items_by_case:
            return
        ids = list(items_by_case)
        items = [item for case_items in items_by_case.values() for item in case_items]
        which = Q("term", case_id=ids[0]) if len(ids) == 1 else Q("terms", case_id=ids)
        stale = Q("bool", filter=[which], must_not=[Q("ids", values=[item.key for item in items])])
        for target in self._targets(index):
            self._delete_where(stale, target)
            self._delete_other_audiences(items, target)
            self._bulk(items, index=target)

    def remove_cases(self, case_ids):
        ids = list(case_ids)
        for target in self._targets(None):
            self._delete_where(Q("terms", case_id=ids), target)

    def replace(self, kind, items, *, object_ids=None, references=None, index=None):
        which = [Q("term", kind=kind)]
        if object_ids is not None or references is not None:
            which.append(
                Q(
                    "bool",
                    minimum_should_match=1,
                    should=[
                        Q("terms", object_id=list(object_ids or [])),
                        Q("terms", reference=list(references or [])),
                    ],
                )
            )
        stale = Q("bool", filter=which, must_not=[Q("ids", values=[item.key for item in items])])
        for target in self._targets(index):
            self._delete_where(stale, target)
            self._bulk(items, index=target)

    def _paths_in_index(self, index: str) -> set[tuple[str, str]]:
        search = Search(using=self.client, index=index).extra(size=0)
        search.aggs.bucket("codes", "terms", field="process_code", size=FACET_SIZE).bucket(
            "paths", "terms", field="process_path", size=10
        )
        response = search.execute()
        return {(code.key, path.key) for code in response.aggregations.codes.buckets for path in code.paths.buckets}

    def update_paths(self, paths, *, index=None):
        changed = 0
        for target in self._targets(index):
            stale = {code for code, path in self._paths_in_index(target) if code in paths and paths[code] != path}
            for code, path in paths.items():
                if code not in stale:
                    continue
                response = self.client.update_by_query(
                    index=target,
                    conflicts="proceed",
                    refresh=self.refresh,
                    query=Q(
                        "bool", filter=[Q("term", process_code=code)], must_not=[Q("term", process_path=path)]
                    ).to_dict(),
                    script={"source": "ctx._source.process_path = params.path", "params": {"path": path}},
                )
                changed += response.get("updated", 0)
        return changed

    # --- Checking ------------------------------------------------------------------------------

    def fingerprints(self, *, case_ids=None, kind=None):
        self.ensure_index()
        filters = []
        if case_ids is not None:
            filters.append(Q("terms", case_id=list(case_ids)))
        if kind is not None:
            filters.append(Q("term", kind=kind))
        hits = helpers.scan(
            self.client,
            index=self.alias,
            query={"query": Q("bool", filter=filters).to_dict()},
            _source=["case_id", "fingerprint", "process_path", "reference"],
            size=1000,
        )
        return [
            IndexedRow(
                hit["_id"],
                hit["_source"].get("case_id"),
                hit["_source"].get("fingerprint") or "",
                hit["_source"].get("process_path") or "",
                hit["_source"].get("reference") or "",
            )
            for hit in hits
        ]

    def indexed_case_ids(self, batch_size=1000):
        """Distinct case ids by a composite aggregation, page by page."""
        self.ensure_index()
        after = None
        while True:
            composite = {"size": batch_size, "sources": [{"case_id": {"terms": {"field": "case_id"}}}]}
            if after:
                composite["after"] = after
            response = self.client.search(
                index=self.alias, size=0, aggs={"case_ids": {"composite": composite}}, filter_path="aggregations"
            )
            aggregation = (response.body.get("aggregations") or {}).get("case_ids") or {}
            ids = [bucket["key"]["case_id"] for bucket in aggregation.get("buckets", [])]
            if not ids:
                return
            yield ids
            after = aggregation.get("after_key")
            if not after:
                return

    # --- Reading -------------------------------------------------------------------------------

    def build_search(self, query: BackendQuery) -> Search:
        """The whole request: words, permissions and filters in one bool query, facets, highlights."""
        search = Search(using=self.client, index=self.alias)
        must, must_not = text_clauses(query.parsed)
        if query.exclude:
            must_not.append(Q("ids", values=list(query.exclude)))
        must_not.extend(gone_cases())
        search = search.query(Q("bool", must=must, must_not=must_not, filter=scope_filters(query)))
        date_sort = {"date": {"order": "desc", "missing": "_last"}}
        search = search.sort(date_sort, "_score") if query.sort == DATE else search.sort("_score", date_sort)
        for name, field in FACET_FIELDS.items():
            search.aggs.bucket(name, "terms", field=field, size=FACET_SIZE)
        search = search.highlight_options(pre_tags=[MARK_START], post_tags=[MARK_END], no_match_size=200)
        search = search.highlight("body", fragment_size=160, number_of_fragments=2)
        search = search.source(SOURCE)
        return search.extra(from_=query.offset, size=query.limit, track_total_hits=True, track_scores=True)

    def _execute(self, search: Search):
        try:
            return search.execute()
        except (ApiError, TransportError) as error:
            logger.error("Elasticsearch search failed: %s", error)
            raise SearchUnavailable(_("Sökningen är inte tillgänglig just nu. Försök igen om en stund.")) from error

    def search(self, query):
        response = self._execute(self.build_search(query))
        results = BackendResults(total=response.hits.total.value)
        results.rows = [self._row(hit) for hit in response.hits]
        for name in FACETS:
            for bucket in getattr(response.aggregations, name).buckets:
                if bucket.key not in ("", None):
                    results.facets[name][bucket.key] += bucket.doc_count
        return results

    def lookup(self, keys, query):
        if not keys:
            return []
        search = Search(using=self.client, index=self.alias).source(SOURCE).extra(size=10)
        search = search.query(
            Q("bool", filter=[*scope_filters(query), Q("terms", reference_key=list(keys))], must_not=gone_cases())
        )
        return [self._row(hit) for hit in self._execute(search).hits]

    def stats(self):
        search = Search(using=self.client, index=self.alias).filter(~Q("term", audience=MASKED)).extra(size=0)
        search.aggs.bucket("kinds", "terms", field="kind")
        try:
            response = search.execute()
        except NotFoundError:
            return {}
        return {bucket.key: bucket.doc_count for bucket in response.aggregations.kinds.buckets}

    @staticmethod
    def _row(hit) -> Row:
        highlight = getattr(hit.meta, "highlight", None)
        fragments = list(getattr(highlight, "body", []) or []) if highlight else []
        date = getattr(hit, "date", None)
        if isinstance(date, str):
            date = datetime.date.fromisoformat(date[:10])
        return Row(
            key=hit.meta.id,
            kind=hit.kind,
            object_id=int(hit.object_id),
            audience=hit.audience,
            case_id=getattr(hit, "case_id", None),
            reference=getattr(hit, "reference", "") or "",
            title=clean(hit.title),
            process_code=getattr(hit, "process_code", "") or "",
            record_type=getattr(hit, "record_type", "") or "",
            status=getattr(hit, "status", "") or "",
            year=getattr(hit, "year", None),
            date=date,
            score=float(hit.meta.score or 0.0),
            snippet=" … ".join(marked_to_html(fragment) for fragment in fragments),
        )
