"""The query language: words, "phrases", -exclusions, OR, prefix* and reference numbers."""

# Whatever a user types is parsed into a small tree that each backend compiles into its own safe
# syntax; no part of the user's text is ever passed to an engine as query syntax.

import re
from dataclasses import dataclass, field
from enum import Enum

from django.utils.translation import gettext as _

from .analysis import (
    CODE_RE,
    REFERENCE_RE,
    clean,
    definite_root,
    is_stop_word,
    reference_key,
    reference_parts,
    word_forms,
)
from .errors import SearchError

MAX_CHARS = 300
MAX_CLAUSES = 16
MIN_PREFIX = 2
QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "«": '"', "»": '"'})
OR_WORDS = {"OR", "ELLER", "|", "||"}
AND_WORDS = {"AND", "OCH", "&", "&&", "+"}
NOT_WORDS = {"NOT", "INTE"}
_CHUNK_RE = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+(?:[-/][0-9A-Za-zÅÄÖåäöÉéÜü]+)*")


class Emptiness(Enum):
    """Why a query holds nothing to search for. Decided on the parsed structure, before any message
    is translated, so the choice holds in every language."""

    NO_WORDS = "no_words"
    ONLY_EXCLUSIONS = "only_exclusions"
    ONLY_STOP_WORDS = "only_stop_words"
    PREFIX_TOO_SHORT = "prefix_too_short"

    def message(self) -> str:
        if self is Emptiness.ONLY_EXCLUSIONS:
            return _("Ange minst ett ord att söka efter; ett minustecken utesluter bara ord ur en sökning.")
        if self is Emptiness.ONLY_STOP_WORDS:
            return _("Sökningen innehåller bara vanliga småord (som ”och” och ”att”); lägg till ett mer specifikt ord.")
        if self is Emptiness.PREFIX_TOO_SHORT:
            return _("Skriv minst två tecken.")
        return _(
            "Sökningen innehåller inga ord att söka efter. Skriv till exempel ”faktura” eller ett diarienummer "
            "som ”BOP 2026/42”."
        )


class EmptyQuery(SearchError):
    """Nothing searchable was typed; `reason` says why, `message` says it to the user."""

    def __init__(self, reason: Emptiness):
        super().__init__(reason.message())
        self.reason = reason


@dataclass(frozen=True)
class Term:
    word: str  # lower-cased, letters and digits only
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    prefix: bool = False  # the last word is a prefix
    reference: bool = False  # match only the reference field


@dataclass(frozen=True)
class AnyOf:
    items: tuple


@dataclass(frozen=True)
class AllOf:
    items: tuple


@dataclass
class ParsedQuery:
    text: str
    must: list = field(default_factory=list)
    must_not: list = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # keys for the exact lookup
    notices: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.must

    def positive_nodes(self):
        """Every Term and Phrase that can make a document match (for highlighting)."""
        stack = list(self.must)
        while stack:
            node = stack.pop()
            if isinstance(node, (AnyOf, AllOf)):
                stack.extend(node.items)
            else:
                yield node


def _word_node(word: str, prefix: bool):
    """A typed word: a compound becomes "joined form OR the parts as a phrase"."""
    forms = word_forms(word)
    if not forms:
        return None
    if len(forms) == 1:
        if is_stop_word(forms[0]) and not prefix:
            return None
        root = None if prefix else definite_root(forms[0])
        return AnyOf((Term(forms[0]), Term(root))) if root else Term(forms[0], prefix)
    joined, parts = forms[0], tuple(p for p in forms[1:] if not is_stop_word(p))
    if not parts:
        return Term(joined, prefix)
    part_node = Term(parts[0], prefix) if len(parts) == 1 else Phrase(parts, prefix)
    return AnyOf((Term(joined, prefix), part_node))


def _phrase_node(text: str):
    words = []
    for chunk in _CHUNK_RE.findall(text):
        forms = word_forms(chunk)
        words.extend(forms[1:] if len(forms) > 1 else forms)
    words = tuple(w for w in words if not is_stop_word(w))
    if not words:
        return None
    return Term(words[0]) if len(words) == 1 else Phrase(words)


def _reference_node(key: str, typed: str):
    """A typed reference: its canonical terms as a phrase in the reference field, or its words
    anywhere (a letter citing `AO1234` in its text)."""
    words = [_word_node(chunk, False) for chunk in _CHUNK_RE.findall(typed)]
    words = [w for w in words if w is not None]
    phrase = Phrase(tuple(reference_parts(key)), reference=True)
    if not words:
        return phrase
    return AnyOf((phrase, words[0] if len(words) == 1 else AllOf(tuple(words))))


def _looks_like_reference(match: re.Match) -> bool:
    """`BOP 2026/42`, `OK-0003826`, `AO1234`, `AO 1234` count; `fas 3` does not."""
    typed = match.group(0)
    prefix = match.group(1)
    return "/" in typed or "-" in typed or typed[len(prefix)].isdigit() or prefix.isupper()


def _with_prefix(node, prefix: bool):
    if isinstance(node, Term):
        return Term(node.word, prefix)
    if isinstance(node, Phrase):
        return Phrase(node.words, prefix, node.reference)
    if isinstance(node, AnyOf):
        return AnyOf(tuple(_with_prefix(item, prefix) for item in node.items))
    if isinstance(node, AllOf):
        return AllOf((*node.items[:-1], _with_prefix(node.items[-1], prefix)))
    return node


def _too_short(node) -> bool:
    """A prefix of one letter would match half the index; such a clause is left out."""
    if isinstance(node, Term):
        return node.prefix and len(node.word) < MIN_PREFIX
    if isinstance(node, Phrase):
        return node.prefix and len(node.words) == 1 and len(node.words[0]) < MIN_PREFIX
    if isinstance(node, AnyOf):
        return any(_too_short(item) for item in node.items)
    if isinstance(node, AllOf):
        return all(_too_short(item) for item in node.items)
    return False


def _scan(text: str) -> list[tuple[str, str]]:
    """Split the text into ("phrase", text), ("ref", typed), ("code", code) and ("word", chunk)."""
    pieces: list[tuple[str, str]] = []
    segments = text.split('"')
    for index, segment in enumerate(segments):
        if index % 2 == 1:
            pieces.append(("phrase", segment))
            continue
        position = 0
        spans = []
        for regex, kind in ((REFERENCE_RE, "ref"), (CODE_RE, "code")):
            for match in regex.finditer(segment):
                if kind == "ref" and not _looks_like_reference(match):
                    continue
                if any(s < match.end() and match.start() < e for s, e, *_ in spans):
                    continue
                spans.append((match.start(), match.end(), kind, match.group(0)))
        for start, end, kind, typed in sorted(spans):
            pieces.extend(("word", chunk) for chunk in segment[position:start].split())
            pieces.append((kind, typed))
            position = end
        pieces.extend(("word", chunk) for chunk in segment[position:].split())
    return pieces


def parse(text: str, *, as_you_type: bool = False) -> ParsedQuery:
    """Parse what a user typed (not blank). Raises EmptyQuery (a SearchError) when nothing searchable
    is in it."""
    raw = _printable(text)
    query = ParsedQuery(text=raw.strip())
    raw = _drop_unbalanced_quote(_cut_to_length(raw, query.notices), query.notices)
    if not raw.strip():
        raise EmptyQuery(Emptiness.NO_WORDS)

    reader = _ClauseReader()
    reader.read(_scan(raw))
    if as_you_type and _ends_in_word(raw):
        _prefix_last_clause(reader.clauses)
    dropped_short_prefix = _combine(reader.clauses, query)
    _cap_clauses(query)
    query.references = list(dict.fromkeys(reader.references))[:5]
    if not query.must:
        raise EmptyQuery(_why_empty(query, reader.saw_only_stop_words, dropped_short_prefix))
    return query


def _printable(text: str | None) -> str:
    """The text with typographic quotes made plain and control characters made spaces."""
    raw = clean(text or "").translate(QUOTES)
    return "".join(ch if ch.isprintable() else " " for ch in raw)


def _cut_to_length(raw: str, notices: list[str]) -> str:
    """At most MAX_CHARS characters, cut at a space where there is one."""
    if len(raw) <= MAX_CHARS:
        return raw
    cut = raw[:MAX_CHARS]
    raw = cut[: cut.rfind(" ")] if " " in cut else cut
    notices.append(_("Sökningen var för lång; bara de första %(n)d tecknen användes.") % {"n": len(raw)})
    return raw


def _drop_unbalanced_quote(raw: str, notices: list[str]) -> str:
    """A quote without its closing one is read as a space."""
    if not raw.count('"') % 2:
        return raw
    last = raw.rfind('"')
    notices.append(_("Ett citattecken saknade sin avslutning och räknades inte."))
    return raw[:last] + " " + raw[last + 1 :]


def _ends_in_word(raw: str) -> bool:
    """Whether the user is still typing a word (no space or closing quote after it)."""
    return not raw[-1].isspace() and raw.rstrip()[-1] not in '"'


class _ClauseReader:
    """Turns the scanned pieces into clauses in typed order: (negated, node) pairs, with (False,
    None) marking an OR between the clauses either side. Operator words are read here; the
    references to look up exactly are collected on the way."""

    def __init__(self):
        self.clauses: list[tuple[bool, object]] = []
        self.references: list[str] = []
        self.saw_only_stop_words = False
        self._negate_next = False

    def read(self, pieces: list[tuple[str, str]]) -> None:
        for kind, typed in pieces:
            negated, self._negate_next = self._negate_next, False
            if kind == "word":
                self._word(typed, negated)
            elif kind == "phrase":
                self._add(negated, _phrase_node(typed))
            elif kind == "ref":
                key = reference_key(typed)
                self._reference(negated, key, _reference_node(key, typed))
            elif kind == "code":
                self._reference(negated, typed, Phrase(tuple(typed.split(".")), reference=True))

    def _word(self, typed: str, negated: bool) -> None:
        if typed in OR_WORDS:
            self.clauses.append((False, None))
        elif typed in NOT_WORDS or typed == "-":
            self._negate_next = True
        elif typed not in AND_WORDS:
            self._add(negated or typed.startswith("-"), self._words_node(typed.lstrip("-").lstrip("+")))

    def _words_node(self, typed: str):
        """One typed chunk such as `el-installation*`: its words, all required; a trailing star
        makes the last one a prefix."""
        prefix = typed.endswith("*")
        chunks = _CHUNK_RE.findall(typed)
        nodes = [_word_node(chunk, prefix and i == len(chunks) - 1) for i, chunk in enumerate(chunks)]
        if chunks and not any(nodes):
            self.saw_only_stop_words = True
        nodes = [n for n in nodes if n is not None]
        if not nodes:
            return None
        return nodes[0] if len(nodes) == 1 else AllOf(tuple(nodes))

    def _reference(self, negated: bool, key: str, node) -> None:
        if not negated:
            self.references.append(key)
        self._add(negated, node)

    def _add(self, negated: bool, node) -> None:
        if node is not None:
            self.clauses.append((negated, node))


def _prefix_last_clause(clauses: list[tuple[bool, object]]) -> None:
    """As you type, the last word is not finished: it is searched as a prefix (unless excluded)."""
    for index in range(len(clauses) - 1, -1, -1):
        negated, node = clauses[index]
        if node is not None:
            if not negated:
                clauses[index] = (negated, _with_prefix(node, True))
            return


def _combine(clauses: list[tuple[bool, object]], query: ParsedQuery) -> bool:
    """Fill the query's must and must_not from the clauses, joining the ones on either side of an
    OR. Returns whether a too short prefix was left out."""
    dropped_short_prefix = False
    pending_or = False
    for negated, node in clauses:
        if node is None:
            pending_or = bool(query.must)
            continue
        if _too_short(node):
            query.notices.append(_("Skriv minst två tecken för att söka på början av ett ord."))
            dropped_short_prefix = True
        elif negated:
            query.must_not.append(node)
        elif pending_or:
            previous = query.must.pop()
            items = previous.items if isinstance(previous, AnyOf) else (previous,)
            query.must.append(AnyOf((*items, node)))
        else:
            query.must.append(node)
        pending_or = False
    return dropped_short_prefix


def _cap_clauses(query: ParsedQuery) -> None:
    """At most MAX_CLAUSES clauses, required ones first."""
    if len(query.must) + len(query.must_not) > MAX_CLAUSES:
        query.must = query.must[:MAX_CLAUSES]
        query.must_not = query.must_not[: max(0, MAX_CLAUSES - len(query.must))]
        query.notices.append(_("Bara de första %(n)d sökorden användes.") % {"n": MAX_CLAUSES})


def _why_empty(query: ParsedQuery, saw_only_stop_words: bool, dropped_short_prefix: bool) -> Emptiness:
    if query.must_not:
        return Emptiness.ONLY_EXCLUSIONS
    if saw_only_stop_words:
        return Emptiness.ONLY_STOP_WORDS
    if dropped_short_prefix:
        return Emptiness.PREFIX_TOO_SHORT
    return Emptiness.NO_WORDS
