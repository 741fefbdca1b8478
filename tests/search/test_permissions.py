"""Confidentiality: results, snippets, facets and counts show each user only what records.register.access allows."""

import pytest

from records.register import services
from search.query import Filters, search
from tests.search.factories import (
    CaseFactory,
    document_with_text,
    reindex,
    secret_case,
)

pytestmark = pytest.mark.django_db

MASKED_WORDS = ["vräkning", "Svensson", "skulder", "läkarintyg", "depression", "Vårdcentralen"]


@pytest.fixture
def officer(make_user):
    return make_user(groups=["Handläggare"], username="handlaggare")


@pytest.fixture
def secret(seed_plan, database_backend, officer, registrar):
    case = secret_case(
        seed_plan["2.3.1"],
        title="Vräkning av hyresgäst Svensson",
        description="Skulder på 45 000 kronor.",
        responsible=officer,
        parties=[services.PartyData("Karin Svensson", role="hyresgäst")],
    )
    document_with_text(case, title="Läkarintyg", text="Intyget beskriver depression.", counterpart="Vårdcentralen Norr")
    CaseFactory(process=seed_plan["2.3.1"], title="Rehabilitering efter olycka", description="Öppet ärende.")
    reindex()
    return case


def visible_text(results) -> str:
    return " ".join(f"{h.title} {h.snippet} {h.reference}" for h in results.hits).lower()


@pytest.mark.parametrize("word", MASKED_WORDS)
def test_a_reader_without_access_never_finds_the_case_by_masked_words(secret, reader, word):
    results = search(word, reader)
    assert results.total == 0 and results.hits == []
    assert all(not values for values in results.facets.values())


def test_a_reader_finds_the_case_by_its_public_title_and_sees_nothing_masked(secret, reader):
    results = search("stöd enskild", reader)
    assert [h.reference for h in results.hits] == [secret.reference]
    hit = results.hits[0]
    assert hit.masked and hit.title == "Ärende om stöd till enskild"
    assert not any(word.lower() in visible_text(results) for word in MASKED_WORDS)


def test_a_reader_finds_the_case_and_its_document_by_number_masked(secret, reader):
    results = search(secret.reference, reader)
    assert results.hits[0].exact and results.hits[0].masked
    assert [h.title for h in results.hits] == ["Ärende om stöd till enskild", "Handling (sekretess)"]
    assert not any(word.lower() in visible_text(results) for word in MASKED_WORDS)


def test_listing_everything_shows_a_reader_no_masked_text_and_counts_each_case_once(secret, reader, registrar):
    mine = search("", reader, filters=Filters(process="2.3.1"), page_size=100)
    assert not any(word.lower() in visible_text(mine) for word in MASKED_WORDS)
    everyone = search("", registrar, filters=Filters(process="2.3.1"), page_size=100)
    for results in (mine, everyone):
        types = {v.value: v.count for v in results.facets["type"]}
        assert types == {"case": 2, "document": 1, "process": 1} and results.total == 4


@pytest.mark.parametrize("who", ["registrar", "officer"])
def test_those_with_access_find_the_case_by_every_word(secret, request, who):
    user = request.getfixturevalue(who)
    for word in MASKED_WORDS:
        results = search(word, user)
        assert secret.reference in {h.reference.split("-")[0] for h in results.hits}, word
        assert not any(h.masked for h in results.hits)


def test_a_grant_opens_the_case_at_once_and_a_revocation_closes_it(secret, reader, registrar):
    grant = services.grant_access(secret, reader, "Handläggning under semester", registrar)
    assert search("vräkning", reader).hits[0].reference == secret.reference
    services.revoke_access(grant, registrar)
    reader = type(reader).objects.get(pk=reader.pk)
    assert search("vräkning", reader).total == 0


def test_only_the_masked_fields_are_hidden(seed_plan, database_backend, reader):
    case = secret_case(
        seed_plan["2.3.1"], title="Arbetsanpassning för medarbetare", description="Hemlig diagnos.", mask_title=False
    )
    reindex()
    assert search("arbetsanpassning", reader).hits[0].reference == case.reference
    assert search("diagnos", reader).total == 0


def test_the_public_and_users_without_the_register_search_only_the_plan_and_guides(secret, outsider):
    for user in (outsider, None):
        assert {h.type for h in search("rehabilitering", user).hits} == {"process"}  # never the open case
        results = search("", user, filters=Filters(process="2.3.1"))
        assert {v.value for v in results.facets["type"]} == {"process"}
        assert search(secret.reference, user).total == 0
        assert search("", user, filters=Filters(kind="case")).total == 0


@pytest.mark.parametrize("role", ["Entreprenör", "Installatör", "Beställare", "Kundservice"])
def test_roles_outside_the_register_find_no_cases(secret, make_user, role):
    user = make_user(groups=[role], username=f"roll-{role}")
    assert search("", user, filters=Filters(kind="case")).total == 0
    assert search("rehabilitering", user).total == search("rehabilitering", None).total
