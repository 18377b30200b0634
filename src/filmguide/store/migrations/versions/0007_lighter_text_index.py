"""A lighter text index on SQLite: ``search_fts`` without prefix indexes.

The prefix indexes (``prefix='2 3'``) tripled what indexing a guide costs (0.13 ms → 0.38 ms per
guide, measured on the benchmark's articles), and they served word starts typed in guide text
only: titles and names, where a reader types word starts, have their own indexes with prefixes
(``search_titles_fts``, ``search_people_fts``). A word start in guide text still matches; FTS5
reads the range of terms instead. The import's single writer gains the time back
(docs/performance.md).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def _recreate(prefix: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE search_fts")  # the triggers on search_docs name it, and find it again below
    op.execute(
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            title, names, body,
            content='search_docs', content_rowid='film_id',
            tokenize='unicode61 remove_diacritics 2'{prefix}
        )"""
    )
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate("")


def downgrade() -> None:
    _recreate(", prefix='2 3'")
