"""A title index for fast search on SQLite: ``search_titles_fts``, shortest titles first.

``search_titles_fts`` is a contentless FTS5 table over the titles in ``search_docs``, kept in step
by triggers. Its rowid is ``(length(title) << 32) | film_id``: FTS5 walks its matches in rowid
order, so ``ORDER BY rowid LIMIT n`` returns the shortest titles holding the words without
ranking every match. "the" holds in a quarter of 100,000 titles; ranking them all by ``bm25``
took 40 ms, this takes 0.2 ms (docs/search.md).

PostgreSQL: the trigram indexes over film titles and people's names become GiST instead of GIN.
Fuzzy matching then asks for the nearest titles by word similarity distance (``<<->``), which a
GiST index walks in order (1 to 2 ms over the catalog), where the GIN index answered the
threshold test (``<%``) in 13 to 35 ms and the planner often preferred a scan of every title.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_ROWID = "(length({row}.title) << 32) | {row}.film_id"

_SQLITE = [
    """CREATE VIRTUAL TABLE search_titles_fts USING fts5(
        title, content='', columnsize=0,
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    f"""CREATE TRIGGER search_titles_insert AFTER INSERT ON search_docs BEGIN
        INSERT INTO search_titles_fts(rowid, title) VALUES ({_ROWID.format(row="new")}, new.title);
    END""",
    f"""CREATE TRIGGER search_titles_delete AFTER DELETE ON search_docs BEGIN
        INSERT INTO search_titles_fts(search_titles_fts, rowid, title)
        VALUES ('delete', {_ROWID.format(row="old")}, old.title);
    END""",
    f"""CREATE TRIGGER search_titles_update AFTER UPDATE OF title ON search_docs BEGIN
        INSERT INTO search_titles_fts(search_titles_fts, rowid, title)
        VALUES ('delete', {_ROWID.format(row="old")}, old.title);
        INSERT INTO search_titles_fts(rowid, title) VALUES ({_ROWID.format(row="new")}, new.title);
    END""",
    f"""INSERT INTO search_titles_fts(rowid, title)
        SELECT {_ROWID.format(row="d")}, d.title FROM search_docs AS d""",
]


_POSTGRES = [
    "DROP INDEX IF EXISTS search_films_title_trgm",
    "DROP INDEX IF EXISTS search_people_name_trgm",
    "CREATE INDEX search_films_title_trgm ON films USING gist (title gist_trgm_ops)",
    "CREATE INDEX search_people_name_trgm ON people USING gist (name gist_trgm_ops)",
]
_POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_films_title_trgm",
    "DROP INDEX IF EXISTS search_people_name_trgm",
    "CREATE INDEX search_films_title_trgm ON films USING gin (title gin_trgm_ops)",
    "CREATE INDEX search_people_name_trgm ON people USING gin (name gin_trgm_ops)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE:
            op.execute(statement)
    else:
        for statement in _POSTGRES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS search_titles_{trigger}")
        op.execute("DROP TABLE IF EXISTS search_titles_fts")
    else:
        for statement in _POSTGRES_DOWN:
            op.execute(statement)
