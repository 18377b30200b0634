"""The store's connections: reads and writes each in a transaction of their own, bulk writes,
and recovering when the database could not be written (:class:`Connections`, the base of
:class:`~filmguide.store.database.Store`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, Self, TypeVar

from sqlalchemy import Connection, Engine, RootTransaction
from sqlalchemy.exc import SQLAlchemyError

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
#: During :meth:`Connections.bulk_writes`, writes share one transaction (each in a savepoint of
#: its own) up to this many, or for this many seconds, whichever comes first.
GROUP_WRITES = 64
GROUP_SECONDS = 0.25


@dataclass
class _Group:
    """The transaction a bulk import's writes share, open while writes come in a row."""

    conn: Connection
    transaction: RootTransaction
    started: float
    writes: int = 0
    changed: int = 0
    """Writes in it that changed what pages show (counted into ``content_writes`` at commit)."""


class Connections:
    """A database's engine and the transactions every store method runs in, with what a store
    remembers between them (people's ids, the titles to link, the fuzzy matcher's cache)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._people = PersonIds()
        self._fuzzy = FuzzyCache()
        self._catalog_titles = CatalogTitles()
        self.migrated = False
        """Whether opening this store ran migrations."""
        self.content_writes = 0
        """Committed writes through this store that changed what pages show (not views or
        shares): a page cache in this process compares it, with no query, to see its own writes."""
        self._wal_checkpoint_pages = WAL_CHECKPOINT_PAGES
        self._grouping = False
        self._group: _Group | None = None
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

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
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
        self.flush_writes()  # a read sees every write made before it
        with self._engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Many writes in a row (a bulk import), grouped: consecutive writes share one transaction,
        each in a savepoint of its own, committed every :data:`GROUP_WRITES` writes or
        :data:`GROUP_SECONDS` seconds, before any read, at :meth:`flush_writes` and at the end.

        Each write stays whole: one that fails rolls back to its savepoint, and the writes before
        it are kept. What a crash loses is the group not yet committed, never part of an article;
        importing again brings it in. A failing database (full, read-only) ends the group: its
        writes are rolled back and the error is raised. A commit for each article cost a third
        of the writer's database time (and on PostgreSQL a flush of its log each).

        On SQLite, the write-ahead log is also copied back into the database every
        :data:`BULK_WAL_CHECKPOINT_PAGES` pages rather than every 1,000, and once at the end:
        each checkpoint writes the database file and syncs it, and at SQLite's default a bulk
        import ran one every 40 guides or so.
        """
        self._grouping = True
        if self.dialect == "sqlite":
            self._wal_checkpoint_pages = BULK_WAL_CHECKPOINT_PAGES
        try:
            yield
        finally:
            # Even when the import stops on an error (a fault in an export, an interrupt): every
            # write in the group is whole, and what was saved before the stop stays saved.
            self._grouping = False
            try:
                self.flush_writes()
            finally:
                self._end_group()
                if self.dialect == "sqlite":
                    self._wal_checkpoint_pages = WAL_CHECKPOINT_PAGES
                    self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy the write-ahead log into the database now, as far as no reader still needs it."""
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

    def flush_writes(self) -> None:
        """Commit the writes grouped so far (:meth:`bulk_writes`); nothing outside a group.

        A bulk import calls it before it waits for its parse workers, so that the group never
        holds the database's write lock while nothing is written (the site's own writes, such as
        its view counts, take their turn then)."""
        group = self._group
        if group is None:
            return
        self._group = None
        try:
            group.transaction.commit()
        except BaseException as error:
            group.conn.close()
            self._people.rollback()
            self._recover(error)
            raise
        group.conn.close()
        self._people.commit()
        self.content_writes += group.changed
        self.write_failing = False

    def _end_group(self) -> None:
        """Roll back and close a group left open by an error (the writes in it are not kept)."""
        group, self._group = self._group, None
        if group is not None:
            group.conn.close()  # rolls back
            self._people.rollback()

    def _open_group(self) -> _Group:
        conn = self._engine.connect()
        try:
            if self._engine.dialect.name == "sqlite":
                self._checkpoint_setting(conn)
            conn.execution_options(**{WRITE: True})
            self._group = _Group(conn, conn.begin(), time.monotonic())
        except BaseException:
            conn.close()
            raise
        return self._group

    @contextmanager
    def _grouped(self) -> Iterator[Connection]:
        """One write of a group, in a savepoint of the group's transaction."""
        try:
            group = self._group or self._open_group()
            conn = group.conn
            conn.info.pop(search_index.CHANGED, None)
            with conn.begin_nested():
                yield conn
        except SQLAlchemyError as error:
            # The writes before this one are whole: kept if the database still takes them.
            with suppress(SQLAlchemyError):
                self.flush_writes()
            self._end_group()
            self._recover(error)
            raise
        except BaseException:
            # Ids staged since the last commit may have gone with the savepoint: dropped from
            # the cache, they are looked up again (the ones still there are found).
            self._people.rollback()
            raise
        group.writes += 1
        group.changed += bool(conn.info.pop(search_index.CHANGED, False))
        if group.writes >= GROUP_WRITES or time.monotonic() - group.started >= GROUP_SECONDS:
            self.flush_writes()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        if self._grouping:
            with self._grouped() as conn:
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
