"""The store's connections: reads and writes each in a transaction of their own, bulk writes,
and recovering when the database could not be written (:class:`Connections`, the base of
:class:`~filmguide.store.database.Store`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Concatenate, ParamSpec, Self, TypeVar

from sqlalchemy import Connection, Engine

from filmguide.store.engine import PROBE_BUSY_MS, WRITE, create_store_engine, unavailable
from filmguide.store.linking import CatalogTitles
from filmguide.store.migrate import migrate
from filmguide.store.people import PersonIds
from filmguide.store.search import index as search_index
from filmguide.store.search.fuzzy import FuzzyCache

log = logging.getLogger("filmguide.store")
P = ParamSpec("P")
T = TypeVar("T")

#: SQLite's own checkpoint interval, in pages of the write-ahead log.
WAL_CHECKPOINT_PAGES = 1000
#: The interval during :meth:`Connections.bulk_writes`: 64 MB of log at most, about 600 guides.
BULK_WAL_CHECKPOINT_PAGES = 16384
_CHECKPOINT_PAGES = "filmguide_wal_autocheckpoint"


class Connections:
    """A database's engine and the transactions every store method runs in, with what a store
    remembers between them (people's ids, the titles to link, the fuzzy matcher's cache)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._people = PersonIds()
        self._fuzzy = FuzzyCache()
        self._catalog_titles = CatalogTitles()
        self._closers: list[Callable[[], object]] = []
        self._batches = threading.local()
        """Each thread's open :meth:`write_batch` (``connection``), whose writes are savepoints of
        it: a write from another thread (the similar films' refresher, a served page) never
        joins a batch it did not open."""
        self.migrated = False
        """Whether opening this store ran migrations."""
        self.content_writes = 0
        """Committed writes through this store that changed what pages show (not views or
        shares): a page cache in this process compares it, with no query, to see its own writes."""
        self._wal_checkpoint_pages = WAL_CHECKPOINT_PAGES
        self.write_failing = False
        """Whether the last write failed because the database could not be written (read-only,
        full, failing disk): :meth:`writable` then tries a real write until one succeeds."""

    @classmethod
    def open(cls, url: str) -> Self:
        """Open the database (a path, ``sqlite:///…`` or ``postgresql://…``), migrating it to head."""
        engine = create_store_engine(url)
        try:
            migrated = migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        store = cls(engine)
        store.migrated = migrated
        return store

    def on_close(self, closer: Callable[[], object]) -> None:
        """Have ``closer`` run when the store closes, before its connections do: a background
        worker that writes through the store (the similar films' refresher) finishes first. Left
        running, it opened a connection on the closed store that nothing ever closed."""
        self._closers.append(closer)

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
        closers, self._closers = self._closers, []
        for closer in closers:
            closer()
        self._engine.dispose()
        self._people.clear()
        self._fuzzy.clear()
        self._catalog_titles.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        """The engine, for other store modules and tests; views never build queries."""
        return self._engine

    @property
    def url(self) -> str:
        """The database's URL, without any password: safe to print."""
        return self._engine.url.render_as_string(hide_password=True).replace("+psycopg", "")

    @property
    def url_with_password(self) -> str:
        """The URL to hand to another process of ours (a serve worker); never print it."""
        return self._engine.url.render_as_string(hide_password=False).replace("+psycopg", "")

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self._engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Many write transactions in a row (a bulk import): on SQLite, the write-ahead log is
        copied back into the database every :data:`BULK_WAL_CHECKPOINT_PAGES` pages rather than
        every 1,000, and once at the end.

        Each checkpoint writes the database file and syncs it; at SQLite's default, a bulk import
        ran one every 40 guides or so, and they took a third of its writing time. Each article
        stays its own transaction, as durable as before (the log is synced the same way).
        """
        if self.dialect != "sqlite":
            yield
            return
        self._wal_checkpoint_pages = BULK_WAL_CHECKPOINT_PAGES
        try:
            yield
        finally:
            self._wal_checkpoint_pages = WAL_CHECKPOINT_PAGES
            with self._engine.connect() as conn:
                # PASSIVE: copies what no reader still needs, and never waits for the site's readers.
                # Outside any transaction (on the driver's connection), or it would read a snapshot.
                conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]

    def _checkpoint_setting(self, conn: Connection) -> None:
        """Give this SQLite connection the checkpoint interval now wanted (set once per change)."""
        wanted = self._wal_checkpoint_pages
        if conn.info.get(_CHECKPOINT_PAGES, WAL_CHECKPOINT_PAGES) != wanted:
            conn.connection.driver_connection.execute(f"PRAGMA wal_autocheckpoint={int(wanted)}")  # type: ignore[union-attr]
            conn.info[_CHECKPOINT_PAGES] = wanted

    @contextmanager
    def write_batch(self) -> Iterator[None]:
        """The writes made inside share one transaction, each in a savepoint of its own: a bulk
        import saves a chunk of guides that its parse workers have already read in one commit.

        A write that fails inside (a save refused for what it would lose) is undone alone and the
        batch goes on; an error that leaves the block undoes the whole batch, as it undoes one
        write outside a batch. On SQLite each commit had cost a tenth of a save (its ``BEGIN
        IMMEDIATE``, and the log's pages of every table and index written again); the site's own
        writes wait for the batch as they wait for one save, at most a chunk's writing time.
        Nested, it is the outer batch. It is this thread's: other threads' writes wait for it as
        for any write, and are no part of it.
        """
        if self._batch() is not None:
            yield
            return
        with self._writing() as conn:
            self._batches.connection = conn
            try:
                yield
            finally:
                self._batches.connection = None

    def _batch(self) -> Connection | None:
        """This thread's open batch's connection, if it has one."""
        connection: Connection | None = getattr(self._batches, "connection", None)
        return connection

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        if (batch := self._batch()) is not None:
            with self._savepoint(batch) as conn:
                yield conn
            return
        try:
            with self._engine.connect() as conn:
                if self._engine.dialect.name == "sqlite":
                    self._checkpoint_setting(conn)
                conn.execution_options(**{WRITE: True})
                conn.info.pop(search_index.CHANGED, None)
                with conn.begin():
                    yield conn
                if conn.info.pop(search_index.CHANGED, False):
                    self.content_writes += 1
        except BaseException as error:
            self._people.rollback()
            self._recover(error)
            raise
        self._people.commit()
        self.write_failing = False

    @contextmanager
    def _savepoint(self, conn: Connection) -> Iterator[Connection]:
        """One write of a :meth:`write_batch`: undone alone when it fails. The people it found or
        made are forgotten with it, and with them the batch's earlier ones (which are only
        looked up again: the cache of ids is never wrong, at worst empty)."""
        try:
            with conn.begin_nested():
                yield conn
        except BaseException:
            self._people.rollback()
            raise

    def _recover(self, error: BaseException) -> None:
        """After a write failed because the database could not be written (not merely locked),
        note it and drop the pooled connections: SQLite opens a file it cannot write read-only
        and keeps it so for the connection's life, so only new connections see the fault
        cleared."""
        if unavailable(error) and "locked" not in str(getattr(error, "orig", error)).casefold():
            log.warning("the database refused a write (%s); reconnecting", type(error).__name__)
            self.write_failing = True
            self._engine.dispose()

    def writable(self) -> bool:
        """Whether a write could start now: a write transaction begun and rolled back, waiting at
        most :data:`PROBE_BUSY_MS` for another writer's lock (a health check's question). After
        a write failed (:attr:`write_failing`), a real one: the counter of changes set to itself
        and committed, since a rolled-back write never reaches the disk."""
        if self.write_failing:
            try:
                with self._writing() as conn:
                    conn.exec_driver_sql("UPDATE search_state SET version = version")
            except Exception:
                return False
        try:
            with self._engine.connect() as conn:
                if self.dialect == "sqlite":
                    driver = conn.connection.driver_connection
                    assert driver is not None
                    driver.execute(f"PRAGMA busy_timeout={PROBE_BUSY_MS}")
                    try:
                        driver.execute("BEGIN IMMEDIATE")
                        driver.execute("ROLLBACK")
                    finally:
                        driver.execute("PRAGMA busy_timeout=5000")
                    return True
                read_only = conn.exec_driver_sql("SHOW transaction_read_only").scalar()
                conn.rollback()
                return read_only == "off"
        except Exception as error:  # sqlite3 raises its own errors here, outside SQLAlchemy
            if "readonly" in str(error).casefold():
                self._engine.dispose()
            log.warning("the database cannot be written now: %s", str(error).splitlines()[0])
            return False

    def _read(self, query: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``query(conn, *args, **kwargs)`` in a read transaction: what most methods of the
        store are."""
        with self._reading() as conn:
            return query(conn, *args, **kwargs)

    def _write(self, query: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``query(conn, *args, **kwargs)`` in a write transaction."""
        with self._writing() as conn:
            return query(conn, *args, **kwargs)
