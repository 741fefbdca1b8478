"""The page, the API and the command: the same search, Swedish messages, and never a 500 for bad input."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.search.factories import (
    CaseFactory,
    document_with_text,
    reindex,
    secret_case,
)

pytestmark = pytest.mark.django_db

MALFORMED = [
    '"',
    '"vatten',
    "AND",
    "OR",
    "*",
    "-",
    "- -",
    "()",
    "&&",
    "NOT",
    '""""',
    "x" * 10_000,
    "vatten " * 2000,
    "NEAR(a b)",
    "title:x",
    '{ref} : "x"',
    "^*:()-+",
    "'; DROP TABLE search_entry; --",
    # A NUL never reaches the page: common.request_checks answers 400 (tests/common/test_request_checks.py).
    "\ue000mark\ue001",
    "%",
    "_",
    "\\",
    "ÅÄÖ",
    "BOP 2026/",
    "OK-",
    "2.9.",
    "...",
    "a",
    "'",
    "fas 3",
    "💧 vatten",
]


@pytest.fixture
def register(seed_plan, database_backend):
    water = CaseFactory(process=seed_plan["2.9.1"], title="Vattenskada i trapphus", description="Läckage från taket.")
    document_with_text(water, title="Faktura från rörmokare", text="Fakturan avser reparation av vattenskadan.")
    for number in range(25):
        CaseFactory(process=seed_plan["2.9.1"], title=f"Fuktskada i lägenhet {number}")
    secret_case(seed_plan["2.3.1"], title="Vräkning av hyresgäst", description="Skulder.")
    reindex()
    return {"water": water}


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


# --- The page -------------------------------------------------------------------------------


def test_the_page_needs_a_login(client, db):
    response = client.get("/sok/?q=vatten")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_empty_page_helps_with_examples(reader_client, db):
    page = reader_client.get("/sok/").content.decode()
    assert "Vad vill du hitta?" in page and "BOP 2026/42" in page and "AO1234" in page and "lokal*" in page
    assert 'href="/sok/"' in page  # the menu links the page


def test_the_page_shows_hits_with_highlights_facets_and_sorting(register, reader_client):
    page = reader_client.get("/sok/", {"q": "vattenskador"}).content.decode()
    assert "2 träffar" in page and register["water"].reference in page
    assert "<mark>vattenskadan</mark>" in page
    assert "Ärende" in page and "Handling" in page and "?q=vattenskador&amp;typ=case" in page
    assert "sortering=datum" in page


def test_the_page_pages_through_many_hits(register, reader_client):
    first = reader_client.get("/sok/", {"q": "fuktskada"}).content.decode()
    assert "25 träffar" in first and "Sida 1 av 2" in first and "sida=2" in first
    second = reader_client.get("/sok/", {"q": "fuktskada", "sida": "2"}).content.decode()
    assert "Sida 2 av 2" in second and "Föregående" in second


def test_the_page_gives_advice_when_nothing_is_found(register, reader_client):
    page = reader_client.get("/sok/", {"q": "vräkning", "status": "open"}).content.decode()
    assert "Inga träffar för ”vräkning”" in page and "Kontrollera stavningen" in page
    assert "Sök utan filter" in page and "Sekretessmarkerade uppgifter" in page


def test_the_page_filters_by_process_with_a_trail_back(register, reader_client):
    page = reader_client.get("/sok/", {"q": "fuktskada", "process": "2.9"}).content.decode()
    assert "Alla processer" in page and "2.9.1 Förvalta fastigheter" in page and "25 träffar" in page


def test_the_page_answers_malformed_queries_with_a_message_or_results(register, reader_client):
    for typed in MALFORMED:
        response = reader_client.get("/sok/", {"q": typed})
        assert response.status_code == 200, typed
        page = response.content.decode()
        assert 'class="search-error"' in page or "träff" in page, typed


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ar": "tjugo"}, "Året anges"),
        ({"sida": "-1"}, "Sidnumret"),
        ({"sida": "1000000"}, "Sidnumret"),
        ({"sida": "9999"}, "bläddra så långt"),
        ({"typ": "hemligt"}, "Okänd typ"),
        ({"process": "9.9.9"}, "9.9.9"),
        ({"sortering": "slump"}, "Sortera"),
    ],
)
def test_the_page_explains_bad_parameters(register, reader_client, params, message):
    response = reader_client.get("/sok/", {"q": "vatten", **params})
    assert response.status_code == 200 and message in response.content.decode()


# --- The API --------------------------------------------------------------------------------


def test_the_api_needs_authentication(client, db):
    assert client.get("/api/v1/search/", {"q": "vatten"}).status_code in (401, 403)


def test_the_api_returns_hits_facets_and_paging(register, reader_client):
    data = reader_client.get("/api/v1/search/", {"q": "fuktskada", "page_size": "10", "page": "2"}).json()
    assert data["total"] == 25 and data["page"] == 2 and data["pages"] == 3 and len(data["results"]) == 10
    hit = data["results"][0]
    assert {"type", "id", "reference", "title", "process", "snippet", "score", "url"} <= set(hit)
    assert {f["value"]: f["count"] for f in data["facets"]["type"]} == {"case": 25}


def test_the_api_takes_the_same_filters(register, reader_client):
    data = reader_client.get(
        "/api/v1/search/", {"q": "vattenskada", "type": "document", "process": "2.9", "status": "open", "sort": "date"}
    ).json()
    assert [r["reference"] for r in data["results"]] == [f"{register['water'].reference}-1"]


def test_the_api_searches_as_you_type(register, reader_client):
    data = reader_client.get("/api/v1/search/", {"q": "vattensk", "as_you_type": "1"}).json()
    assert data["results"][0]["reference"] == register["water"].reference


def test_the_api_answers_malformed_queries_with_400_or_results(register, reader_client):
    for typed in MALFORMED:
        response = reader_client.get("/api/v1/search/", {"q": typed})
        assert response.status_code in (200, 400), typed
        assert response.json()["detail"] if response.status_code == 400 else "total" in response.json()


@pytest.mark.parametrize("params", [{"page_size": "1000"}, {"page": "x"}, {"year": "1e9"}, {"type": "x"}])
def test_the_api_rejects_bad_parameters_with_a_message(register, reader_client, params):
    response = reader_client.get("/api/v1/search/", {"q": "vatten", **params})
    assert response.status_code == 400 and response.json()["detail"]


# --- The command ----------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("search", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_prints_the_agreed_json(register, reader):
    data = json.loads(run("vattenskador", "--json", "--user", reader.username))
    assert set(data) == {"total", "results", "facets"} and data["total"] == 2
    assert all(
        set(hit) == {"type", "id", "reference", "title", "process", "snippet", "score"} for hit in data["results"]
    )
    assert set(data["facets"]) == {"type", "process", "record_type", "status", "year"}
    assert data["facets"]["type"][0] == {"value": "case", "label": "Ärende", "count": 1} or data["facets"]["type"]


def test_the_command_limits_the_number_of_hits(register, reader):
    data = json.loads(run("fuktskada", "--json", "--user", reader.username, "--limit", "3"))
    assert data["total"] == 25 and len(data["results"]) == 3


def test_the_command_without_a_user_searches_only_what_the_public_sees(register):
    data = json.loads(run("vattenskada", "--json"))
    assert data["total"] == 0
    data = json.loads(run("fastigheter", "--json"))
    assert data["total"] and {hit["type"] for hit in data["results"]} == {"process"}


def test_the_command_prints_readable_lines(register, registrar):
    text = run("vräkning", "--user", registrar.username)
    assert "1 träffar" in text and "Vräkning av hyresgäst" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["AND", "--json"], "inga ord"),
        (["-", "--json"], "inga ord"),
        (["vatten", "--user", "nobody"], "nobody"),
        (["vatten", "--limit", "0"], "träffar per sida"),
        (["vatten", "--process", "9.9"], "9.9"),
        (["--json", "--", "-vatten"], "minustecken"),
    ],
)
def test_the_command_fails_with_one_line_for_bad_input(register, args, message):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_the_command_never_crashes_on_malformed_queries(register, registrar):
    for typed in MALFORMED:
        try:
            assert "total" in json.loads(run("--json", "--user", registrar.username, "--", typed)), typed
        except CommandError as error:
            assert str(error) and "\n" not in str(error), typed
