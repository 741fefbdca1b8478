"""Swedish text analysis for the index and for queries: words, stems, references and codes."""

import re
from functools import lru_cache

from classification.swedish import STOP_WORDS, TOKEN_RE, stem

# Private-use characters mark highlights inside engine output; they never occur in indexed text.
MARK_START = "\ue000"
MARK_END = "\ue001"
MAX_WORD = 64  # longer "words" (hashes, garbage) are cut; nobody types more
_MARKS = str.maketrans("", "", MARK_START + MARK_END)

# A reference number as typed: `BOP 2026/42`, `BOP 2026/42-3` (a document), `AO1234`,
# `AO-1234`, `OK-0003826`. Letters, an optional space or hyphen, digits, then optional parts.
REFERENCE_RE = re.compile(r"(?<![\w/.])([A-Za-zÅÄÖåäö]{1,6})[ -]?(\d{1,9})(?:/(\d{1,9}))?(?:-(\d{1,5}))?(?![\w/])")
# A code of the classification plan with at least one dot: `2.9.1`, `3.2`.
CODE_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){1,4})(?![\w.])")


def clean(text: str) -> str:
    """Text as stored for snippets: without the highlight markers."""
    return (text or "").translate(_MARKS)


def word_forms(word: str) -> list[str]:
    """One matched word as the index sees it: a compound (`el-installation`, `2026/42`) gives the
    joined form and its parts, a plain word itself."""
    word = word.lower()[:MAX_WORD]
    parts = [p for p in re.split(r"[-/]", word) if p]
    if len(parts) > 1:
        return ["".join(parts), *parts]
    return parts


def words(text: str) -> list[str]:
    """The words of a text (compounds kept whole), lower-cased."""
    return [m.group(0).lower() for m in TOKEN_RE.finditer(text or "")]


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS


def definite_root(word: str) -> str | None:
    """Snowball Swedish leaves the definite singular of nouns in -a alone (`fakturan`, `skadan`,
    `lådan`, genitive `fakturans`), so they would never meet `faktura` or `fakturor`. Their root
    (`faktura`) is indexed and searched beside them; other words give None."""
    stemmed = stem(word)
    if len(stemmed) >= 5 and stemmed.endswith("an") and stemmed.isalpha() and word not in STOP_WORDS:
        return stemmed[:-1]
    return None


@lru_cache(maxsize=200_000)
def _analysed(word: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """One word as (its forms, their stems without stop words, the roots of definite forms)."""
    forms = tuple(word_forms(word))
    stems = tuple(stem(form) for form in forms if form not in STOP_WORDS)
    found = tuple(root for root in (definite_root(form) for form in forms) if root)
    return forms, stems, found


def roots(text: str) -> list[str]:
    """The definite_root of every word that has one (indexed after the text, outside its phrases)."""
    return [root for word in words(text) for root in _analysed(word)[2]]


def index_terms(text: str) -> str:
    """Stemmed terms of a text for the SQLite index, space-separated, stop words left out; the
    roots of definite forms follow at the end so that phrases are not split by them."""
    out, tail = [], []
    for word in words(text):
        _forms, stems, found = _analysed(word)
        out.extend(stems)
        tail.extend(stem(root) for root in found)
    return " ".join(out + tail)


def plain_terms(text: str) -> str:
    """The words of a text as the index sees them, unstemmed (PostgreSQL stems them itself):
    compounds as their joined form and their parts, so `2026/42` and `OK-0003826` parse alike."""
    return " ".join(form for word in words(text) for form in _analysed(word)[0])


def reference_key(reference: str) -> str:
    """The form a reference is looked up by: upper case, no spaces, no hyphen after the prefix."""
    match = REFERENCE_RE.fullmatch((reference or "").strip())
    if match is None:
        return re.sub(r"\s+", "", (reference or "").upper())
    prefix, first, second, document = match.groups()
    key = prefix.upper() + first
    if second:
        key += "/" + second
    if document:
        key += "-" + document
    return key


def reference_parts(reference: str) -> list[str]:
    """The canonical terms of a reference, in order: `BOP 2026/42-3` → bop2026 42 3,
    `OK-0003826` → ok0003826, `AO1234` → ao1234; anything else (a plan code) its letters and digits."""
    match = REFERENCE_RE.fullmatch((reference or "").strip())
    if match is None:
        return [p.lower() for p in re.findall(r"[0-9A-Za-zÅÄÖåäö]+", reference or "")]
    prefix, first, second, document = match.groups()
    return [prefix.lower() + first, *(part for part in (second, document) if part)]


def reference_terms(reference: str) -> list[str]:
    """What the reference field holds: the canonical terms first (for phrase and prefix matching of
    a typed reference), then the plain letter and digit runs (for words like `2026`)."""
    canonical = reference_parts(reference)
    loose = [p.lower() for p in re.findall(r"[0-9A-Za-zÅÄÖåäö]+", reference or "")]
    return canonical if loose == canonical else canonical + loose
