"""The Elasticsearch backend without a server: mapping, generated requests, and answers through a fake node."""

import pytest
from elasticsearch import ApiError

from search import indexing
from search.backends.base import BackendQuery, Filters
from search.backends.elastic import ElasticBackend
from search.documents import SearchItem, index_definition
from search.items import PlanPaths, case_items
from search.parsing import parse
from search.query import DATE, search
from search.scope import Scope, scope_for
from tests.search.factories import (
    CaseFactory,
    es_hit,
    search_response,
    secret_case,
)

pytestmark = pytest.mark.django_db


def body_of(fake, path_part="_search"):
    return fake.bodies(path_part)[-1]


def filters_of(body):
    return body["query"]["bool"]["filter"]


# --- The mapping ----------------------------------------------------------------------------


def test_the_mapping_analyses_swedish_with_stems_stop_words_and_prefixes():
    index = index_definition("ordna-search-1").to_dict()
    analysis = index["settings"]["analysis"]
    assert analysis["filter"]["ordna_swedish_stemmer"] == {"type": "stemmer", "language": "swedish"}
    assert analysis["filter"]["ordna_swedish_stop"] == {"type": "stop", "stopwords": "_swedish_"}
    assert analysis["filter"]["ordna_edge_ngrams"]["type"] == "edge_ngram"
    fields = index["mappings"]["properties"]
    assert fields["title"]["analyzer"] == "ordna_swedish"
    assert fields["title"]["fields"]["prefix"] == {
        "type": "text",
        "analyzer": "ordna_prefixes",
        "search_analyzer": "ordna_plain",
    }
    assert fields["reference_key"] == {"type": "keyword"} and fields["process_path"] == {"type": "keyword"}
    assert fields["body"]["analyzer"] == "ordna_swedish" and fields["date"] == {"type": "date"}
    assert fields["reference_terms"]["analyzer"] == "ordna_reference"
    assert analysis["analyzer"]["ordna_reference"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["lowercase"],
    }


def test_a_masked_document_carries_no_masked_words(seed_plan):
    case = secret_case(seed_plan["2.3.1"], title="Vräkning av hyresgäst Svensson", description="Skulder.")
    documents = {item.audience: SearchItem.from_item(item).to_dict() for item in case_items(case, PlanPaths())}
    assert set(documents) == {"full", "masked"}
    masked = str(documents["masked"]).lower()
    assert "vräkning" not in masked and "svensson" not in masked and "skulder" not in masked
    assert documents["masked"]["title"] == "Ärende om stöd till enskild"
    assert "Vräkning" in documents["full"]["title"]


# --- Generated queries ----------------------------------------------------------------------


def built(text, scope=None, **options):
    query = BackendQuery(
        parsed=parse(text, as_you_type=options.pop("as_you_type", False)) if text else None,
        scope=scope or Scope(register=True, every_case=True),
        filters=options.pop("filters", Filters()),
        **options,
    )
    return ElasticBackend(client=object()).build_search(query).to_dict()


def test_words_go_to_the_swedish_fields_as_data():
    body = built("fakturor")
    assert body["query"]["bool"]["must"] == [
        {"multi_match": {"query": "fakturor", "fields": ["reference_terms^10", "title^4", "body", "roots^0.5"]}}
    ]


def test_as_you_type_searches_beginnings_of_words_and_the_prefix_fields():
    clause = built("arbetsord", as_you_type=True)["query"]["bool"]["must"][0]["multi_match"]
    assert clause["type"] == "bool_prefix" and "title.prefix^2" in clause["fields"]


def test_a_reference_is_a_phrase_in_the_reference_field_or_its_words():
    should = built("OK-0003826")["query"]["bool"]["must"][0]["bool"]["should"]
    assert should[0] == {"match_phrase": {"reference_terms": {"query": "ok0003826", "boost": 10}}}


def test_phrases_and_exclusions():
    body = built('"vatten skada" -parkering')
    assert body["query"]["bool"]["must"][0]["multi_match"]["type"] == "phrase"
    assert body["query"]["bool"]["must_not"][0]["multi_match"]["query"] == "parkering"


def test_permissions_are_filters_inside_the_query(registrar, reader, outsider):
    assert {"bool": {"must_not": [{"term": {"audience": "masked"}}]}} in filters_of(built("x", scope_for(registrar)))
    assert {"terms": {"audience": ["all", "masked"]}} in filters_of(built("x", scope_for(reader)))
    public = filters_of(built("x", scope_for(None)))
    assert {"terms": {"kind": ["guide", "process"]}} in public and {"term": {"audience": "all"}} in public
    assert filters_of(built("x", scope_for(outsider))) == public


def test_a_user_with_access_to_some_confidential_cases_gets_their_full_rows_only(seed_plan, reader, registrar):
    from records.register import services

    case = secret_case(seed_plan["2.3.1"], title="Vräkning")
    services.grant_access(case, reader, "Vikariat", registrar)
    rule = filters_of(built("x", scope_for(reader)))[1]["bool"]["should"]
    assert {"bool": {"filter": [{"term": {"audience": "full"}}, {"terms": {"case_id": [case.pk]}}]}} in rule
    assert {
        "bool": {"filter": [{"term": {"audience": "masked"}}], "must_not": [{"terms": {"case_id": [case.pk]}}]}
    } in rule


def test_filters_sorting_facets_highlights_and_paging():
    body = built(
        "vatten",
        filters=Filters(status="open", year=2026, record_type="work_order"),
        process_path="/2/2.9/",
        sort=DATE,
        offset=40,
        limit=20,
        exclude=("case-1-all",),
    )
    assert {"prefix": {"process_path": "/2/2.9/"}} in filters_of(body)
    assert {"term": {"status": "open"}} in filters_of(body) and {"term": {"year": 2026}} in filters_of(body)
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert set(body["aggs"]) == {"type", "process", "record_type", "status", "year"}
    assert body["highlight"]["pre_tags"] == ["\ue000"] and "body" in body["highlight"]["fields"]
    assert (body["from"], body["size"], body["track_total_hits"]) == (40, 20, True)
    assert {"ids": {"values": ["case-1-all"]}} in body["query"]["bool"]["must_not"]


# --- Answers through the fake node ----------------------------------------------------------


def test_it_reads_hits_highlights_and_facets_from_the_answer(seed_plan, fake_es, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Faktura")  # hits of cases no longer there are dropped
    fake_es.on(
        "POST",
        "_search",
        search_response(
            [
                es_hit(
                    "document-7-all",
                    kind="document",
                    object_id=7,
                    case_id=case.pk,
                    reference="BOP 2026/3-1",
                    title="Faktura <b>",
                    process_code="2.9.1",
                    status="open",
                    record_type="case",
                    year=2026,
                    date="2026-05-04",
                    score=3.5,
                    highlight={"body": ["avser \ue000fakturan\ue001 & <x>"]},
                )
            ],
            total=41,
            facets={"type": {"document": 40, "case": 1}, "process": {"2.9.1": 41}, "year": {2026: 41}},
        ),
    )
    results = search("fakturor", registrar)
    hit = results.hits[0]
    assert (results.total, hit.type, hit.id, hit.reference, hit.score) == (41, "document", 7, "BOP 2026/3-1", 3.5)
    assert hit.title == "Faktura <b>" and hit.snippet == "avser <mark>fakturan</mark> &amp; &lt;x&gt;"
    assert hit.url == f"/admin/records/case/{case.pk}/change/" and str(hit.date) == "2026-05-04"
    assert {v.value: v.count for v in results.facets["type"]} == {"document": 40, "case": 1}
    assert [v.value for v in results.facets["process"]] == ["2"] and results.facets["process"][0].count == 41


def test_an_exact_reference_is_looked_up_first_and_kept_out_of_the_rest(seed_plan, fake_es, registrar):
    case = CaseFactory(process=seed_plan["2.9.1"], title="Faktura")
    fake_es.on(
        "POST",
        "_search",
        search_response(
            [
                es_hit(
                    "case-5-all", object_id=5, reference="AO1234", title="Byte av diskmaskin", record_type="work_order"
                )
            ]
        ),
    )
    fake_es.on(
        "POST",
        "_search",
        search_response(
            [
                es_hit(
                    "document-9-all",
                    kind="document",
                    object_id=9,
                    case_id=case.pk,
                    reference="BOP 2026/2-1",
                    title="Faktura",
                    score=2.0,
                )
            ]
        ),
    )
    results = search("AO1234", registrar)
    assert [h.reference for h in results.hits] == ["AO1234", "BOP 2026/2-1"] and results.hits[0].exact
    lookup, main = fake_es.bodies("_search")
    assert {"terms": {"reference_key": ["AO1234"]}} in lookup["query"]["bool"]["filter"]
    assert {"ids": {"values": ["case-5-all"]}} in main["query"]["bool"]["must_not"]
    assert results.total == 2


def test_indexing_a_case_writes_both_rows_of_a_confidential_case(seed_plan, fake_es):
    case = secret_case(seed_plan["2.3.1"], title="Vräkning av hyresgäst", description="Skulder.")
    indexing.index_case(case.pk)
    deleted = body_of(fake_es, "_delete_by_query")
    assert deleted["query"]["bool"]["filter"] == [{"term": {"case_id": case.pk}}]
    bulk = body_of(fake_es, "_bulk")
    actions, sources = bulk[0::2], bulk[1::2]
    assert [a["index"]["_id"] for a in actions] == [f"case-{case.pk}-full", f"case-{case.pk}-masked"]
    assert all(a["index"]["_index"] == "ordna-search" for a in actions)
    assert "skulder" not in str(sources[1]).lower() and "Skulder" in sources[0]["body"]


def test_the_first_write_creates_the_index_behind_the_alias(seed_plan, fake_es):
    indexing.index_case(CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada").pk)
    methods = [(m, p.split("?")[0]) for m, p, _b in fake_es.requests]
    assert methods[0] == ("HEAD", "/_alias/ordna-search")
    created = next(p for m, p in methods if m == "PUT" and "_alias" not in p)
    assert created.startswith("/ordna-search-") and ("PUT", f"{created}/_alias/ordna-search") in methods


def test_a_rebuild_fills_a_new_index_and_swaps_the_alias_atomically(seed_plan, fake_es):
    CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada")
    fake_es.on("GET", "/_alias/ordna-search", {"ordna-search-20250101000000000000": {"aliases": {"ordna-search": {}}}})
    assert indexing.rebuild() == 68
    new = next(p for m, p, _b in fake_es.requests if m == "PUT").split("?")[0].lstrip("/")
    assert new.startswith("ordna-search-2") and new != "ordna-search-20250101000000000000"
    assert all(action["index"]["_index"] == new for action in body_of(fake_es, "_bulk")[0::2])
    assert body_of(fake_es, "_aliases")["actions"] == [
        {"remove": {"index": "ordna-search-20250101000000000000", "alias": "ordna-search"}},
        {"add": {"index": new, "alias": "ordna-search"}},
    ]
    assert ("DELETE", "/ordna-search-20250101000000000000") in [(m, p.split("?")[0]) for m, p, _b in fake_es.requests]


def test_a_failed_rebuild_leaves_the_old_index_in_place(seed_plan, fake_es):
    fake_es.on("PUT", "/_bulk", {"error": "boom"}, status=500)
    fake_es.on("POST", "/_bulk", {"error": "boom"}, status=500)
    with pytest.raises(ApiError):
        indexing.rebuild()
    assert not fake_es.bodies("_aliases")
    assert any(m == "DELETE" for m, _p, _b in fake_es.requests)  # the half-built index is dropped


def test_plan_paths_are_updated_only_where_they_changed(seed_plan, fake_es):
    response = search_response([])
    response["aggregations"]["codes"] = {
        "buckets": [
            {"key": "2.9.1", "doc_count": 3, "paths": {"buckets": [{"key": "/2/2.9/2.9.1/", "doc_count": 3}]}},
            {"key": "2.4.2", "doc_count": 1, "paths": {"buckets": [{"key": "/old/2.4.2/", "doc_count": 1}]}},
        ]
    }
    fake_es.on("POST", "_search", response)
    fake_es.backend.update_paths(dict(PlanPaths().by_code))
    updates = fake_es.bodies("_update_by_query")
    assert len(updates) == 1 and updates[0]["script"]["params"] == {"path": "/2/2.4/2.4.2/"}


def test_an_unreachable_server_is_a_message_not_a_crash(seed_plan, fake_es, client, registrar):
    client.force_login(registrar)
    for _ in range(4):
        fake_es.on("POST", "_search", {"error": "unavailable"}, status=503)
    response = client.get("/api/v1/search/", {"q": "faktura"})
    assert response.status_code == 503 and "inte tillgänglig" in response.json()["detail"]
    page = client.get("/sok/", {"q": "faktura"})
    assert page.status_code == 200 and "inte tillgänglig" in page.content.decode()


def test_a_case_made_confidential_loses_its_open_document_by_id(seed_plan, fake_es):
    """A delete by query sees only what the last refresh showed: the open document goes by its id as well."""
    case = secret_case(seed_plan["2.3.1"], title="Vräkning av hyresgäst")
    indexing.index_case(case.pk)
    bulks = [body if isinstance(body, list) else [body] for body in fake_es.bodies("_bulk")]
    deletes = [action for bulk in bulks for action in bulk if "delete" in action]
    assert deletes == [{"delete": {"_index": "ordna-search", "_id": f"case-{case.pk}-all"}}]
