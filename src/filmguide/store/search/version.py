"""The search index's change counter, which caches of search results key on."""

from __future__ import annotations

from sqlalchemy import Connection, select

from filmguide.store.schema import search_state


def index_version(conn: Connection) -> int:
    """The index's change counter (PostgreSQL: in one round trip, :func:`postgres.index_version`)."""
    if conn.dialect.name == "postgresql":
        from filmguide.store.search import postgres  # psycopg, loaded only for PostgreSQL

        return postgres.index_version(conn)
    return int(conn.scalar(select(search_state.c.version).where(search_state.c.id == 1)) or 0)
