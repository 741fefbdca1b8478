"""The query language: what users type becomes a safe tree, or a message they can act on."""

import pytest

from search.analysis import index_terms, reference_key, reference_terms
from search.backends.database_sqlite import fts_query
from search.backends.postgres import tsquery
from search.errors import SearchError
from search.parsing import AllOf, AnyOf, Phrase, Term, parse


def test_it_stems_inflected_forms_to_the_same_term():
    assert index_terms("fakturor") == index_terms("faktura") == index_terms("fakturorna")
    assert index_terms("arbetsordern") == index_terms("arbetsorder")


def test_it_leaves_out_stop_words_at_index_time():
    assert index_terms("ärende om stöd till en enskild") == index_terms("ärende stöd enskild")


def test_it_reads_words_phrases_exclusions_and_or():
    query = parse('hyra "vatten skada" -parkering faktura OR offert')
    assert query.must == [Term("hyra"), Phrase(("vatten", "skada")), AnyOf((Term("faktura"), Term("offert")))]
    assert query.must_not == [Term("parkering")]


def test_it_treats_a_trailing_star_as_a_prefix():
    assert parse("lokal*").must == [Term("lokal", prefix=True)]


def test_it_makes_the_last_word_a_prefix_as_you_type_but_not_after_a_space():
    assert parse("arbetsord", as_you_type=True).must == [Term("arbetsord", prefix=True)]
    assert parse("arbetsord ", as_you_type=True).must == [Term("arbetsord")]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("BOP 2026/42", "BOP2026/42"),
        ("bop 2026/42", "BOP2026/42"),
        ("AO1234", "AO1234"),
        ("AO-1234", "AO1234"),
        ("OK-0003826", "OK0003826"),
        ("BOP 2026/42-3", "BOP2026/42-3"),
    ],
)
def test_it_recognises_reference_numbers_for_exact_lookup(typed, key):
    assert parse(typed).references == [key]
    assert reference_key(typed) == key


def test_it_recognises_plan_codes_for_exact_lookup():
    query = parse("2.9.1")
    assert query.references == ["2.9.1"]
    assert query.must == [Phrase(("2", "9", "1"), reference=True)]


def test_it_does_not_take_a_word_and_a_number_for_a_reference():
    assert parse("fas 3").references == []


def test_it_does_not_look_up_an_excluded_reference():
    query = parse("hyra -BOP 2026/42")
    assert query.references == [] and query.must_not


def test_a_reference_also_matches_its_words_in_text():
    node = parse("AO1234").must[0]
    assert node == AnyOf((Phrase(("ao1234",), reference=True), Term("ao1234")))


def test_the_reference_field_holds_canonical_and_loose_terms():
    assert reference_terms("BOP 2026/42-3") == ["bop2026", "42", "3", "bop", "2026", "42", "3"]
    assert reference_terms("OK-0003826") == ["ok0003826", "ok", "0003826"]
    assert reference_terms("AO1234") == ["ao1234"]


def test_a_hyphenated_compound_matches_joined_or_as_parts():
    assert parse("el-installation").must == [AnyOf((Term("elinstallation"), Phrase(("el", "installation"))))]


@pytest.mark.parametrize("typed", ["AND", "*", "-", "OR", "NOT", '""', "()", "&&", "- * OR"])
def test_it_rejects_operators_alone_with_a_message(typed):
    with pytest.raises(SearchError) as caught:
        parse(typed)
    assert "sök" in caught.value.message.lower()


def test_it_rejects_an_exclusion_alone():
    with pytest.raises(SearchError, match="minustecken"):
        parse("-faktura")


def test_it_rejects_stop_words_alone():
    with pytest.raises(SearchError, match="småord"):
        parse("och att")


def test_it_drops_an_unbalanced_quote_and_says_so():
    query = parse('"vatten skada')
    assert query.must == [Term("vatten"), Term("skada")]
    assert query.notices


def test_it_cuts_a_very_long_query_and_says_so():
    query = parse("faktura " * 1250)  # 10,000 characters
    assert query.notices and len(query.must) <= 16


@pytest.mark.parametrize(
    "typed",
    [
        'faktura" OR "',
        "NEAR(a b)",
        "title:secret",
        '{ref} : "x"',
        "a^2 b*c",
        "^*:()-+",
        "'; DROP TABLE x; --",
        "\x00fakt\u200bura\ue000",
        "ÅÄÖ åäö é ü",
        'hyra"*"',
        "x" * 10_000,
    ],
)
def test_engine_syntax_in_the_text_stays_text(typed):
    try:
        query = parse(typed)
    except SearchError:
        return
    for compiled in (fts_query(query), tsquery(query)):
        assert ";" not in compiled and "^" not in compiled and "NEAR" not in compiled
        assert "title:" not in compiled and "\x00" not in compiled


def test_it_compiles_to_fts5_with_stems_and_prefixes():
    compiled = fts_query(parse("fakturor arbetsord* -brev"))
    assert compiled == '("faktur" AND "arbetsord"*) NOT ("brev")'


def test_it_compiles_references_to_the_reference_column():
    assert fts_query(parse("2.9.1")) == '({ref} : "2 9 1")'


def test_it_compiles_to_tsquery_with_prefixes_and_phrases():
    compiled = tsquery(parse('"vatten skada" lokal* -brev'))
    assert compiled == "('vatten' <-> 'skada') & 'lokal':* & !'brev'"


def test_nested_nodes_stay_well_formed():
    query = parse("BOP 2026/42 faktura", as_you_type=True)
    assert isinstance(query.must[0], AnyOf) and isinstance(query.must[0].items[1], AllOf)
    assert fts_query(query).count("(") == fts_query(query).count(")")
