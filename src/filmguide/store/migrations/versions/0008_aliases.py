"""``aliases``: a guide's old addresses (an imported WordPress post's permalink and ``/?p=ID``).

Each row maps one path, in the form ``filmguide.wordpress.alias_key`` writes, to a film; the site
answers it with a 301 to the film's page and ``filmguide export`` writes it as a redirect. Rows
go with their film (ON DELETE CASCADE).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "aliases",
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_aliases_film_id_films", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("path", name="pk_aliases"),
    )
    op.create_index("ix_aliases_film_id", "aliases", ["film_id"])


def downgrade() -> None:
    op.drop_index("ix_aliases_film_id", table_name="aliases")
    op.drop_table("aliases")
