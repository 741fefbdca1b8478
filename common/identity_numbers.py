"""Swedish identity numbers through python-stdnum: personnummer, samordningsnummer and organisationsnummer.

python-stdnum does the check digit (Luhn), the birth date and the organisation number; what it does not know
is added here: a samordningsnummer is a personnummer with 60 added to the day, an organisation number has 20
or more in the "month" position, a sole trader's organisation number is the owner's personnummer, and free
text is searched for numbers written the way people write personnummer.

The functions raise python-stdnum's exceptions, re-exported here, so that each caller words its own
message: InvalidFormat (not the shape of such a number), InvalidChecksum (the last digit is wrong) and
InvalidComponent (the date part is no date). All are ValidationError.
"""

import datetime
import re
from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, ValidationError
from stdnum.se import orgnr, personnummer

__all__ = [
    "ORGANISATIONSNUMMER",
    "PERSONNUMMER",
    "SAMORDNINGSNUMMER",
    "Found",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "ValidationError",
    "birth_date",
    "classify_personnummer",
    "find_personnummer",
    "identity_kind",
    "is_luhn_valid",
    "parse_identity_number",
    "validate_organisation_number",
    "validate_personnummer",
    "with_check_digit",
]

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
ORGANISATIONSNUMMER = "organisationsnummer"

COORDINATION_DAY_OFFSET = 60

# What a person types: YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYMMDDNNNN or the same with the
# century in front. Whitespace is removed first.
_NUMBER = re.compile(r"^(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<serial>\d{4})$")
# An organisation number: ten digits, or twelve with 16 (its long form) or 19/20 (a sole trader's
# personnummer, which is the firm's organisation number) in front.
_ORGANISATION_NUMBER = re.compile(r"^(?:16|19|20)?(?P<date>\d{6})-?(?P<serial>\d{4})$")
# In free text: YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN and YYYYMMDDNNNN, not inside longer numbers or
# codes. Ten bare digits are left alone: that is how phone numbers are written, and one in ten would
# pass the check digit.
_IN_TEXT = re.compile(
    r"(?<![\w-])(?:(?P<century>\d{2})(?P<date12>\d{6})-?|(?P<date10>\d{6})[-+])(?P<serial>\d{4})(?![\w-])"
)
_TEXT_CENTURIES = ("18", "19", "20")


@dataclass(frozen=True)
class Found:
    """A personnummer or samordningsnummer in a text: where it is, as written, and which kind."""

    start: int
    end: int
    text: str
    kind: str


def _compact(value) -> str:
    return re.sub(r"\s", "", str(value or ""))


def _parts(value) -> re.Match:
    match = _NUMBER.match(_compact(value))
    if not match:
        raise InvalidFormat()
    return match


def is_luhn_valid(digits: str) -> bool:
    """True if the last digit is the Luhn check digit of the others (as in all three kinds of number)."""
    return luhn.is_valid(digits)


def with_check_digit(body: str) -> str:
    """`body` (nine digits for a ten-digit number) followed by its Luhn check digit."""
    return body + luhn.calc_check_digit(body)


def identity_kind(value) -> str:
    """PERSONNUMMER, SAMORDNINGSNUMMER or ORGANISATIONSNUMMER by the date part alone (nothing is checked but
    the shape): ten digits with 20 or more as month are an organisation number, a day above 60 a
    samordningsnummer."""
    match = _parts(value)
    date = match["date"]
    if not match["century"] and int(date[2:4]) >= 20:
        return ORGANISATIONSNUMMER
    return SAMORDNINGSNUMMER if int(date[4:6]) > COORDINATION_DAY_OFFSET else PERSONNUMMER


def birth_date(value) -> datetime.date:
    """The date in a personnummer or samordningsnummer; InvalidComponent if there is no such date.

    Without a century, python-stdnum takes the latest century that does not put the date in the future,
    and the one before for a "+".
    """
    match = _parts(value)
    date = match["date"]
    day = int(date[4:6])
    if day > COORDINATION_DAY_OFFSET:
        day -= COORDINATION_DAY_OFFSET
    return personnummer.get_birth_date(
        f"{match['century'] or ''}{date[:4]}{day:02d}{match['sep'] or '-'}{match['serial']}"
    )


def validate_personnummer(value) -> str:
    """A personnummer or samordningsnummer of 10 or 12 digits, checked (digit first, then date) and formatted
    as YYMMDD-NNNN (YYMMDD+NNNN at 100 years or more) or YYYYMMDD-NNNN."""
    match = _parts(value)
    luhn.validate(match["date"] + match["serial"])
    birth_date(value)
    if match["century"]:
        return f"{match['century']}{match['date']}-{match['serial']}"
    return f"{match['date']}{match['sep'] or '-'}{match['serial']}"


def parse_identity_number(value) -> tuple[str, str]:
    """A personnummer, samordningsnummer or organisationsnummer, checked: (formatted number, kind)."""
    match = _parts(value)
    luhn.validate(match["date"] + match["serial"])
    kind = identity_kind(value)
    if kind == ORGANISATIONSNUMMER:
        return orgnr.format(match["date"] + match["serial"]), kind
    return validate_personnummer(value), kind


def validate_organisation_number(value) -> str:
    """An organisation number as NNNNNN-NNNN, with a valid check digit.

    Also accepted: the long form with 16 in front, and a sole trader's personnummer with or without its
    century (a sole trader's firm has the owner's personnummer as organisation number); only the check
    digit is checked, not the date.
    """
    match = _ORGANISATION_NUMBER.match(_compact(value))
    if not match:
        raise InvalidFormat()
    return orgnr.format(orgnr.validate(match["date"] + match["serial"]))


def _text_kind(match: re.Match) -> str | None:
    century = match["century"]
    if century is not None and century not in _TEXT_CENTURIES:
        return None
    date = match["date12"] or match["date10"]
    if not is_luhn_valid(date + match["serial"]):
        return None
    # Without a century, a date that exists in either the 1900s or the 2000s (29 February).
    for candidate in [century] if century else ["19", "20"]:
        try:
            birth_date(f"{candidate}{date}-{match['serial']}")
        except ValidationError:
            continue
        return SAMORDNINGSNUMMER if int(date[4:6]) > COORDINATION_DAY_OFFSET else PERSONNUMMER
    return None


def classify_personnummer(text: str) -> str | None:
    """PERSONNUMMER, SAMORDNINGSNUMMER or None for one number written as in a text, e.g. "811218-9876"."""
    match = _IN_TEXT.fullmatch(text.strip())
    return _text_kind(match) if match else None


def find_personnummer(text: str) -> list[Found]:
    """Every personnummer or samordningsnummer in a free text that has a real date and a valid check digit,
    in order. Organisation numbers (month 20 or more) are not found: they are no date."""
    found = []
    for match in _IN_TEXT.finditer(text or ""):
        kind = _text_kind(match)
        if kind:
            found.append(Found(match.start(), match.end(), match.group(0), kind))
    return found
