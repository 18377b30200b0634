"""Migrations: the schema brought to the newest Alembic revision when a store opens."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from filmguide.store import analyses as analysis_queries
from filmguide.store.engine import WRITE

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for our migrations, built in code (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def known_revisions() -> list[str]:
    """Every revision of the migrations, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


@functools.cache
def head_revision() -> str:
    """The newest migration's revision."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS}")
    return head


def current_revision(conn: Connection) -> str | None:
    """The revision recorded in the database (``alembic_version``), ``None`` if never migrated."""
    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> bool:
    """Bring the schema to the head revision; returns whether any migration ran.

    An up-to-date database costs one query: Alembic's upgrade only runs when the recorded
    revision differs from the head. The upgrade runs in one write transaction and checks again
    under the write lock, so two processes opening a new database migrate it once. In that
    transaction, after the upgrade, every guide without current analyses is analysed (migration
    0015 made their table; a change of the rules may come with a migration too).
    """
    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return False
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            if current_revision(conn) == head:
                return False
            command.upgrade(alembic_config(conn), "head")
            analysis_queries.fill(conn)
    return True
