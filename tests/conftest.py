"""Fixtures shared by every test: a real database, on SQLite (a temporary file) and PostgreSQL.

PostgreSQL is the server at ``FILMGUIDE_TEST_PG`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``): a database with a unique name is created for
the test session and dropped at its end; tables are emptied before each test. If the server does
not answer, the PostgreSQL tests fail (they are never skipped).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from filmguide.store import Store
from filmguide.store.schema import TABLES_CHILD_FIRST

#: The shared folder beside the repository: the seed article and the open catalog.
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "leaving-las-vegas.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for servers the tests start)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


PG_BASE_URL = os.environ.get("FILMGUIDE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = [pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for the duration of the block; yields its URL."""
    base = make_url(PG_BASE_URL).set(drivername="postgresql+psycopg")
    name = f"filmguide_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    problem: str | None = None
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        problem = str(exc.orig)
    if problem is not None:
        admin.dispose()
        pytest.fail(
            f"PostgreSQL does not answer at {PG_BASE_URL} (set FILMGUIDE_TEST_PG to a server where "
            f"the user may CREATE DATABASE): {problem}",
            pytrace=False,
        )
    try:
        yield base.set(database=name, drivername="postgresql").render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    """The PostgreSQL database of this test session."""
    with postgres_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A migrated, empty database: a fresh SQLite file, or the session's PostgreSQL emptied."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("pg_session_url")
    Store.open(url).close()  # migrated once per session; cheap afterwards
    empty_tables(url)
    return url


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database that has never been migrated (PostgreSQL: one made for this test)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'new.db'}"
    else:
        with postgres_database() as url:
            yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    try:
        yield opened
    finally:
        opened.close()


def empty_tables(url: str) -> None:
    """Remove every row (TRUNCATE … CASCADE on PostgreSQL, DELETE on SQLite)."""
    store = Store.open(url)
    try:
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(table.name for table in TABLES_CHILD_FIRST)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in TABLES_CHILD_FIRST:
                    conn.execute(table.delete())
    finally:
        store.close()
