"""The search index's body follows ``Guide.prose()``: a mark, with no change to the schema.

A guide's indexed body is now its prose in the order the guide presents it (the walk the fact
checks, the themes and the recommendations read), then its other words. Entries made by the
earlier rule hold the same words in another order, which ``filmguide db check`` would call out of
date. Reaching this revision makes :func:`filmguide.store.migrate.migrate` index them again right
after the upgrade, in the same transaction, with the store's code at the head revision
(:func:`filmguide.store.search.index.reindex_changed`), as it fills the analyses; until then (an
``alembic upgrade`` run by hand) the old entries still find every guide by the same words.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

revision = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing in the schema: :func:`filmguide.store.migrate.migrate` re-indexes after it."""


def downgrade() -> None:
    """Nothing to undo: the entries made again hold the same words."""
