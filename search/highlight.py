"""Snippets with highlighted words, matched with the same Swedish stems as the index."""

# Used where the engine cannot highlight itself (SQLite's FTS5 holds stems, so its snippet() would
# show stems), and to turn engine highlights into safe HTML.

from django.utils.html import escape

from classification.swedish import TOKEN_RE, stem

from .analysis import MARK_END, MARK_START, definite_root, word_forms
from .parsing import ParsedQuery, Phrase, Term

SNIPPET_WORDS = 30
SCAN_CHARS = 30_000  # a snippet is found within the start of a long text


def _matchers(parsed: ParsedQuery) -> tuple[set[str], tuple[str, ...]]:
    exact, prefixes = set(), set()
    for node in parsed.positive_nodes():
        if isinstance(node, Term):
            (prefixes if node.prefix else exact).add(stem(node.word))
        elif isinstance(node, Phrase) and not node.reference:
            exact.update(stem(w) for w in node.words[:-1])
            (prefixes if node.prefix else exact).add(stem(node.words[-1]))
    return exact, tuple(prefixes)


def _is_match(word: str, exact: set[str], prefixes: tuple[str, ...]) -> bool:
    for form in word_forms(word):
        root = definite_root(form)
        for stemmed in (stem(form), stem(root) if root else None):
            if stemmed and (stemmed in exact or (prefixes and stemmed.startswith(prefixes))):
                return True
    return False


def snippet(text: str, parsed: ParsedQuery | None, words: int = SNIPPET_WORDS) -> str:
    """The best window of `words` words of `text` as HTML, matched words in <mark>."""
    text = (text or "")[:SCAN_CHARS]
    spans = [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(text)]
    if not spans:
        return escape(text[:200])
    exact, prefixes = _matchers(parsed) if parsed else (set(), ())
    hits = [i for i, (_s, _e, word) in enumerate(spans) if (exact or prefixes) and _is_match(word, exact, prefixes)]
    start = 0
    if hits:
        # The window that holds the most distinct matched words, then the most matches.
        best = (-1, -1)
        for first in hits:
            inside = [spans[i][2].lower() for i in hits if first <= i < first + words]
            score = (len(set(inside)), len(inside))
            if score > best:
                best, start = score, max(0, first - 3)
    end = min(len(spans), start + words)
    marked = set(hits)
    out = ["… " if start > 0 else ""]
    position = spans[start][0]
    for i in range(start, end):
        s, e, word = spans[i]
        out.append(escape(text[position:s]))
        out.append(f"<mark>{escape(word)}</mark>" if i in marked else escape(word))
        position = e
    if end < len(spans):
        out.append(" …")
    else:
        out.append(escape(text[position:]))
    return "".join(out).strip()


def marked_to_html(text: str) -> str:
    """Engine output with MARK_START/MARK_END around hits → escaped HTML with <mark>."""
    return escape(text or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
