"""Detection of credentials and Swedish personal identity numbers in text that is about to be published."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from common import identity_numbers

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
        return _("%(where)s: %(what)s") % {"where": self.location, "what": self.describe_here()}

    def describe_here(self) -> str:
        """Without the location: for a message shown at the field, whose label already says where."""
        return _("%(what)s (%(excerpt)s)") % {"what": KIND_LABELS[self.kind], "excerpt": self.excerpt}


def mask(value: str, keep: int = 2) -> str:
    """The first characters of a secret and a fixed number of dots: enough to find it, too little to use it."""
    return value[:keep] + "•" * 6


_KINDS = {
    identity_numbers.PERSONNUMMER: PERSONAL_IDENTITY_NUMBER,
    identity_numbers.SAMORDNINGSNUMMER: COORDINATION_NUMBER,
}


def classify_identity_number(text: str) -> str | None:
    """PERSONAL_IDENTITY_NUMBER, COORDINATION_NUMBER or None for one candidate like "811218-9876"."""
    return _KINDS.get(identity_numbers.classify_personnummer(text))


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
    # Personnummer and samordningsnummer with a real date and a valid check digit.
    for number in identity_numbers.find_personnummer(text):
        found.append((number.start, Hit(_KINDS[number.kind], "••••••-••••")))
    return [hit for _start, hit in sorted(found, key=lambda pair: pair[0])]


def scan(fields: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """Findings for (location, field name, text) triples, e.g. ("Steg 2 › Text", "body", "...")."""
    return [
        Finding(kind=hit.kind, excerpt=hit.excerpt, location=location, field=field)
        for location, field, text in fields
        for hit in find_secrets(text)
    ]
