"""SQLite backend: an FTS5 table of Snowball-Swedish stems beside the index table, ranked by bm25."""

from django.db import connection

from classification.swedish import stem

from ..analysis import index_terms
from ..highlight import snippet
from ..parsing import AllOf, AnyOf, ParsedQuery, Phrase, Term
from .base import BackendQuery, Row
from .database import COLUMNS, DatabaseBackend, entry_fields, placeholders

# bm25 weights of the FTS columns: reference, title, text.
WEIGHTS = "10.0, 4.0, 1.0"


def _quoted(stems: list[str], prefix: bool) -> str:
    return '"' + " ".join(s.replace('"', '""') for s in stems) + '"' + ("*" if prefix else "")


def fts_node(node) -> str:
    """One clause of the query tree in FTS5 syntax; every word is a quoted, stemmed string."""
    if isinstance(node, Term):
        return _quoted([stem(node.word)], node.prefix)
    if isinstance(node, Phrase):
        phrase = _quoted([stem(w) for w in node.words], node.prefix)
        return f"{{ref}} : {phrase}" if node.reference else phrase
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(fts_node(item) for item in node.items) + ")"
    if isinstance(node, AllOf):
        return "(" + " AND ".join(fts_node(item) for item in node.items) + ")"
    raise TypeError(node)


def fts_query(parsed: ParsedQuery) -> str:
    expression = "(" + " AND ".join(fts_node(node) for node in parsed.must) + ")"
    if parsed.must_not:
        expression += " NOT (" + " OR ".join(fts_node(node) for node in parsed.must_not) + ")"
    return expression


class SQLiteBackend(DatabaseBackend):
    name = "sqlite"

    def _insert(self, items):
        """Rows with ids we hand out (SQLite serialises writers), then their stems under the same ids."""
        if not items:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_entry")
            first = cursor.fetchone()[0] + 1
            rows = [(first + i, *(fields[c] for c in COLUMNS)) for i, fields in enumerate(map(entry_fields, items))]
            cursor.executemany(
                f"INSERT INTO search_entry (id, {', '.join(COLUMNS)}) VALUES (%s, {placeholders(COLUMNS)})", rows
            )
            # OR REPLACE: a row id can come back after the table was emptied outside our code.
            cursor.executemany(
                "INSERT OR REPLACE INTO search_entry_fts(rowid, ref, title, body) VALUES (%s, %s, %s, %s)",
                [
                    (first + i, index_terms(item.reference_terms), index_terms(item.title), index_terms(item.body))
                    for i, item in enumerate(items)
                ],
            )

    def _delete_ids(self, ids):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_entry_fts WHERE rowid IN ({placeholders(ids)})", ids)

    def _after_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES ('optimize')")

    def _match(self, query: BackendQuery):
        # CROSS JOIN keeps SQLite from driving the join from the entry table's indexes.
        return (
            "search_entry_fts CROSS JOIN search_entry e ON e.id = search_entry_fts.rowid",
            "search_entry_fts MATCH %s",
            [fts_query(query.parsed)],
            f"-bm25(search_entry_fts, {WEIGHTS})",
        )

    def _snippets(self, rows: list[Row], query: BackendQuery):
        ids = [int(row.key) for row in rows]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, body FROM search_entry WHERE id IN ({placeholders(ids)})", ids)
            bodies = dict(cursor.fetchall())
        for row in rows:
            row.snippet = snippet(bodies.get(int(row.key), ""), query.parsed)
