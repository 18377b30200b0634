"""The first schema: films, guides, people, credits, film references, events.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_ROLES = "role IN ('director', 'actor', 'composer', 'featured_artist', 'nominee')"
_REF_KINDS = "kind IN ('director_film', 'recommendation')"
_EVENT_KINDS = "kind IN ('view', 'share')"


def upgrade() -> None:
    op.create_table(
        "films",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_key", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("directors", sa.Text, nullable=False, server_default="[]"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_films"),
        sa.UniqueConstraint("slug", name="uq_films_slug"),
    )
    op.create_index("ix_films_title_key", "films", ["title_key"])

    op.create_table(
        "guides",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("source", sa.Text, nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_guides"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_guides_film_id_films", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("film_id", name="uq_guides_film_id"),
        sa.CheckConstraint("version >= 1", name=op.f("ck_guides_version_positive")),
    )

    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("slug", name="uq_people_slug"),
    )

    op.create_table(
        "credits",
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("character", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("film_id", "role", "position", name="pk_credits"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_credits_film_id_films", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_credits_person_id_people", ondelete="CASCADE"
        ),
        sa.CheckConstraint(_ROLES, name=op.f("ck_credits_role")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_credits_person_id", "credits", ["person_id"])

    op.create_table(
        "film_refs",
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("target_slug", sa.String(200), nullable=True),
        sa.Column("title_key", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("film_id", "kind", "position", name="pk_film_refs"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_film_refs_film_id_films", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["target_slug"], ["films.slug"], name="fk_film_refs_target_slug_films", ondelete="SET NULL"
        ),
        sa.CheckConstraint(_REF_KINDS, name=op.f("ck_film_refs_kind")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_film_refs_title_key", "film_refs", ["title_key"])
    op.create_index("ix_film_refs_target_slug", "film_refs", ["target_slug"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_events_film_id_films", ondelete="CASCADE"
        ),
        sa.CheckConstraint(_EVENT_KINDS, name=op.f("ck_events_kind")),
    )
    op.create_index("ix_events_film_id_created_at", "events", ["film_id", "created_at"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("film_refs")
    op.drop_table("credits")
    op.drop_table("people")
    op.drop_table("guides")
    op.drop_table("films")
