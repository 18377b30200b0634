"""Engines for SQLite and PostgreSQL, with their connection settings and write locks, and the
errors that mean the database is unavailable for a while rather than wrong.

SQLite connections get WAL, ``busy_timeout`` 5000, ``foreign_keys=ON`` and
``synchronous=NORMAL``. Write transactions hold the database's write lock from their first
statement (``BEGIN IMMEDIATE`` on SQLite, a transaction-level advisory lock on PostgreSQL), so
two writers never decide a film's identity or a person's id from the same stale view.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from filmguide.config import normalize_database_url

#: Execution option marking a connection whose transactions write.
WRITE = "filmguide_write"
#: Key of the PostgreSQL advisory lock writers take (any constant; "filmguide" in ASCII, cut).
_PGWRITE_LOCK = 0x66696C6D6775


def engine_url(url: str) -> URL:
    """The SQLAlchemy URL for a database given as a path or URL (psycopg 3 for PostgreSQL)."""
    parsed = make_url(normalize_database_url(url))
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_store_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for the database, with the connection settings and write locking described above."""
    engine = create_engine(engine_url(url), **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgres_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # sqlite3 would BEGIN (deferred) by itself; we BEGIN in _sqlite_begin instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def _postgres_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(WRITE):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PGWRITE_LOCK})")


#: What a database error says when the fault is the database's state, not the request: locked
#: by another writer, made read-only, out of disk, gone. Such a fault passes; the site answers
#: 503 with Retry-After meanwhile (docs/security.md, "Process life").
_UNAVAILABLE = (
    "database is locked",
    "database table is locked",
    "readonly database",
    "read-only",
    "disk i/o error",
    "database or disk is full",
    "unable to open database",
)
#: The lock wait of :meth:`Store.writable`'s probe, in milliseconds (a health check answers fast).
PROBE_BUSY_MS = 100


#: The errors a database driver raises: SQLAlchemy wraps them, but the store's compiled
#: statements run on the driver's connection and raise them as they are.
DRIVER_ERRORS: tuple[type[Exception], ...] = (DBAPIError, sqlite3.Error)


def unavailable(error: BaseException) -> bool:
    """Whether a database error is a passing fault of the database (locked, read-only, full,
    unreachable) rather than a bug: the site answers those with 503 and Retry-After."""
    if isinstance(error, DBAPIError):
        if isinstance(error, OperationalError) and error.connection_invalidated:
            return True
        cause: BaseException = error.orig if error.orig is not None else error
    elif isinstance(error, sqlite3.Error):
        cause = error
    else:
        return False
    message = str(cause).casefold()
    if any(part in message for part in _UNAVAILABLE):
        return True
    # PostgreSQL: a server that is down, shutting down or in recovery, or a lock not granted.
    return type(cause).__name__ in {
        "ReadOnlySqlTransaction",
        "LockNotAvailable",
        "AdminShutdown",
        "CannotConnectNow",
        "ConnectionFailure",
    } or (isinstance(error, OperationalError) and "connection" in message)
