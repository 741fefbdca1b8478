"""The Elasticsearch backend against a real 9.x server; skipped, saying so, without ELASTICSEARCH_URL."""

# Run: ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python -m pytest tests/search/test_es_live.py -m elasticsearch_live
# Each test works in its own index prefix (`ordna-test-<random>`) and deletes its indices afterwards.

import os
import uuid

import pytest

from records.register import services
from search import indexing
from search.backends import set_backend
from search.query import DATE, Filters, search
from tests.search.factories import (
    CaseFactory,
    document_with_text,
    installer_case,
    secret_case,
    work_order,
)

pytestmark = [
    pytest.mark.elasticsearch_live,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="needs a real Elasticsearch 9 server: set ELASTICSEARCH_URL=http://host:9200 to run the live suite",
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def live(settings):
    from search.backends.elastic import ElasticBackend

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"ordna-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticBackend(refresh=True)
    set_backend(backend)
    yield backend
    set_backend(None)
    backend.client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)


@pytest.fixture
def register(seed_plan, live, officer):
    water = CaseFactory(process=seed_plan["2.9.1"], title="Vattenskada i trapphus", description="Läckage från taket.")
    document_with_text(water, title="Faktura från rörmokare", text="Fakturan avser arbetsorder AO1234.")
    work_order(seed_plan["2.9.1"], title="Byte av diskmaskin")
    installer_case(seed_plan["2.9.3"], title="Säkringsändring")
    secret = secret_case(
        seed_plan["2.3.1"], title="Vräkning av hyresgäst Svensson", description="Skulder.", responsible=officer
    )
    indexing.rebuild()
    return {"water": water, "secret": secret}


@pytest.fixture
def officer(make_user):
    return make_user(groups=["Handläggare"], username="handlaggare")


def refs(results):
    return [hit.reference for hit in results.hits]


def test_inflected_forms_prefixes_and_highlights(register, registrar):
    assert f"{register['water'].reference}-1" in refs(search("fakturor", registrar))
    assert f"{register['water'].reference}-1" in refs(search("arbetsordern", registrar))
    assert refs(search("vattensk", registrar, as_you_type=True))[0] == register["water"].reference
    hit = next(h for h in search("fakturor", registrar).hits if h.type == "document")
    assert "<mark>" in hit.snippet


@pytest.mark.parametrize("typed", ["AO1234", "OK-0003826"])
def test_exact_references_come_first(register, registrar, typed):
    assert search(typed, registrar).hits[0].reference == typed


def test_facets_subtree_and_sorting(register, registrar):
    results = search("", registrar, filters=Filters(process="2.9", kind="case"), sort=DATE)
    assert results.total == 3
    assert {v.value: v.count for v in results.facets["record_type"]} == {
        "case": 1,
        "work_order": 1,
        "installer_case": 1,
    }


def test_confidential_words_stay_hidden(register, reader, officer):
    for word in ("vräkning", "Svensson", "skulder"):
        assert search(word, reader).total == 0
        assert register["secret"].reference in refs(search(word, officer))
    masked = search(register["secret"].reference, reader).hits[0]
    assert masked.masked and masked.title == "Ärende om stöd till enskild"


def test_changes_follow_through_signals(register, registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_case(register["water"], user=registrar, title="Brandlarm i tvättstuga")
    assert search("vattenskada", registrar, filters=Filters(kind="case")).total == 0
    assert refs(search("brandlarm", registrar)) == [register["water"].reference]


def test_a_rebuild_swaps_the_alias_to_a_new_index(register, live):
    before = live._aliased_indices()
    indexing.rebuild()
    after = live._aliased_indices()
    assert len(after) == 1 and after != before
    assert not live.client.indices.exists(index=before[0])
