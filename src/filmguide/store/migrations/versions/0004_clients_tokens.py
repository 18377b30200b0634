"""Honest counts and guarded writes: a client on each event, and API tokens.

``events.client`` holds a salted, daily-rotated hash of the reader (address and user agent), never
the address itself: views are counted once per client per film per half hour, shares once per
day. Events recorded before this migration have no client. ``api_tokens`` holds the tokens that
may write over the API, as SHA-256 hashes only; a revoked token keeps its row (and its name).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("client", sa.String(32), nullable=True))
    op.create_index("ix_events_client_film_id_created_at", "events", ["client", "film_id", "created_at"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("name", name="uq_api_tokens_name"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
    op.drop_index("ix_events_client_film_id_created_at", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("client")
