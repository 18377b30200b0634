"""Migrations: the schema brought to the newest Alembic revision when a store opens."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from filmguide.store.engine import WRITE

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# Alembic (and the dialects it loads, 0.3 s) is imported only when a migration runs or is
# listed: opening an up-to-date database reads the head from the files and the revision with SQL.
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(?:\"(\w+)\"|None)", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for our migrations, built in code (no alembic.ini)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def known_revisions() -> list[str]:
    """Every revision of the migrations, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


@functools.cache
def head_revision() -> str:
    """The newest migration's revision: the one no other migration follows (``revision`` and
    ``down_revision`` read from each file, as Alembic reads them; a test compares the two)."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (revisions if name == "revision" else followed).add(value)
    heads = revisions - followed
    if len(heads) != 1:
        raise RuntimeError(f"{len(heads)} head revisions in {MIGRATIONS}, not one: {sorted(heads)}")
    return heads.pop()


def current_revision(conn: Connection) -> str | None:
    """The revision recorded in the database (``alembic_version``), ``None`` if never migrated."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> bool:
    """Bring the schema to the head revision; returns whether any migration ran.

    An up-to-date database costs one query: Alembic's upgrade only runs when the recorded
    revision differs from the head. The upgrade runs in one write transaction and checks again
    under the write lock, so two processes opening a new database migrate it once. In that
    transaction, after the upgrade, every guide without current analyses is analysed (migration
    0015 made their table; a change of the rules may come with a migration too), and every guided
    film missing from the search index is indexed (a change of the index's text rules drops the
    entries it changes, as migration 0016 does).
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
            from alembic import command

            from filmguide.store import analyses as analysis_queries
            from filmguide.store.search.index import reindex_changed

            command.upgrade(alembic_config(conn), "head")
            analysis_queries.fill(conn)
            reindex_changed(conn)
    return True
