"""Detection of credentials and Swedish personal identity numbers in text that is about to be published."""

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

PASSWORD = "password"
TOKEN = "token"
URL_CREDENTIALS = "url_credentials"
PERSONAL_IDENTITY_NUMBER = "personal_identity_number"
COORDINATION_NUMBER = "coordination_number"

KIND_LABELS = {
    PASSWORD: _("något som liknar ett lösenord"),
    TOKEN: _("något som liknar en nyckel eller token"),
    URL_CREDENTIALS: _("en länk med inloggningsuppgifter"),
    PERSONAL_IDENTITY_NUMBER: _("ett personnummer"),
    COORDINATION_NUMBER: _("ett samordningsnummer"),
}

# A label, then ":" / "=" / "är", then the value. "Lösenordet byter du själv" has no separator and
# is an instruction, not a credential.
_PASSWORD_LABEL = re.compile(
    r"(?<![\w-])(?P<label>lösenord(?:et)?|lösen|password|passwd|pwd|passord(?:et)?|passcode|pin-?kod(?:en)?|pin)"
    r"\s*(?P<sep>[:=]|\bär\b|\bis\b)[ \t]*(?P<value>[^\n]*)",
    re.IGNORECASE,
)
_TOKEN_LABEL = re.compile(
    r"(?<![\w-])(?P<label>(?:api|access|secret|auth)?[-_ ]?(?:token|key|nyckel(?:n)?)|apinyckel|hemlighet|"
    r"client[-_ ]?secret|bearer)"
    r"(?:\s*[:=]\s*|\s+(?:är\s+|is\s+)?)[\"']?(?P<value>[A-Za-z0-9_\-+/=.~]{16,})",
    re.IGNORECASE,
)
# Formats that are secrets wherever they appear, label or not.
_KNOWN_TOKENS = re.compile(
    r"(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|AKIA[0-9A-Z]{16}|"
    r"sk-[A-Za-z0-9_\-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_\-]{20,}|"
    r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})"
)
_URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/@:]+:(?P<value>[^\s/@]+)@[^\s/]+", re.IGNORECASE)
# YYMMDD-NNNC, YYMMDD+NNNC, YYYYMMDD-NNNC and YYYYMMDDNNNC, not inside longer numbers or codes. Ten
# bare digits are left alone: that is how phone numbers are written, and one in ten would pass Luhn.
_IDENTITY_NUMBER = re.compile(
    r"(?<![\w-])(?:(?P<century>\d{2})(?P<date12>\d{6})-?|(?P<date10>\d{6})[-+])(?P<serial>\d{4})(?![\w-])"
)
_PLACEHOLDER = re.compile(r"^[\[<({«]|^(?:\*+|•+|x+|\.+|…)$", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """One suspicious piece of one text: what kind of secret, shown masked."""

    kind: str
    excerpt: str


@dataclass(frozen=True)
class Finding:
    """A hit together with where it was found (a field or a block of the page)."""

    kind: str
    excerpt: str
    location: str
    field: str = ""

    def describe(self) -> str:
        return _("%(where)s: %(what)s (%(excerpt)s)") % {
            "where": self.location,
            "what": KIND_LABELS[self.kind],
            "excerpt": self.excerpt,
        }


def mask(value: str, keep: int = 2) -> str:
    """The first characters of a secret and a fixed number of dots: enough to find it, too little to use it."""
    return value[:keep] + "•" * 6


def luhn_ok(digits: str) -> bool:
    """The Luhn check used for the last digit of Swedish personal identity and organisation numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        number = int(char)
        if position % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def _date_exists(year_two_digits: int, month: int, day: int, century: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    centuries = [century] if century is not None else [19, 20]
    return any(day <= calendar.monthrange(c * 100 + year_two_digits, month)[1] for c in centuries)


def classify_identity_number(text: str) -> str | None:
    """PERSONAL_IDENTITY_NUMBER, COORDINATION_NUMBER or None for one candidate like "811218-9876"."""
    match = _IDENTITY_NUMBER.fullmatch(text.strip())
    if not match:
        return None
    century = int(match["century"]) if match["century"] else None
    if century is not None and century not in (18, 19, 20):
        return None
    date = match["date12"] or match["date10"]
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:])
    kind = PERSONAL_IDENTITY_NUMBER
    if day > 60:
        day -= 60
        kind = COORDINATION_NUMBER
    if not _date_exists(year, month, day, century):
        return None
    if not luhn_ok(date + match["serial"]):
        return None
    return kind


def _looks_like_secret(token: str) -> bool:
    """A word that mixes letters, digits or symbols the way chosen passwords do."""
    classes = sum(bool(re.search(pattern, token)) for pattern in (r"[a-zåäö]", r"[A-ZÅÄÖ]", r"\d", r"[^\wåäöÅÄÖ]"))
    return len(token) >= 4 and (classes >= 2 or token.isdigit())


def _password_hit(value: str, separator: str) -> bool:
    words = value.strip().split()
    if not words:
        return False
    first = words[0].strip("\"'.,;")
    if not first or _PLACEHOLDER.match(words[0]):
        return False
    if _looks_like_secret(first):
        return True
    # "Lösenord: hemligt" is a value of its own; "Lösenord: välj ett eget" is an instruction.
    return separator in ":=" and len(words) == 1 and len(first) >= 4


def _random_enough(token: str) -> bool:
    has_letter = re.search(r"[A-Za-z]", token) is not None
    has_digit = re.search(r"\d", token) is not None
    return has_letter and has_digit and len(set(token)) >= 8


def find_secrets(text: str) -> list[Hit]:
    """Every credential or identity number in a plain text, in order of appearance."""
    if not text:
        return []
    found: list[tuple[int, Hit]] = []
    token_spans: list[tuple[int, int]] = []
    for match in _PASSWORD_LABEL.finditer(text):
        separator = match["sep"].lower()
        if _password_hit(match["value"], separator):
            value = match["value"].strip().split()[0]
            label = match["label"] + (match["sep"] if separator in ":=" else f" {match['sep']}")
            found.append((match.start(), Hit(PASSWORD, f"{label} {mask(value, 1)}")))
    for match in _TOKEN_LABEL.finditer(text):
        if _random_enough(match["value"]):
            token_spans.append(match.span())
            found.append((match.start(), Hit(TOKEN, f"{match['label']} {mask(match['value'], 3)}")))
    for match in _KNOWN_TOKENS.finditer(text):
        if not any(start <= match.start() < end for start, end in token_spans):
            found.append((match.start(), Hit(TOKEN, mask(match.group(0), 4))))
    for match in _URL_CREDENTIALS.finditer(text):
        found.append((match.start(), Hit(URL_CREDENTIALS, mask(match.group(0), 10))))
    for match in _IDENTITY_NUMBER.finditer(text):
        kind = classify_identity_number(match.group(0))
        if kind:
            found.append((match.start(), Hit(kind, "••••••-••••")))
    return [hit for _start, hit in sorted(found, key=lambda pair: pair[0])]


def scan(fields: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """Findings for (location, field name, text) triples, e.g. ("Steg 2 › Text", "body", "...")."""
    return [
        Finding(kind=hit.kind, excerpt=hit.excerpt, location=location, field=field)
        for location, field, text in fields
        for hit in find_secrets(text)
    ]
