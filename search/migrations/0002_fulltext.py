"""The full-text part of the index, per database: an FTS5 table on SQLite, a tsvector on PostgreSQL."""

from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """RunSQL that only runs on one database vendor (the other vendors skip it)."""

    def __init__(self, vendor, sql, reverse_sql):
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, kwargs.pop("sql"), kwargs.pop("reverse_sql")], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # Rows hold Snowball-Swedish stems (see search.analysis.index_terms); rowid = search_entry.id.
        # Prefix indexes of 2 and 3 characters keep as-you-type queries fast.
        VendorSQL(
            "sqlite",
            "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
            "ref, title, body, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
            "DROP TABLE IF EXISTS search_entry_fts",
        ),
        # Weights: A reference, B title, C text; filled from the row's own columns (search.backends.postgres).
        VendorSQL(
            "postgresql",
            [
                "ALTER TABLE search_entry ADD COLUMN search_vector tsvector",
                "CREATE INDEX search_entry_vector ON search_entry USING GIN (search_vector)",
            ],
            [
                "DROP INDEX IF EXISTS search_entry_vector",
                "ALTER TABLE search_entry DROP COLUMN IF EXISTS search_vector",
            ],
        ),
    ]
