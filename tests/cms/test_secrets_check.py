"""The publish check's detector: credentials and personal identity numbers, true and false positives."""

import pytest

from cms.secrets_check import (
    COORDINATION_NUMBER,
    PASSWORD,
    PERSONAL_IDENTITY_NUMBER,
    TOKEN,
    URL_CREDENTIALS,
    classify_identity_number,
    find_secrets,
    scan,
)


def kinds(text):
    return [hit.kind for hit in find_secrets(text)]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Lösenord: Sommar2024!", PASSWORD),
        ("lösenord:Sommar2024!", PASSWORD),
        ("Användarnamn: kundservice\nLösenord: hemligt", PASSWORD),
        ("password=hunter2", PASSWORD),
        ("lösen: kaka", PASSWORD),
        ("Lösenordet är Vinter2023", PASSWORD),
        ("PIN: 4711", PASSWORD),
        ("Passord: Fjell2022", PASSWORD),
        ("token: 8f3kd93jf83kd93jd83kdLQ", TOKEN),
        ("API-nyckel: 9a8b7c6d5e4f3a2b1c0d9e8f", TOKEN),
        ("Använd nyckeln 4f9c2b7e1a8d3f6c0b5e9a2d vid anrop", TOKEN),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N", TOKEN),
        ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", TOKEN),
        ("Logga in på https://kund:Hemlig1@portal.example.org/", URL_CREDENTIALS),
        ("Sökanden har personnummer 811218-9876.", PERSONAL_IDENTITY_NUMBER),
        ("811218+9876", PERSONAL_IDENTITY_NUMBER),
        ("19811218-9876", PERSONAL_IDENTITY_NUMBER),
        ("198112189876", PERSONAL_IDENTITY_NUMBER),
        ("Samordningsnummer 701063-2391", COORDINATION_NUMBER),
    ],
)
def test_it_finds(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lösenordet byter du själv under Mina sidor.",
        "Vid första inloggningen byter du lösenordet.",
        "Lösenord: välj ett eget med minst tolv tecken",
        "Lösenord: [borttaget ur underlaget]",
        "Lösenordet är ditt eget och ska inte lämnas ut.",
        "Har du glömt lösenordet väljer du Glömt lösenord.",
        "Arbetsordern skickades 2024-05-01 och utfördes 2024-05-03.",
        "Fakturera med referensen AO1234, inte AO 1234 eller AO-1234.",
        "Ärendet OK-0003826 har status GENOMFÖRANDE PÅGÅR.",
        "Organisationsnummer 556036-0793",
        "Ring 0701234567 eller 08-123 456 78.",
        "Personnummer med fel kontrollsiffra: 811218-9875",
        "Datumet 20240501 och beloppet 12345678.",
        "Nyckel 12 hänger i receptionen.",
        "En token skickas till din e-post när du loggar in.",
        "Process 2.9.1 Förvalta fastigheter och inventarier",
        "Diarienummer BOP 2026/42",
        "Användarnamn: kundservice@example.org",
    ],
)
def test_it_lets_ordinary_text_pass(text):
    assert find_secrets(text) == []


def test_it_masks_what_it_found():
    [hit] = find_secrets("Lösenord: Sommar2024!")
    assert "Sommar2024" not in hit.excerpt
    assert hit.excerpt.startswith("Lösenord: S")


@pytest.mark.parametrize(
    "candidate, expected",
    [
        ("811218-9876", PERSONAL_IDENTITY_NUMBER),
        ("701063-2391", COORDINATION_NUMBER),
        ("811318-9876", None),  # month 13
        ("810230-1234", None),  # 30 February
        ("556036-0793", None),  # organisation number: month digits >= 20
        ("21811218-9876", None),  # no such century
    ],
)
def test_it_classifies_identity_numbers(candidate, expected):
    assert classify_identity_number(candidate) == expected


def test_it_reports_where_each_finding_is():
    findings = scan([("Rubrik", "title", "Guide"), ("Steg 2 › Text", "body", "Lösenord: Sommar2024!")])
    assert [(f.location, f.field, f.kind) for f in findings] == [("Steg 2 › Text", "body", PASSWORD)]
    assert "Steg 2 › Text" in findings[0].describe()
    assert "lösenord" in findings[0].describe()
