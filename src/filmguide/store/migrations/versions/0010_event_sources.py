"""Counts one client cannot move: an address on each event, and old events rolled up by day.

``events.source`` holds a salted, daily-rotated hash of the reader's address alone (an IPv6
address by its /64 network), so that one address counts at most a few views or shares of a film a
day, whatever user agents it sends (docs/security.md, "Counts"). ``event_days`` keeps the daily
counts of events older than the longest window (the trending lists' 7 days), which are then
deleted from ``events``; ``ix_events_created_at`` finds them.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("source", sa.String(32), nullable=True))
    op.create_index("ix_events_source_film_id_created_at", "events", ["source", "film_id", "created_at"])
    op.create_index("ix_events_created_at", "events", ["created_at"])
    op.create_table(
        "event_days",
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_event_days_film_id_films", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("film_id", "kind", "day", name="pk_event_days"),
    )


def downgrade() -> None:
    op.drop_table("event_days")
    op.drop_index("ix_events_created_at", table_name="events")
    op.drop_index("ix_events_source_film_id_created_at", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("source")
