"""Alembic environment: runs the migrations on the connection the store hands over.

:func:`filmguide.store.migrate.migrate` builds the :class:`alembic.config.Config` in code and puts
an open connection in ``config.attributes["connection"]``; no ``alembic.ini`` is needed. Given a
``sqlalchemy.url`` option instead (e.g. from a hand-written Config), it connects itself.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from filmguide.store.schema import compared, metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=compared,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url to migrate")
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("filmguide migrations run online only")
run_migrations_online()
