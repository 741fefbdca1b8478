"""PostgreSQL backend: a tsvector column with the `swedish` configuration, GIN index, ts_rank and ts_headline."""

from django.db import connection

from ..analysis import MARK_END, MARK_START, plain_terms, roots
from ..highlight import marked_to_html, snippet
from ..parsing import AllOf, AnyOf, ParsedQuery, Phrase, Term
from .base import BackendQuery, Row
from .database import COLUMNS, DatabaseBackend, entry_fields, placeholders

# A reference, B title, C text, D the roots of definite forms (search.analysis.roots).
VECTOR = (
    "setweight(to_tsvector('swedish', %s), 'A') || setweight(to_tsvector('swedish', %s), 'B')"
    " || setweight(to_tsvector('swedish', %s), 'C') || setweight(to_tsvector('swedish', %s), 'D')"
)
RANK_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"  # D, C, B, A
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
HEADLINE_CHARS = 30_000


def _lexeme(word: str, prefix: bool, reference: bool) -> str:
    marks = ("*" if prefix else "") + ("A" if reference else "")
    return "'" + word.replace("'", "''").replace("\\", "") + "'" + (":" + marks if marks else "")


def tsquery_node(node) -> str:
    """One clause in to_tsquery syntax; PostgreSQL's swedish configuration stems each word."""
    if isinstance(node, Term):
        return _lexeme(node.word, node.prefix, False)
    if isinstance(node, Phrase):
        last = len(node.words) - 1
        parts = [_lexeme(w, node.prefix and i == last, node.reference) for i, w in enumerate(node.words)]
        return "(" + " <-> ".join(parts) + ")"
    if isinstance(node, AnyOf):
        return "(" + " | ".join(tsquery_node(item) for item in node.items) + ")"
    if isinstance(node, AllOf):
        return "(" + " & ".join(tsquery_node(item) for item in node.items) + ")"
    raise TypeError(node)


def tsquery(parsed: ParsedQuery) -> str:
    expression = " & ".join(tsquery_node(node) for node in parsed.must)
    for node in parsed.must_not:
        expression += " & !" + tsquery_node(node)
    return expression


class PostgresBackend(DatabaseBackend):
    name = "postgresql"

    def _insert(self, items):
        if not items:
            return
        values = []
        for item in items:
            fields = entry_fields(item)
            values.append(
                [
                    *(fields[c] for c in COLUMNS),
                    plain_terms(item.reference_terms),
                    plain_terms(item.title),
                    plain_terms(item.body),
                    " ".join(roots(item.title + "\n" + item.body)),
                ]
            )
        sql = (
            f"INSERT INTO search_entry ({', '.join(COLUMNS)}, search_vector) VALUES ({placeholders(COLUMNS)}, {VECTOR})"
        )
        with connection.cursor() as cursor:
            cursor.executemany(sql, values)

    def _match(self, query: BackendQuery):
        return (
            "search_entry e CROSS JOIN to_tsquery('swedish', %s) AS q",
            "e.search_vector @@ q",
            [tsquery(query.parsed)],
            f"ts_rank('{RANK_WEIGHTS}', e.search_vector, q)",
        )

    def _snippets(self, rows: list[Row], query: BackendQuery):
        ids = [int(row.key) for row in rows]
        with connection.cursor() as cursor:
            if query.parsed is None:
                cursor.execute(f"SELECT id, left(body, 240) FROM search_entry WHERE id IN ({placeholders(ids)})", ids)
            else:
                cursor.execute(
                    "SELECT id, ts_headline('swedish', left(body, %s), to_tsquery('swedish', %s), %s) "
                    f"FROM search_entry WHERE id IN ({placeholders(ids)})",
                    [HEADLINE_CHARS, tsquery(query.parsed), HEADLINE_OPTIONS, *ids],
                )
            headlines, fallback = dict(cursor.fetchall()), {}
            missing = (
                []
                if query.parsed is None
                else [int(row.key) for row in rows if MARK_START not in (headlines.get(int(row.key)) or "")]
            )
            if missing:
                # PostgreSQL cannot mark what matched through a root (`vattenskadan`) or a compound;
                # the same Swedish stems in Python can.
                cursor.execute(f"SELECT id, body FROM search_entry WHERE id IN ({placeholders(missing)})", missing)
                fallback = {pk: snippet(body, query.parsed) for pk, body in cursor.fetchall()}
        for row in rows:
            key = int(row.key)
            if key in missing and "<mark>" in fallback.get(key, ""):
                row.snippet = fallback[key]
            else:
                row.snippet = marked_to_html(headlines.get(key, "")).strip()
