"""The database: engines for SQLite and PostgreSQL, migrations, and the :class:`Store` handle.

SQLite connections get WAL, ``busy_timeout`` 5000, ``foreign_keys=ON`` and
``synchronous=NORMAL``. Write transactions hold the database's write lock from their first
statement (``BEGIN IMMEDIATE`` on SQLite, a transaction-level advisory lock on PostgreSQL), so
two writers never decide a film's identity or a person's id from the same stale view.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from filmguide.config import normalize_database_url
from filmguide.model import Guide
from filmguide.store import aliases as alias_queries
from filmguide.store import catalog as catalog_queries
from filmguide.store import check as check_queries
from filmguide.store import dump as dump_queries
from filmguide.store import events as event_queries
from filmguide.store import guides as guide_queries
from filmguide.store import revisions as revision_queries
from filmguide.store import search as search_queries
from filmguide.store import similar as similar_queries
from filmguide.store import tokens as token_queries
from filmguide.store.catalog import Browse, CatalogReport, FilmRow
from filmguide.store.events import WINDOW, Count
from filmguide.store.films import StoredRef, film_refs_of
from filmguide.store.guides import DEFAULT_POLICY, GuideSummary, SaveResult, WritePolicy
from filmguide.store.linking import CatalogTitles
from filmguide.store.people import (
    FilmCredit,
    Person,
    PersonCredit,
    PersonIds,
    all_people,
    credits_by_person,
    film_credits,
    find_person,
    person_credits,
)
from filmguide.store.tokens import TokenInfo

if TYPE_CHECKING:
    from alembic.config import Config

    from filmguide.catalog import CatalogFilm
    from filmguide.recommend import Similar

log = logging.getLogger("filmguide.store")
MIGRATIONS = Path(__file__).with_name("migrations")
#: Execution option marking a connection whose transactions write.
_WRITE = "filmguide_write"
#: Key of the PostgreSQL advisory lock writers take (any constant; "filmguide" in ASCII, cut).
_PG_WRITE_LOCK = 0x66696C6D6775


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
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _postgres_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_WRITE):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")


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


# --- migrations -------------------------------------------------------------------------------


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
    under the write lock, so two processes opening a new database migrate it once.
    """
    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return False
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if current_revision(conn) == head:
                return False
            from alembic import command

            command.upgrade(alembic_config(conn), "head")
    return True


# --- the store --------------------------------------------------------------------------------


class SlugConflict(ValueError):
    """A guide saved at a slug that links to another film: nothing was written."""

    def __init__(self, wanted: str, found: str) -> None:
        self.wanted = wanted
        self.found = found
        super().__init__(
            f"the guide's title links it to the film '{found}', not to '{wanted}': "
            f"save it at /api/guides/{found}, or give the title of '{wanted}'"
        )


#: SQLite's own checkpoint interval, in pages of the write-ahead log.
WAL_CHECKPOINT_PAGES = 1000
#: The interval during :meth:`Store.bulk_writes`: 64 MB of log at most, about 600 guides.
BULK_WAL_CHECKPOINT_PAGES = 16384
_CHECKPOINT_PAGES = "filmguide_wal_autocheckpoint"


class Store:
    """The film guide's database: every read and write of guides goes through here."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._people = PersonIds()
        self._fuzzy = search_queries.FuzzyCache()
        self._catalog_titles = CatalogTitles()
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
    def open(cls, url: str) -> Store:
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

    def __enter__(self) -> Store:
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
    def _writing(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                if self._engine.dialect.name == "sqlite":
                    self._checkpoint_setting(conn)
                conn.execution_options(**{_WRITE: True})
                conn.info.pop(search_queries.CHANGED, None)
                with conn.begin():
                    yield conn
                if conn.info.pop(search_queries.CHANGED, False):
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

    def save_guide(
        self,
        guide: Guide,
        *,
        source: str | None = None,
        index: bool = True,
        written: str | None = None,
        aliases: Sequence[str] = (),
        policy: WritePolicy = DEFAULT_POLICY,
    ) -> SaveResult:
        """Create or update the guide's film, guide, people, credits and references, in one transaction.

        ``index=False`` defers the search index to :meth:`index_pending` (bulk imports).
        ``written``: the guide's JSON as already written (an import's parse workers hand it over),
        kept as the stored document where it holds the same guide. ``aliases``: old addresses of
        the guide (a WordPress post's), added in the same transaction; a guide otherwise the same
        that gains one counts as changed. ``policy``: revisions and the guard against losses
        (:class:`~filmguide.store.guides.WritePolicy`); a refused write raises
        :class:`~filmguide.store.revisions.GuideLoss`.
        """
        now = datetime.now(UTC)
        with self._writing() as conn:
            result = guide_queries.save_guide(
                conn,
                guide,
                index=index,
                source=source,
                people=self._people,
                now=now,
                catalog=self._catalog_titles,
                written=written,
                policy=policy,
            )
            added = alias_queries.add_aliases(
                conn, result.slug, aliases, now=now, bump_version=not result.changed
            )
            if added and not result.changed:
                result = dataclasses.replace(result, changed=True)
            return result

    def get_guide(self, slug: str) -> Guide | None:
        """The stored guide of the film with this slug, with ``guide.slug`` set; ``None`` if none."""
        with self._reading() as conn:
            return guide_queries.get_guide(conn, slug)

    def guide_version(self, slug: str) -> int | None:
        """The version of a film's guide (1 when created, +1 on every change); ``None`` if none."""
        with self._reading() as conn:
            return guide_queries.guide_version(conn, slug)

    def list_guides(self) -> list[GuideSummary]:
        """Every guide, ordered by title."""
        with self._reading() as conn:
            return guide_queries.list_guides(conn)

    def delete_guide(self, slug: str, *, source: str | None = "cli") -> bool:
        """Move a guide to the trash, removing its credits and references (and its film, unless
        it has events or is the catalog's); ``source``: who deleted it."""
        with self._writing() as conn:
            return guide_queries.delete_guide(conn, slug, self._people, source=source, now=datetime.now(UTC))

    def save_guide_at(
        self,
        slug: str,
        guide: Guide,
        *,
        source: str | None = None,
        policy: WritePolicy = DEFAULT_POLICY,
    ) -> SaveResult:
        """Save the guide as the film ``slug``'s, or not at all (``PUT /api/guides/{slug}``).

        The film is found as :meth:`save_guide` finds it, ``slug`` being the slug the guide gives;
        when that is another film (the title names a different one, or ``slug`` belongs to a film
        of another title), the transaction is rolled back and :class:`SlugConflict` names it.
        ``policy.expect``: the content hash the current guide must have (``If-Match``), else
        :class:`~filmguide.store.revisions.StaleWrite`.
        """
        guide = guide.model_copy(update={"slug": slug})
        with self._writing() as conn:
            result = guide_queries.save_guide(
                conn,
                guide,
                source=source,
                people=self._people,
                now=datetime.now(UTC),
                catalog=self._catalog_titles,
                policy=policy,
            )
            if result.slug != slug:
                raise SlugConflict(slug, result.slug)
            return result

    def add_aliases(self, slug: str, paths: Sequence[str]) -> int:
        """Make each path an old address of the film ``slug``; returns how many were new or moved."""
        with self._writing() as conn:
            return alias_queries.add_aliases(conn, slug, paths, now=datetime.now(UTC))

    def alias_target(self, path: str) -> str | None:
        """The slug of the film an old address (an alias, in its stored form) stands for."""
        with self._reading() as conn:
            return alias_queries.alias_target(conn, path)

    def aliases(self, slug: str) -> list[str]:
        """The film's old addresses."""
        with self._reading() as conn:
            return alias_queries.aliases_of(conn, slug)

    def all_aliases(self) -> list[tuple[str, str]]:
        """Every (old path, film slug): what an export writes as redirects."""
        with self._reading() as conn:
            return alias_queries.all_aliases(conn)

    # --- revisions and the trash (store.revisions) ----------------------------------------------

    def history(self, slug: str) -> list[revision_queries.Revision]:
        """Every version of a guide, newest first (the current one first, unless it is trashed)."""
        with self._reading() as conn:
            return revision_queries.history(conn, slug)

    def revision(self, slug: str, revision: int) -> Guide | None:
        """One version of a guide (current or kept), or ``None``."""
        with self._reading() as conn:
            document = revision_queries.document(conn, slug, revision)
        if document is None:
            return None
        guide = Guide.model_validate_json(document)
        guide.slug = slug
        return guide

    def guide_state(self, slug: str) -> tuple[int, str] | None:
        """(version, content hash) of a film's current guide: its ETag's parts. ``None`` if none."""
        with self._reading() as conn:
            return revision_queries.current_state(conn, slug)

    def restore(
        self, slug: str, revision: int | None = None, *, source: str | None = "cli"
    ) -> tuple[int, SaveResult]:
        """Make a kept version of a guide current again (a new version), or with no ``revision``
        bring a trashed guide back whole. Returns (the revision restored, what the save did);
        raises :class:`~filmguide.store.revisions.RevisionError` when there is none."""
        note = "restored revision {}"
        with self._writing() as conn:
            if revision is None:
                note = "restored from the trash (revision {})"
                found = revision_queries.trashed(conn, slug)
                if not found:
                    raise revision_queries.RevisionError(
                        f"'{slug}' is not in the trash (see: filmguide trash list)"
                    )
                revision = found[0].revision
            document = revision_queries.document(conn, slug, revision)
            if document is None:
                raise revision_queries.RevisionError(
                    f"the guide '{slug}' has no revision {revision} (see: filmguide history {slug})"
                )
            guide = Guide.model_validate_json(document)
            guide.slug = slug
            result = guide_queries.save_guide(
                conn,
                guide,
                source=source,
                people=self._people,
                now=datetime.now(UTC),
                catalog=self._catalog_titles,
                policy=WritePolicy(force=True, note=note.format(revision)),
            )
            if result.slug != slug:
                raise SlugConflict(slug, result.slug)
            return revision, result

    def trash(self, slug: str | None = None) -> list[revision_queries.Trashed]:
        """The guides in the trash (or the one at ``slug``), most recently deleted first."""
        with self._reading() as conn:
            return revision_queries.trashed(conn, slug)

    def empty_trash(self, before: datetime | None = None) -> list[str]:
        """Remove trashed guides for good, with their revisions (those deleted before ``before``)."""
        with self._writing() as conn:
            return revision_queries.empty_trash(conn, before)

    def prune_revisions(self, *, keep: int, before: datetime | None = None) -> int:
        """Delete revisions beyond each guide's newest ``keep`` that are older than ``before``."""
        with self._writing() as conn:
            return revision_queries.prune(conn, keep=keep, before=before)

    def credits(self, slug: str) -> list[PersonCredit]:
        """The people credited in a film, by role and position."""
        with self._reading() as conn:
            return film_credits(conn, slug)

    def index_pending(
        self, batch: int = 500, *, texts: Mapping[str, search_queries.SearchText] | None = None
    ) -> int:
        """Search-index every guide a bulk import left out, ``batch`` per transaction
        (``texts``: search texts already derived, by film slug)."""
        total = 0
        while True:
            with self._writing() as conn:
                done = search_queries.index_pending(conn, limit=batch, texts=texts)
            total += done
            if done < batch:
                return total

    def newest_guides(self, limit: int = 12) -> list[GuideSummary]:
        with self._reading() as conn:
            return guide_queries.newest_guides(conn, limit)

    def film_refs(self, slug: str) -> list[StoredRef]:
        """The films a guide points to (director's films, recommendations), with stored slugs."""
        with self._reading() as conn:
            return film_refs_of(conn, slug)

    def person(self, slug: str) -> Person | None:
        with self._reading() as conn:
            return find_person(conn, slug)

    def person_credits(self, slug: str) -> list[FilmCredit]:
        with self._reading() as conn:
            return person_credits(conn, slug)

    def people(self) -> list[Person]:
        with self._reading() as conn:
            return all_people(conn)

    def credits_by_person(self) -> dict[str, list[FilmCredit]]:
        """Every person's credits (person slug → :meth:`person_credits`), in one query."""
        with self._reading() as conn:
            return credits_by_person(conn)

    def record_event(self, slug: str, kind: str, channel: str | None = None) -> bool:
        """Record a view or a share of a film; False if no film has this slug."""
        with self._writing() as conn:
            film = event_queries.film_id(conn, slug)
            if film is None:
                return False
            event_queries.record(conn, film, kind, channel, datetime.now(UTC))
            return True

    def record_events(
        self, batch: Sequence[event_queries.EventIn], caps: Mapping[str, int] | None = None
    ) -> int:
        """Record many views and shares, (film slug, kind, channel, moment[, client[, source]])
        each, in one transaction; events of unknown films are skipped, and so are a client's
        repeats (a second view or share of a film the same UTC day) and a source's events past its
        daily cap per film (``caps`` by kind). Returns how many were written."""
        if not batch:
            return 0
        with self._writing() as conn:
            return event_queries.record_many(conn, batch, caps)

    def roll_up_events(self, now: datetime | None = None) -> int:
        """Fold events older than the longest window into daily counts; how many were folded."""
        with self._writing() as conn:
            return event_queries.roll_up(conn, now or datetime.now(UTC))

    def daily_counts(self, slug: str, kind: str) -> dict[date, int]:
        """A film's views or shares per UTC day, rolled-up days included."""
        with self._reading() as conn:
            return event_queries.daily_counts(conn, slug, kind)

    def has_film(self, slug: str) -> bool:
        """Whether a film (catalog or guided) has this slug: one indexed read."""
        with self._reading() as conn:
            return event_queries.film_id(conn, slug) is not None

    # --- API tokens (see store.tokens) -----------------------------------------------------------

    def create_token(self, name: str) -> str:
        """A new API token named ``name``, returned once and stored as its hash only; raises
        :class:`~filmguide.store.tokens.TokenError` for a bad or taken name."""
        with self._writing() as conn:
            return token_queries.create(conn, name, datetime.now(UTC))

    def tokens(self) -> list[TokenInfo]:
        """Every API token (never the token itself), oldest first."""
        with self._reading() as conn:
            return token_queries.list_tokens(conn)

    def revoke_token(self, name: str) -> TokenInfo | None:
        """Revoke the token named ``name``; ``None`` if there is none."""
        with self._writing() as conn:
            return token_queries.revoke(conn, name, datetime.now(UTC))

    def verify_token(self, token: str) -> str | None:
        """The name of the active token ``token``, or ``None``. A read, plus a write of
        ``last_used_at`` at most once a minute per token (a failed one is only logged)."""
        now = datetime.now(UTC)
        with self._reading() as conn:
            found = token_queries.verify(conn, token, now)
        if found is None:
            return None
        if found.touch:
            try:
                with self._writing() as conn:
                    token_queries.touch(conn, found.id, now)
            except SQLAlchemyError:
                log.warning("could not record the use of token %r", found.name, exc_info=True)
        return found.name

    def top_films(self, kind: str, *, limit: int = 10, now: datetime | None = None) -> list[Count]:
        """Films by number of views (``"view"``) or shares (``"share"``) in the recent window."""
        since = (now or datetime.now(UTC)) - WINDOW
        with self._reading() as conn:
            return event_queries.top(conn, kind, since=since, limit=limit)

    def latest_event(self) -> datetime | None:
        """When the newest view or share happened (``None`` if none): a fixed "now" for pages that
        must not depend on the clock, such as the static export's trending lists."""
        with self._reading() as conn:
            moment = event_queries.latest(conn)
        return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment

    def search(self, query: str, *, limit: int = 20) -> search_queries.WordHits:
        """Films and people holding every word of ``query`` (any text: it is tokenised, never parsed),
        within the context's :class:`~filmguide.store.search.Budget` if one is set."""
        with self._reading() as conn, search_queries.budgeted(conn):
            return search_queries.search_words(conn, query, limit, self._fuzzy)

    def search_fuzzy(
        self, query: str, *, limit: int = 10, people: bool = True, loose: bool = False
    ) -> list[search_queries.Hit]:
        """Films (and people) whose titles (names) are close to ``query``: typos forgiven."""
        with self._reading() as conn, search_queries.budgeted(conn):
            return search_queries.fuzzy(conn, self._fuzzy, query, limit, people=people, loose=loose)

    def rebuild_search_index(self) -> int:
        """Index every guide again (after a bulk load that bypassed :meth:`save_guide`)."""
        with self._writing() as conn:
            return search_queries.rebuild(conn) + catalog_queries.index_all(conn)

    # --- the catalog, browsing, similar films ---------------------------------------------------

    def load_catalog(self, films: Sequence[CatalogFilm]) -> CatalogReport:
        """Insert or update the catalog's films by slug, in one transaction; guides untouched.

        Loading the same films again changes nothing (``unchanged`` counts them all).
        """
        with self._writing() as conn:
            report = catalog_queries.load(conn, films, self._people, datetime.now(UTC))
        self._catalog_titles.clear()
        return report

    def catalog_film(self, slug: str) -> CatalogFilm | None:
        """The catalog's facts about a film; ``None`` for a film known from a guide alone."""
        with self._reading() as conn:
            return catalog_queries.catalog_film(conn, slug)

    def catalog_films(self) -> list[CatalogFilm]:
        """Every catalog film."""
        with self._reading() as conn:
            return catalog_queries.catalog_films(conn)

    def film_row(self, slug: str) -> FilmRow | None:
        """Any film one can visit (the catalog's, or one with a guide); ``None`` if none."""
        with self._reading() as conn:
            return catalog_queries.film_row(conn, slug)

    def browse(
        self,
        *,
        genre: str | None = None,
        year: int | None = None,
        director: str | None = None,
        sort: str = "title",
        page: int = 1,
        per_page: int = 48,
    ) -> Browse:
        """A page of films (catalog and guided), filtered by genre, year and director (a person's
        slug or name), sorted by ``title``, ``year``, ``-year``, ``rating`` or ``gross``.

        Raises :class:`ValueError` for an unknown sort.
        """
        with self._reading() as conn:
            return catalog_queries.browse(
                conn, genre=genre, year=year, director=director, sort=sort, page=page, per_page=per_page
            )

    def genres(self) -> list[str]:
        """The catalog's genres, sorted."""
        with self._reading() as conn:
            return catalog_queries.genres(conn)

    def save_similar(self, lists: Mapping[str, Sequence[Similar]]) -> None:
        """Replace every stored similar-film list (film slug → ranked list), in one transaction."""
        with self._writing() as conn:
            similar_queries.save(conn, lists)

    def similar(self, slug: str) -> list[dict[str, Any]]:
        """A film's stored similar films, best first: ``{slug, title, year, score, reasons}``."""
        with self._reading() as conn:
            return similar_queries.of(conn, slug)

    def similar_lists(self) -> dict[str, list[dict[str, Any]]]:
        """Every film's :meth:`similar` list by film slug, in one query (the static export)."""
        with self._reading() as conn:
            return similar_queries.all_lists(conn)

    def curated(self) -> dict[str, list[str]]:
        """Each guide's recommendations that are stored films: film slug → their slugs."""
        with self._reading() as conn:
            return similar_queries.curated(conn)

    def guides(self) -> dict[str, Guide]:
        """Every stored guide, by its film's slug."""
        with self._reading() as conn:
            documents = similar_queries.guide_documents(conn)
        found: dict[str, Guide] = {}
        for slug, document in documents:
            guide = Guide.model_validate_json(document)
            guide.slug = slug
            found[slug] = guide
        return found

    def co_reads(self, now: datetime | None = None) -> dict[str, dict[str, int]]:
        """Films viewed in the same half hour, counted (a proxy for co-reading; see store.similar)."""
        with self._reading() as conn:
            return similar_queries.co_reads(conn, now or datetime.now(UTC))

    def film_count(self) -> int:
        """How many films are stored (catalog and guides)."""
        with self._reading() as conn:
            return catalog_queries.film_count(conn)

    def catalog_size(self) -> int:
        """How many catalog films are stored."""
        with self._reading() as conn:
            return catalog_queries.film_count(conn, catalog_only=True)

    def data_version(self) -> int:
        """A counter every write moves (guide saved or deleted, catalog loaded, similar lists
        saved): page caches key on it."""
        with self._reading() as conn:
            return search_queries.index_version(conn)

    def migration_status(self) -> tuple[str | None, str]:
        """(revision recorded in the database, newest revision of the migrations)."""
        with self._engine.connect() as conn:
            return current_revision(conn), head_revision()

    # --- dump, load, check (store.dump, store.check) ---------------------------------------------

    def dump(self, out: IO[bytes]) -> dump_queries.DumpReport:
        """Write every table to ``out`` as a portable JSON Lines dump, from one snapshot
        (PostgreSQL: a REPEATABLE READ transaction; SQLite: one read transaction in WAL)."""
        with self._engine.connect() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                return dump_queries.dump(conn, out, current_revision(conn))

    def load(self, lines: Iterable[bytes], name: str, *, replace: bool = False) -> dump_queries.LoadReport:
        """Replace every row with a dump's (``name``: the file, for messages), in one transaction,
        then rebuild the search index. Raises :class:`~filmguide.store.dump.DumpError`."""
        with self._writing() as conn:
            report = dump_queries.load(conn, lines, name, known_revisions=known_revisions(), replace=replace)
        # Every id changed hands: what this store remembered about people and titles is stale.
        self._people.clear()
        self._fuzzy.clear()
        self._catalog_titles.clear()
        return report

    def check(self) -> list[check_queries.Finding]:
        """Check the database's integrity (store.check); changes nothing."""
        return check_queries.check(self._engine)
