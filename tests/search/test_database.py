"""Searching on the database backend (SQLite FTS5 or PostgreSQL, whichever the tests run on)."""

import datetime

import pytest

from search.errors import SearchError
from search.query import DATE, Filters, search
from tests.search.factories import (
    CaseFactory,
    document_with_text,
    installer_case,
    reindex,
    work_order,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(seed_plan, database_backend):
    """A small register: a water damage case with an invoice, a work order, an installer case, an old case."""
    water = CaseFactory(
        process=seed_plan["2.9.1"],
        title="Vattenskada i trapphus på Storgatan 5",
        description="Läckage från taket efter kraftigt regn.",
    )
    invoice = document_with_text(
        water,
        title="Faktura från rörmokare",
        text="Fakturan avser reparation enligt arbetsorder AO1234. <script>x</script>",
    )
    order = work_order(seed_plan["2.9.1"], title="Byte av diskmaskin", description="Arbetsordern gäller lägenhet 1102.")
    installer = installer_case(seed_plan["2.9.3"], title="Säkringsändring i fastigheten")
    old = CaseFactory(
        process=seed_plan["2.4.2"],
        title="Kundfakturor som inte betalats",
        description="Påminnelser om fakturor.",
        opened_on=datetime.date(2025, 3, 1),
        closed=True,
    )
    reindex()
    return {"water": water, "invoice": invoice, "order": order, "installer": installer, "old": old}


def refs(results):
    return [hit.reference for hit in results.hits]


def test_it_finds_inflected_forms(register, registrar):
    assert register["invoice"].reference in refs(search("fakturor", registrar))
    assert register["water"].reference in refs(search("vattenskadan", registrar))
    assert register["order"].reference in refs(search("arbetsorder", registrar))
    assert register["invoice"].reference in refs(search("arbetsordern", registrar))


def test_it_finds_words_as_you_type(register, registrar):
    results = search("vattensk", registrar, as_you_type=True)
    assert refs(results)[0] == register["water"].reference
    assert search("vattensk", registrar).total == 0


def test_it_puts_an_exact_reference_first(register, registrar):
    water = register["water"].reference
    results = search(water, registrar)
    assert results.hits[0].reference == water and results.hits[0].exact and results.hits[0].type == "case"
    assert register["invoice"].reference in refs(results)  # its documents follow


@pytest.mark.parametrize("typed", ["AO1234", "ao1234", "AO-1234", "AO 1234"])
def test_it_finds_a_work_order_by_its_number_however_typed(register, registrar, typed):
    results = search(typed, registrar)
    assert results.hits[0].reference == "AO1234" and results.hits[0].exact


def test_a_reference_number_also_finds_documents_citing_it(register, registrar):
    assert register["invoice"].reference in refs(search("AO1234", registrar))


def test_it_finds_an_installer_case_by_number_and_by_its_beginning(register, registrar):
    assert search("OK-0003826", registrar).hits[0].reference == "OK-0003826"
    assert refs(search("OK-00038", registrar, as_you_type=True))[0] == "OK-0003826"


def test_it_finds_a_process_by_code_and_by_its_document_types(register, registrar):
    results = search("2.9.1", registrar)
    assert results.hits[0].type == "process" and results.hits[0].reference == "2.9.1"
    assert "1.1" in refs(search("föredragningslistor", registrar))


def test_it_filters_by_process_subtree(register, registrar):
    results = search("", registrar, filters=Filters(process="2.9", kind="case"))
    assert set(refs(results)) == {register["water"].reference, "AO1234", "OK-0003826"}
    everything = search("", registrar, filters=Filters(process="2", kind="case"))
    assert register["old"].reference in refs(everything) and everything.total == 4


def test_it_counts_facets_on_what_the_user_finds(register, registrar):
    results = search("", registrar, filters=Filters(process="2.9"))
    facets = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
    assert sum(facets["type"].values()) == results.total
    assert facets["type"]["case"] == 3 and facets["type"]["document"] == 1
    assert facets["process"] == {"2.9.1": 4, "2.9.2": 1, "2.9.3": 2}  # nodes, cases and documents under each
    assert facets["record_type"] == {"case": 2, "work_order": 1, "installer_case": 1}
    for name, value in (("status", "open"), ("record_type", "work_order")):
        narrowed = search("", registrar, filters=Filters(process="2.9", **{name: value}))
        assert narrowed.total == facets[name][value]


def test_it_rolls_process_facets_up_to_the_level_below_the_filter(register, registrar):
    top = {v.value: v.count for v in search("fakturor", registrar).facets["process"]}
    assert set(top) <= {"1", "2", "3"} and top["2"] >= 2


def test_it_filters_by_year_and_status(register, registrar):
    results = search("fakturor", registrar, filters=Filters(year=2025, status="closed"))
    assert refs(results) == [register["old"].reference]


def test_it_sorts_by_date_newest_first(register, registrar):
    results = search("", registrar, filters=Filters(kind="case"), sort=DATE)
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True) and refs(results)[-1] == register["old"].reference


def test_it_highlights_matched_words_in_snippets_and_escapes_the_rest(register, registrar):
    hit = next(h for h in search("arbetsordern", registrar).hits if h.type == "document")
    assert "<mark>arbetsorder</mark>" in hit.snippet
    assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_it_pages_without_repeating_or_losing_hits(register, registrar):
    everything = search("", registrar, filters=Filters(process="2"), page_size=100)
    count = search("", registrar, filters=Filters(process="2"), page_size=7).pages
    pages = [
        refs(search("", registrar, filters=Filters(process="2"), page=n, page_size=7)) for n in range(1, count + 1)
    ]
    assert count > 3 and [r for page in pages for r in page] == refs(everything)


def test_exact_matches_are_not_repeated_on_later_pages(register, registrar):
    first = search("AO1234", registrar, page_size=1)
    second = search("AO1234", registrar, page=2, page_size=1)
    assert refs(first) == ["AO1234"] and refs(second) == [register["invoice"].reference]
    assert first.total == second.total == 2


def test_it_rejects_an_unknown_process_filter(register, registrar):
    with pytest.raises(SearchError, match="9.9.9"):
        search("faktura", registrar, filters=Filters(process="9.9.9"))


def test_an_empty_search_asks_for_nothing(register, registrar):
    results = search("  ", registrar)
    assert not results.searched and results.total == 0


def test_work_orders_are_found_by_their_details_but_not_by_the_tenants_name(seed_plan, database_backend, registrar):
    from tests.records.work_factories import make_work_order

    order = make_work_order(property_name="Kvarnen 4", address="Möllegatan 7", subject="Kylskåpet fryser inte")
    reindex()
    for words in ("Kvarnen", "Möllegatan", "kylskåpet", order.case.reference):
        assert search(words, registrar).hits[0].reference == order.case.reference, words
    assert search("Tolvansson", registrar).total == 0
    assert {v.value for v in search("kylskåpet", registrar).facets["record_type"]} == {"work_order"}
