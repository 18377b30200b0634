"""The open catalog: its facts on ``films``, browse indexes, and the stored similar-film lists.

``films`` gains the catalog's columns (all nullable) and ``in_catalog``; guides already stored
keep their films, which are simply not in the catalog until ``filmguide catalog load`` links
them. ``similar_films`` holds each film's ranked list of similar films as :mod:`filmguide.recommend`
computed it. The data version the page caches key on is the search index's change counter
(``search_state.version``, migration 0002), which every write now moves.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS: list[sa.Column[Any]] = [
    sa.Column("release_date", sa.Date, nullable=True),
    sa.Column("genre", sa.Text, nullable=True),
    sa.Column("creative_type", sa.Text, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    sa.Column("mpaa_rating", sa.String(20), nullable=True),
    sa.Column("running_time_min", sa.Integer, nullable=True),
    sa.Column("distributor", sa.Text, nullable=True),
    sa.Column("budget", sa.BigInteger, nullable=True),
    sa.Column("us_gross", sa.BigInteger, nullable=True),
    sa.Column("worldwide_gross", sa.BigInteger, nullable=True),
    sa.Column("us_dvd_sales", sa.BigInteger, nullable=True),
    sa.Column("imdb_rating", sa.Float, nullable=True),
    sa.Column("imdb_votes", sa.Integer, nullable=True),
    sa.Column("rotten_tomatoes", sa.Integer, nullable=True),
    sa.Column("in_catalog", sa.Boolean, nullable=False, server_default=sa.false()),
]
_INDEXES = {
    "ix_films_genre_year": ["genre", "year"],
    "ix_films_year": ["year"],
    "ix_films_imdb_rating": ["imdb_rating"],
    "ix_films_worldwide_gross": ["worldwide_gross"],
}


def upgrade() -> None:
    for column in _COLUMNS:
        op.add_column("films", column)
    for name, columns in _INDEXES.items():
        op.create_index(name, "films", columns)
    op.create_table(
        "similar_films",
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("target_slug", sa.String(200), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("film_id", "position", name="pk_similar_films"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_similar_films_film_id_films", ondelete="CASCADE"
        ),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("similar_films")
    for name in _INDEXES:
        op.drop_index(name, table_name="films")
    for column in reversed(_COLUMNS):
        op.drop_column("films", column.name)  # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35 too)
