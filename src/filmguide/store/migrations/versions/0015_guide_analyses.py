"""Analyses at write time: ``guide_analyses``, one row per guide, beside it.

A film page showed each guide's spoilers, themes, content notes and fact checks by computing them
on every render (about 8 ms); they are now computed when a guide is saved and kept here as
JSON (``filmguide.analyses.GuideAnalyses``), with the version of the rules that made them and the
``content_hash`` of the document they were made from. The row goes with its guide (``ON DELETE
CASCADE``).

This migration adds the table only. The existing guides are analysed right after it, in the same
transaction, by :func:`filmguide.store.database.migrate` (which analyses every guide without
current analyses once any migration has run): with the store's code at the head revision, since
a data migration written against this revision's tables would break when a later one changes
them. ``filmguide db check --repair`` does the same at any time.

Revision ID: 0015
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "guide_analyses",
        sa.Column("guide_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["guide_id"], ["guides.id"], name="fk_guide_analyses_guide_id_guides", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("guide_id", name="pk_guide_analyses"),
    )


def downgrade() -> None:
    op.drop_table("guide_analyses")
