"""Rate limits shared by every worker and instance: ``rate_limits``, one token bucket a row.

The share limit (10 requests a minute per client) was a token bucket in each worker's memory, so
a client whose requests were spread over N workers and instances got N times the limit through.
Each bucket is now a row, taken with one ``INSERT … ON CONFLICT DO UPDATE … RETURNING``
(:mod:`filmguide.store.limits`): every process sees the same tokens. Rows of buckets that have
refilled are deleted as they go.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("allowed", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("name", "client", name="pk_rate_limits"),
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
