"""The search index's body follows ``Guide.prose()``: a guided film's entry is made again.

A guide's indexed body is now its prose in the order the guide presents it (the walk the fact
checks, the themes and the recommendations read), then its other words; entries made by the
earlier rule hold the same words in another order, and ``filmguide db check`` would call them
out of date. This migration drops the entries of guided films; :func:`filmguide.store.migrate.migrate`
indexes them again right after it, in the same transaction, with the store's code at the head
revision (:func:`filmguide.store.search.index.index_pending`), as it fills the analyses.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.execute("DELETE FROM search_docs WHERE film_id IN (SELECT film_id FROM guides)")


def downgrade() -> None:
    """Nothing to undo: the entries made again hold the same words."""
