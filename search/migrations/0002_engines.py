"""The engine's part of the index, which makemigrations cannot describe (see search.engines).

PostgreSQL: a generated tsvector column (title weighted A, text B, the 'english'
configuration) and its GIN index. SQLite: an FTS5 external-content table over
search_entry (tokenize 'porter unicode61') and the triggers that keep it in step.
A later migration that rebuilds search_entry on SQLite (Django copies the table
to alter it) drops the triggers: it must make them again, then rebuild the index.
"""

from django.db import migrations

POSTGRESQL = [
    "ALTER TABLE search_entry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, text), 'B')) STORED",
    "CREATE INDEX search_entry_vector ON search_entry USING gin (vector)",
]
POSTGRESQL_UNDO = [
    "DROP INDEX search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN vector",
]
SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title, text, content='search_entry', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE OF title, text ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO search_entry_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER search_entry_fts_insert",
    "DROP TRIGGER search_entry_fts_delete",
    "DROP TRIGGER search_entry_fts_update",
    "DROP TABLE search_entry_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}),
        )
    ]
