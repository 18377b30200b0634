"""The :class:`Store` handle: every question the site, the tools and the export ask of the
database, each one transaction. Engines: :mod:`~filmguide.store.engine`; migrations:
:mod:`~filmguide.store.migrate`; transactions: :mod:`~filmguide.store.connection`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import IO, TYPE_CHECKING, Any, Unpack

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from filmguide.store import aliases as alias_queries
from filmguide.store import analyses as analysis_queries
from filmguide.store import catalog as catalog_queries
from filmguide.store import events as event_queries
from filmguide.store import film_page as film_page_queries
from filmguide.store import guides as guide_queries
from filmguide.store import revisions as revision_queries
from filmguide.store import similar as similar_queries
from filmguide.store import tokens as token_queries
from filmguide.store.analyses import AnalysedGuide
from filmguide.store.catalog import Browse, BrowseFilters, CatalogReport, FilmRow
from filmguide.store.connection import Connections
from filmguide.store.engine import WRITE
from filmguide.store.events import WINDOW, Count
from filmguide.store.films import StoredRef, film_refs_of
from filmguide.store.guides import DEFAULT_POLICY, GuideSummary, SaveResult, WritePolicy
from filmguide.store.migrate import current_revision, head_revision, known_revisions
from filmguide.store.people import (
    FilmCredit,
    Person,
    PersonCredit,
    all_people,
    credits_by_person,
    film_credits,
    find_person,
    person_credits,
    person_with_credits,
)
from filmguide.store.search import index as search_index
from filmguide.store.search.version import index_version
from filmguide.store.tokens import TokenInfo

if TYPE_CHECKING:
    from filmguide.analyses import GuideParts
    from filmguide.catalog import CatalogFilm
    from filmguide.model import Guide
    from filmguide.recommend import Similar
    from filmguide.store import check as check_queries
    from filmguide.store import dump as dump_queries
    from filmguide.store import limits as limit_queries
    from filmguide.store.search.query import Hit, WordHits

# The query modules that a command reading guides never needs (the rate limits' dialects, the
# search's queries, dump and check) are imported by the methods that use them, so that
# ``filmguide list`` and ``show`` start fast (docs/benchmarks.md, "Command-line start-up").

log = logging.getLogger("filmguide.store")


class SlugConflict(ValueError):
    """A guide saved at a slug that links to another film: nothing was written."""

    def __init__(self, wanted: str, found: str) -> None:
        self.wanted = wanted
        self.found = found
        super().__init__(
            f"the guide's title links it to the film '{found}', not to '{wanted}': "
            f"save it at /api/guides/{found}, or give the title of '{wanted}'"
        )


class Store(Connections):
    """The film guide's database: every read and write of guides goes through here."""

    def save_guide(
        self,
        guide: Guide,
        *,
        source: str | None = None,
        index: bool = True,
        written: str | None = None,
        aliases: Sequence[str] = (),
        policy: WritePolicy = DEFAULT_POLICY,
        parts: GuideParts | None = None,
    ) -> SaveResult:
        """Create or update the guide's film, guide, people, credits and references, in one transaction.

        ``index=False`` defers the search index to :meth:`index_pending` (bulk imports).
        ``written``: the guide's JSON as already written (an import's parse workers hand it over),
        kept as the stored document where it holds the same guide. ``aliases``: old addresses of
        the guide (a WordPress post's), added in the same transaction; a guide otherwise the same
        that gains one counts as changed. ``policy``: revisions and the guard against losses
        (:class:`~filmguide.store.guides.WritePolicy`); a refused write raises
        :class:`~filmguide.store.revisions.GuideLoss`. ``parts``: the analyses made ahead from
        ``written`` (:class:`~filmguide.analyses.GuideParts`), used where they fit.
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
                parts=parts,
            )
            added = alias_queries.add_aliases(
                conn, result.slug, aliases, now=now, bump_version=not result.changed
            )
            if added and not result.changed:
                result = dataclasses.replace(result, changed=True)
            return result

    def analysed_guide(self, slug: str) -> AnalysedGuide | None:
        """The stored guide of the film with this slug, its stored analyses (``None`` when they
        are stale or missing) and its catalog film, read together; ``None`` when it has no guide."""
        return self._read(analysis_queries.read, slug)

    def film_page_reads(self, slug: str) -> film_page_queries.FilmPageReads | None:
        """What a film page reads (its guide, analyses, catalog film, linked films, similar films
        and old addresses) in one read transaction; ``None`` when the film has no guide."""
        return self._read(film_page_queries.read, slug)

    def get_guide(self, slug: str) -> Guide | None:
        """The stored guide of the film with this slug, with ``guide.slug`` set; ``None`` if none."""
        return self._read(guide_queries.get_guide, slug)

    def guide_json(self, slug: str) -> dict[str, Any] | None:
        """What :meth:`get_guide` returns as ``to_json_dict()``, read without building the guide
        where the stored document allows (:func:`~filmguide.store.guides.guide_json`)."""
        return self._read(guide_queries.guide_json, slug)

    def guide_version(self, slug: str) -> int | None:
        """The version of a film's guide (1 when created, +1 on every change); ``None`` if none."""
        return self._read(guide_queries.guide_version, slug)

    def list_guides(self) -> list[GuideSummary]:
        """Every guide, ordered by title."""
        return self._read(guide_queries.list_guides)

    def delete_guide(self, slug: str, *, source: str | None = "cli") -> bool:
        """Move a guide to the trash, removing its credits and references (and its film, unless
        it has events or is the catalog's); ``source``: who deleted it."""
        return self._write(
            guide_queries.delete_guide, slug, self._people, source=source, now=datetime.now(UTC)
        )

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
            return self._save_at(conn, slug, guide, source=source, policy=policy)

    def _save_at(
        self, conn: Connection, slug: str, guide: Guide, *, source: str | None, policy: WritePolicy
    ) -> SaveResult:
        """Save ``guide`` in the caller's write transaction as the film ``slug``'s, or raise
        :class:`SlugConflict` (the caller's transaction then rolls back)."""
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
        return self._write(alias_queries.add_aliases, slug, paths, now=datetime.now(UTC))

    def alias_target(self, path: str) -> str | None:
        """The slug of the film an old address (an alias, in its stored form) stands for."""
        return self._read(alias_queries.alias_target, path)

    def aliases(self, slug: str) -> list[str]:
        """The film's old addresses."""
        return self._read(alias_queries.aliases_of, slug)

    def all_aliases(self) -> list[tuple[str, str]]:
        """Every (old path, film slug): what an export writes as redirects."""
        return self._read(alias_queries.all_aliases)

    # --- revisions and the trash (store.revisions) ----------------------------------------------

    def history(self, slug: str) -> list[revision_queries.Revision]:
        """Every version of a guide, newest first (the current one first, unless it is trashed)."""
        return self._read(revision_queries.history, slug)

    def revision(self, slug: str, revision: int) -> Guide | None:
        """One version of a guide (current or kept), or ``None``."""
        with self._reading() as conn:
            document = revision_queries.document(conn, slug, revision)
        if document is None:
            return None
        from filmguide.model import Guide

        guide = Guide.model_validate_json(document)
        guide.slug = slug
        return guide

    def guide_state(self, slug: str) -> tuple[int, str] | None:
        """(version, content hash) of a film's current guide: its ETag's parts. ``None`` if none."""
        return self._read(revision_queries.current_state, slug)

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
            from filmguide.model import Guide

            guide = Guide.model_validate_json(document)
            guide.slug = slug
            policy = WritePolicy(force=True, note=note.format(revision))
            result = self._save_at(conn, slug, guide, source=source, policy=policy)
            return revision, result

    def trash(self, slug: str | None = None) -> list[revision_queries.Trashed]:
        """The guides in the trash (or the one at ``slug``), most recently deleted first."""
        return self._read(revision_queries.trashed, slug)

    def empty_trash(self, before: datetime | None = None) -> list[str]:
        """Remove trashed guides for good, with their revisions (those deleted before ``before``)."""
        return self._write(revision_queries.empty_trash, before)

    def prune_revisions(self, *, keep: int, before: datetime | None = None) -> int:
        """Delete revisions beyond each guide's newest ``keep`` that are older than ``before``."""
        return self._write(revision_queries.prune, keep=keep, before=before)

    def credits(self, slug: str) -> list[PersonCredit]:
        """The people credited in a film, by role and position."""
        return self._read(film_credits, slug)

    def index_pending(
        self, batch: int = 500, *, texts: Mapping[str, search_index.SearchText] | None = None
    ) -> int:
        """Search-index every guide a bulk import left out, ``batch`` per transaction
        (``texts``: search texts already derived, by film slug)."""
        total = 0
        while True:
            with self._writing() as conn:
                done = search_index.index_pending(conn, limit=batch, texts=texts)
            total += done
            if done < batch:
                return total

    def newest_guides(self, limit: int = 12) -> list[GuideSummary]:
        return self._read(guide_queries.newest_guides, limit)

    def film_refs(self, slug: str) -> list[StoredRef]:
        """The films a guide points to (director's films, recommendations), with stored slugs."""
        return self._read(film_refs_of, slug)

    def person(self, slug: str) -> Person | None:
        return self._read(find_person, slug)

    def person_credits(self, slug: str) -> list[FilmCredit]:
        return self._read(person_credits, slug)

    def person_with_credits(self, slug: str) -> tuple[Person, list[FilmCredit]] | None:
        """The person with this slug and their credits, in one read (a person page's)."""
        return self._read(person_with_credits, slug)

    def people(self) -> list[Person]:
        return self._read(all_people)

    def credits_by_person(self) -> dict[str, list[FilmCredit]]:
        """Every person's credits (person slug → :meth:`person_credits`), in one query."""
        return self._read(credits_by_person)

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
        return self._write(event_queries.record_many, batch, caps)

    def roll_up_events(self, now: datetime | None = None) -> int:
        """Fold events older than the longest window into daily counts; how many were folded."""
        return self._write(event_queries.roll_up, now or datetime.now(UTC))

    def daily_counts(self, slug: str, kind: str) -> dict[date, int]:
        """A film's views or shares per UTC day, rolled-up days included."""
        return self._read(event_queries.daily_counts, slug, kind)

    def has_film(self, slug: str) -> bool:
        """Whether a film (catalog or guided) has this slug: one indexed read."""
        with self._reading() as conn:
            return event_queries.film_id(conn, slug) is not None

    def take_token(
        self,
        name: str,
        client: str,
        now: float,
        *,
        rate: float,
        burst: int,
        prune_before: float | None = None,
    ) -> limit_queries.Taken:
        """Spend one token of ``client``'s bucket of the rate limit ``name``, shared by every
        process on this database (:mod:`filmguide.store.limits`); first, if ``prune_before`` is
        given, delete that limit's buckets untouched since then. PostgreSQL: no write lock."""
        from filmguide.store import limits as limit_queries

        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(**{WRITE: True})  # BEGIN IMMEDIATE: wait for the writer
            with conn.begin():
                if self.dialect == "postgresql":
                    # A bucket lost in a crash refills anyway: the commit need not wait for the disk.
                    conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                if prune_before is not None:
                    limit_queries.prune(conn, name, prune_before)
                return limit_queries.take(conn, name, client, now, rate=rate, burst=burst)

    # --- API tokens (see store.tokens) -----------------------------------------------------------

    def create_token(self, name: str) -> str:
        """A new API token named ``name``, returned once and stored as its hash only; raises
        :class:`~filmguide.store.tokens.TokenError` for a bad or taken name."""
        return self._write(token_queries.create, name, datetime.now(UTC))

    def tokens(self) -> list[TokenInfo]:
        """Every API token (never the token itself), oldest first."""
        return self._read(token_queries.list_tokens)

    def revoke_token(self, name: str) -> TokenInfo | None:
        """Revoke the token named ``name``; ``None`` if there is none."""
        return self._write(token_queries.revoke, name, datetime.now(UTC))

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
        return self._read(event_queries.top, kind, since=since, limit=limit)

    def latest_event(self) -> datetime | None:
        """When the newest view or share happened (``None`` if none): a fixed "now" for pages that
        must not depend on the clock, such as the static export's trending lists."""
        with self._reading() as conn:
            moment = event_queries.latest(conn)
        return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment

    def search(self, query: str, *, limit: int = 20) -> WordHits:
        """Films and people holding every word of ``query`` (any text: it is tokenised, never parsed),
        within the context's :class:`~filmguide.store.search.budget.Budget` if one is set."""
        from filmguide.store.search import search_words
        from filmguide.store.search.budget import budgeted

        with self._reading() as conn, budgeted(conn):
            return search_words(conn, query, limit, self._fuzzy)

    def search_fuzzy(
        self, query: str, *, limit: int = 10, people: bool = True, loose: bool = False
    ) -> list[Hit]:
        """Films (and people) whose titles (names) are close to ``query``: typos forgiven."""
        from filmguide.store.search.budget import budgeted
        from filmguide.store.search.fuzzy import fuzzy

        with self._reading() as conn, budgeted(conn):
            return fuzzy(conn, self._fuzzy, query, limit, people=people, loose=loose)

    def rebuild_search_index(self) -> int:
        """Index every guide again (after a bulk load that bypassed :meth:`save_guide`)."""
        with self._writing() as conn:
            return search_index.rebuild(conn) + catalog_queries.index_all(conn)

    # --- the catalog, browsing, similar films ---------------------------------------------------

    def load_catalog(self, films: Sequence[CatalogFilm]) -> CatalogReport:
        """Insert or update the catalog's films by slug, in one transaction; guides untouched,
        but the fact checks of those whose film's facts changed are made again.

        Loading the same films again changes nothing (``unchanged`` counts them all).
        """
        with self._writing() as conn:
            report = catalog_queries.load(conn, films, self._people, datetime.now(UTC))
            analysis_queries.refresh_checks(conn, report.guided)
        self._catalog_titles.clear()
        return report

    def catalog_film(self, slug: str) -> CatalogFilm | None:
        """The catalog's facts about a film; ``None`` for a film known from a guide alone."""
        return self._read(catalog_queries.catalog_film, slug)

    def catalog_films(self) -> list[CatalogFilm]:
        """Every catalog film."""
        return self._read(catalog_queries.catalog_films)

    def film_row(self, slug: str) -> FilmRow | None:
        """Any film one can visit (the catalog's, or one with a guide); ``None`` if none."""
        return self._read(catalog_queries.film_row, slug)

    def browse(self, **filters: Unpack[BrowseFilters]) -> Browse:
        """A page of films (catalog and guided), filtered by genre, year and director (a person's
        slug or name), sorted by ``title``, ``year``, ``-year``, ``rating`` or ``gross``.

        Raises :class:`ValueError` for an unknown sort.
        """
        return self._read(catalog_queries.browse, **filters)

    def genres(self) -> list[str]:
        """The catalog's genres, sorted."""
        return self._read(catalog_queries.genres)

    def save_similar(self, lists: Mapping[str, Sequence[Similar]]) -> None:
        """Replace every stored similar-film list (film slug → ranked list), in one transaction."""
        with self._writing() as conn:
            similar_queries.save(conn, lists)

    def similar(self, slug: str) -> list[dict[str, Any]]:
        """A film's stored similar films, best first: ``{slug, title, year, score, reasons}``."""
        return self._read(similar_queries.of, slug)

    def similar_lists(self) -> dict[str, list[dict[str, Any]]]:
        """Every film's :meth:`similar` list by film slug, in one query (the static export)."""
        return self._read(similar_queries.all_lists)

    def curated(self) -> dict[str, list[str]]:
        """Each guide's recommendations that are stored films: film slug → their slugs."""
        return self._read(similar_queries.curated)

    def guides(self) -> dict[str, Guide]:
        """Every stored guide, by its film's slug."""
        from filmguide.model import Guide

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
        return self._read(similar_queries.co_reads, now or datetime.now(UTC))

    def film_count(self) -> int:
        """How many films are stored (catalog and guides)."""
        return self._read(catalog_queries.film_count)

    def catalog_size(self) -> int:
        """How many catalog films are stored."""
        return self._read(catalog_queries.film_count, catalog_only=True)

    def data_version(self) -> int:
        """A counter every write moves (guide saved or deleted, catalog loaded, similar lists
        saved): page caches key on it."""
        return self._read(index_version)

    def migration_status(self) -> tuple[str | None, str]:
        """(revision recorded in the database, newest revision of the migrations)."""
        with self._engine.connect() as conn:
            return current_revision(conn), head_revision()

    # --- dump, load, check (store.dump, store.check) ---------------------------------------------

    def dump(self, out: IO[bytes]) -> dump_queries.DumpReport:
        """Write every table to ``out`` as a portable JSON Lines dump, from one snapshot
        (PostgreSQL: a REPEATABLE READ transaction; SQLite: one read transaction in WAL)."""
        from filmguide.store import dump as dump_queries

        with self._engine.connect() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                return dump_queries.dump(conn, out, current_revision(conn))

    def load(self, lines: Iterable[bytes], name: str, *, replace: bool = False) -> dump_queries.LoadReport:
        """Replace every row with a dump's (``name``: the file, for messages), in one transaction,
        then rebuild the search index. Raises :class:`~filmguide.store.dump.DumpError`."""
        from filmguide.store import dump as dump_queries

        with self._writing() as conn:
            report = dump_queries.load(conn, lines, name, known_revisions=known_revisions(), replace=replace)
        # Every id changed hands: what this store remembered about people and titles is stale.
        self._people.clear()
        self._fuzzy.clear()
        self._catalog_titles.clear()
        return report

    def check(self) -> list[check_queries.Finding]:
        """Check the database's integrity (store.check); changes nothing."""
        from filmguide.store import check as check_queries

        return check_queries.check(self._engine)
