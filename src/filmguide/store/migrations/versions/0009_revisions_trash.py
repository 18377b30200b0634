"""Nothing lost: earlier versions of every guide, and a trash for deleted ones.

``guide_revisions`` holds each version a change or a delete replaced (keyed by the film's slug, so a
deleted guide's history outlives its film); ``guides.change`` says in one line how the current
version differs from the one before; ``trash`` lists deleted guides, each pointing at the revision
that holds it. Guides stored before this migration start with no history: their current version is
their first known one.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("guides") as batch:
        batch.add_column(sa.Column("change", sa.Text, nullable=True))
    op.create_table(
        "guide_revisions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=True),
        sa.Column("summary", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_guide_revisions"),
        sa.UniqueConstraint("slug", "revision", name="uq_guide_revisions_slug_revision"),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_guide_revisions_revision_positive")),
    )
    op.create_table(
        "trash",
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("slug", name="pk_trash"),
    )
    op.create_index("ix_trash_deleted_at", "trash", ["deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_trash_deleted_at", table_name="trash")
    op.drop_table("trash")
    op.drop_table("guide_revisions")
    with op.batch_alter_table("guides") as batch:
        batch.drop_column("change")
