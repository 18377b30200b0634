"""The search index: ``search_docs`` and ``search_state``, with each back end's full text.

SQLite: FTS5 tables over ``search_docs`` and ``people.name`` (external content, kept in step by
triggers, so a film deleted by any path leaves the index too). PostgreSQL: ``pg_trgm`` and
``unaccent``, the ``filmguide_search`` text search configuration, a generated ``tsvector``
column with a GIN index, and GIN indexes over names and titles. Guides already stored are
indexed here.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, names, body,
        content='search_docs', content_rowid='film_id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
        INSERT INTO search_fts(rowid, title, names, body)
        VALUES (new.film_id, new.title, new.names, new.body);
    END""",
    """CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, names, body)
        VALUES ('delete', old.film_id, old.title, old.names, old.body);
    END""",
    """CREATE TRIGGER search_docs_update AFTER UPDATE ON search_docs BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, names, body)
        VALUES ('delete', old.film_id, old.title, old.names, old.body);
        INSERT INTO search_fts(rowid, title, names, body)
        VALUES (new.film_id, new.title, new.names, new.body);
    END""",
    """CREATE VIRTUAL TABLE search_people_fts USING fts5(
        name, content='people', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_people_insert AFTER INSERT ON people BEGIN
        INSERT INTO search_people_fts(rowid, name) VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER search_people_delete AFTER DELETE ON people BEGIN
        INSERT INTO search_people_fts(search_people_fts, rowid, name) VALUES ('delete', old.id, old.name);
    END""",
    """CREATE TRIGGER search_people_update AFTER UPDATE OF name ON people BEGIN
        INSERT INTO search_people_fts(search_people_fts, rowid, name) VALUES ('delete', old.id, old.name);
        INSERT INTO search_people_fts(rowid, name) VALUES (new.id, new.name);
    END""",
    "INSERT INTO search_people_fts(search_people_fts) VALUES ('rebuild')",
]

_POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'filmguide_search') THEN
            CREATE TEXT SEARCH CONFIGURATION filmguide_search (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION filmguide_search
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    """ALTER TABLE search_docs ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('filmguide_search'::regconfig, title), 'A')
        || setweight(to_tsvector('filmguide_search'::regconfig, names), 'B')
        || setweight(to_tsvector('filmguide_search'::regconfig, body), 'C')
    ) STORED""",
    "CREATE INDEX search_docs_vector ON search_docs USING gin (vector)",
    """CREATE INDEX search_people_name_fts ON people
        USING gin (to_tsvector('filmguide_search'::regconfig, name))""",
    "CREATE INDEX search_people_name_trgm ON people USING gin (name gin_trgm_ops)",
    "CREATE INDEX search_films_title_trgm ON films USING gin (title gin_trgm_ops)",
]


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("names", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("film_id", name="pk_search_docs"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_search_docs_film_id_films", ondelete="CASCADE"
        ),
    )
    op.create_table(
        "search_state",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_state"),
    )
    bind = op.get_bind()
    for statement in _POSTGRES if bind.dialect.name == "postgresql" else _SQLITE:
        op.execute(statement)
    op.execute("INSERT INTO search_state (id, version) VALUES (1, 0)")

    # Index the guides already stored, with the same code a save runs.
    from filmguide.store.search.index import rebuild

    rebuild(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS search_films_title_trgm")
        op.execute("DROP INDEX IF EXISTS search_people_name_trgm")
        op.execute("DROP INDEX IF EXISTS search_people_name_fts")
        op.drop_table("search_docs")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS filmguide_search")
    else:
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS search_people_{trigger}")
            op.execute(f"DROP TRIGGER IF EXISTS search_docs_{trigger}")
        op.execute("DROP TABLE IF EXISTS search_people_fts")
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.drop_table("search_docs")
    op.drop_table("search_state")
