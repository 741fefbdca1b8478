"""Where do I file this? Ranking with Swedish inflection and cross-references, in all its interfaces."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from classification.filing import where_to_file
from classification.models import DocumentType, Node

pytestmark = pytest.mark.django_db


def codes(text, limit=5):
    return [item["code"] for item in where_to_file(text, limit=limit)]


def test_it_finds_an_inflected_document_type(seed_plan):
    results = where_to_file("leverantörsfaktura")
    assert results[0]["code"] == "2.4.3"
    assert "leverantörsfakturor" in results[0]["why"]


def test_it_ranks_the_process_a_cross_reference_points_to_first(seed_plan):
    assert codes("budgetunderlag")[0] == "2.4.1"
    # Even without the document type, 1.2's comment says budget material belongs in 2.4.1.
    DocumentType.objects.filter(node__code="2.4.1", name="budgetunderlag").delete()
    results = where_to_file("budgetunderlag")
    assert results[0]["code"] == "2.4.1"
    assert results[0]["why"].startswith("Enligt 1.2")


def test_it_follows_a_reference_phrased_in_words(seed_plan):
    assert codes("underlag till budget")[0] == "2.4.1"


@pytest.mark.parametrize("text", ["annons för uthyrning av rum", "andrahandsuthyrning annons privatperson"])
def test_it_never_suggests_a_ceased_process(seed_plan, text):
    assert Node.objects.get(code="3.2.5").is_ceased
    assert "3.2.5" not in codes(text, limit=50)


def test_it_only_suggests_processes(seed_plan):
    for text in ["verksamhetsstöd", "administrera ekonomi", "hantera förmedling", "styra planera"]:
        for code in codes(text, limit=50):
            assert Node.objects.get(code=code).kind == "P"


def test_it_returns_nothing_for_words_it_does_not_know(seed_plan):
    assert where_to_file("xyzzy qwerty") == []
    assert where_to_file("   ") == []


def test_the_command_prints_json_with_the_agreed_keys(seed_plan, capsys):
    call_command("where_to_file", "leverantörsfaktura", "--json", "--limit", "3")
    results = json.loads(capsys.readouterr().out)
    assert len(results) <= 3 and results[0]["code"] == "2.4.3"
    assert set(results[0]) == {"code", "title", "score", "why"}
    assert results == sorted(results, key=lambda r: -r["score"])


def test_the_command_prints_a_readable_list(seed_plan, capsys):
    call_command("where_to_file", "budgetunderlag")
    out = capsys.readouterr().out
    assert out.startswith("1. 2.4.1 Utforma och följa upp ekonomi")


def test_the_command_rejects_a_bad_limit(seed_plan):
    with pytest.raises(CommandError):
        call_command("where_to_file", "faktura", "--limit", "0")


def test_the_api_answers_logged_in_users_only(seed_plan, client, make_user):
    url = reverse("api-where-to-file")
    assert client.get(url, {"q": "faktura"}).status_code in (401, 403)
    client.force_login(make_user())
    response = client.get(url, {"q": "leverantörsfaktura", "limit": 2})
    assert response.status_code == 200 and response.json()[0]["code"] == "2.4.3" and len(response.json()) <= 2


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "faktura", "limit": "x"}, {"q": "faktura", "limit": 0}, {"q": "a" * 3000}]
)
def test_the_api_rejects_bad_input_with_a_swedish_message(seed_plan, client, make_user, params):
    client.force_login(make_user())
    response = client.get(reverse("api-where-to-file"), params)
    assert response.status_code == 400
    message = json.dumps(response.json(), ensure_ascii=False)
    assert any(word in message for word in ("Ange", "högst"))


def test_the_admin_endpoint_serves_the_registration_form(seed_plan, client, make_user):
    client.force_login(make_user(is_superuser=True))
    response = client.get(reverse("admin:classification_where_to_file"), {"q": "budgetunderlag"})
    assert response.status_code == 200 and response.json()["results"][0]["code"] == "2.4.1"
