"""Swedish identity numbers (common.identity_numbers, on python-stdnum): check, format, kind and finding in text."""

import datetime

import pytest

from common import identity_numbers as ids


def test_it_checks_the_luhn_digit_and_completes_a_number():
    assert ids.is_luhn_valid("8112189876")
    assert not ids.is_luhn_valid("8112189875")
    assert ids.with_check_digit("811218987") == "8112189876"
    assert ids.with_check_digit("559900000") == "5599000006"


@pytest.mark.parametrize(
    ("raw", "formatted"),
    [
        ("811218-9876", "811218-9876"),
        ("8112189876", "811218-9876"),
        (" 811218 - 9876 ", "811218-9876"),
        ("19811218-9876", "19811218-9876"),
        ("198112189876", "19811218-9876"),
        ("121212+1212", "121212+1212"),  # 100 years or older
        ("701063-2391", "701063-2391"),  # samordningsnummer: day 3 + 60
    ],
)
def test_it_accepts_and_formats_personnummer_and_samordningsnummer(raw, formatted):
    assert ids.validate_personnummer(raw) == formatted


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("811218-9875", ids.InvalidChecksum),
        ("811318-9876", ids.InvalidChecksum),  # checked digit first; the month is wrong too
        ("810230-1234", ids.InvalidComponent),  # 30 February, valid check digit
        ("81121-9876", ids.InvalidFormat),
        ("811218/9876", ids.InvalidFormat),
        ("", ids.InvalidFormat),
    ],
)
def test_it_rejects_a_bad_personnummer_naming_the_problem(raw, error):
    assert ids.is_luhn_valid("8102301234") and issubclass(error, ids.ValidationError)
    with pytest.raises(error):
        ids.validate_personnummer(raw)


def test_the_birth_date_of_a_samordningsnummer_is_the_day_less_60():
    assert ids.birth_date("701063-2391") == datetime.date(1970, 10, 3)
    assert ids.birth_date("19121212-1212") == datetime.date(1912, 12, 12)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19121212-1212", ("19121212-1212", ids.PERSONNUMMER)),
        ("701063-2391", ("701063-2391", ids.SAMORDNINGSNUMMER)),
        ("556677-8899", ("556677-8899", ids.ORGANISATIONSNUMMER)),
        ("5566778899", ("556677-8899", ids.ORGANISATIONSNUMMER)),
    ],
)
def test_it_parses_any_of_the_three_kinds(raw, expected):
    assert ids.parse_identity_number(raw) == expected


def test_a_century_makes_a_month_of_20_or_more_a_bad_date_not_an_organisation():
    with pytest.raises(ids.InvalidComponent):
        ids.parse_identity_number("19556677-8899")


@pytest.mark.parametrize(
    ("raw", "formatted"),
    [
        ("559900-0006", "559900-0006"),
        ("5599000006", "559900-0006"),
        ("16559900-0006", "559900-0006"),  # the long form
        ("19121212-1212", "121212-1212"),  # a sole trader's personnummer
        ("121212-1212", "121212-1212"),
    ],
)
def test_it_accepts_organisation_numbers(raw, formatted):
    assert ids.validate_organisation_number(raw) == formatted


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("559900-0007", ids.InvalidChecksum),
        ("55990-0006", ids.InvalidFormat),
        ("17559900-0006", ids.InvalidFormat),
        ("559900+0006", ids.InvalidFormat),
    ],
)
def test_it_rejects_bad_organisation_numbers(raw, error):
    with pytest.raises(error):
        ids.validate_organisation_number(raw)


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("811218-9876", ids.PERSONNUMMER),
        ("811218+9876", ids.PERSONNUMMER),
        ("19811218-9876", ids.PERSONNUMMER),
        ("198112189876", ids.PERSONNUMMER),
        ("701063-2391", ids.SAMORDNINGSNUMMER),
        ("8112189876", None),  # ten bare digits: a phone number as often as not
        ("811218-9875", None),  # wrong check digit
        ("811318-9876", None),  # month 13
        ("556036-0793", None),  # organisation number
        ("21811218-9876", None),  # no such century
    ],
)
def test_it_classifies_a_number_as_written_in_text(candidate, expected):
    assert ids.classify_personnummer(candidate) == expected


def test_29_february_counts_if_the_date_exists_in_either_century():
    number = ids.with_check_digit("000229123")
    assert ids.classify_personnummer(f"{number[:6]}+{number[6:]}") == ids.PERSONNUMMER  # 2000 was a leap year


def test_it_finds_numbers_in_free_text_with_where_they_are():
    text = "Sökande 811218-9876, medsökande 701063-2391; org 556036-0793, fel 811218-9875, tel 0701234567."
    found = ids.find_personnummer(text)
    assert [(f.text, f.kind) for f in found] == [
        ("811218-9876", ids.PERSONNUMMER),
        ("701063-2391", ids.SAMORDNINGSNUMMER),
    ]
    assert text[found[0].start : found[0].end] == "811218-9876"
    assert ids.find_personnummer("") == [] and ids.find_personnummer("AO-811218-9876") == []
