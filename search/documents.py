"""The Elasticsearch mapping: one document per index item, analysed as Swedish, with a prefix field."""

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

from .analysis import roots as definite_roots
from .items import IndexItem

swedish_stop = token_filter("ordna_swedish_stop", "stop", stopwords="_swedish_")
swedish_stemmer = token_filter("ordna_swedish_stemmer", "stemmer", language="swedish")
edge_ngrams = token_filter("ordna_edge_ngrams", "edge_ngram", min_gram=2, max_gram=20)

# Words split like the database backend splits them: letters and digits, compounds in parts.
swedish_analyzer = analyzer("ordna_swedish", tokenizer="standard", filter=["lowercase", swedish_stop, swedish_stemmer])
# As-you-type: every word indexed by its beginnings; the query side is not n-grammed.
prefix_analyzer = analyzer("ordna_prefixes", tokenizer="standard", filter=["lowercase", edge_ngrams])
plain_analyzer = analyzer("ordna_plain", tokenizer="standard", filter=["lowercase"])
# Reference terms are already split by search.analysis.reference_terms.
reference_analyzer = analyzer("ordna_reference", tokenizer="whitespace", filter=["lowercase"])


class SearchItem(Document):
    kind = Keyword()
    object_id = Long()
    audience = Keyword()
    case_id = Long()
    process_code = Keyword()
    process_path = Keyword()
    record_type = Keyword()
    status = Keyword()
    year = Integer()
    date = Date()
    reference = Keyword()
    reference_key = Keyword()
    reference_terms = Text(
        analyzer=reference_analyzer, fields={"prefix": Text(analyzer=prefix_analyzer, search_analyzer=plain_analyzer)}
    )
    title = Text(
        analyzer=swedish_analyzer, fields={"prefix": Text(analyzer=prefix_analyzer, search_analyzer=plain_analyzer)}
    )
    body = Text(analyzer=swedish_analyzer)
    roots = Text(analyzer=swedish_analyzer)  # search.analysis.roots of title and text: `fakturan` → faktura
    fingerprint = Keyword(index=False)  # IndexItem.fingerprint, for `search_index --verify`

    @classmethod
    def from_item(cls, item: IndexItem) -> "SearchItem":
        return cls(
            meta={"id": item.key},
            kind=item.kind,
            object_id=item.object_id,
            audience=item.audience,
            case_id=item.case_id,
            process_code=item.process_code,
            process_path=item.process_path,
            record_type=item.record_type,
            status=item.status,
            year=item.year,
            date=item.date,
            reference=item.reference,
            reference_key=item.reference_key,
            reference_terms=item.reference_terms,
            title=item.title,
            body=item.body,
            roots=" ".join(definite_roots(item.title + "\n" + item.body)),
            fingerprint=item.fingerprint,
        )


def alias_name() -> str:
    """The name every reader and writer uses; it points at exactly one concrete index."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search"


def index_definition(name: str) -> Index:
    """A concrete index (`ordna-search-20260101120000`) with the mapping and analysers."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=10_000)
    index.document(SearchItem)
    return index
