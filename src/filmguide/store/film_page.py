"""What a film page reads from the store, read in one transaction: its guide with the stored
analyses and catalog film, the stored films its lists link to, its similar films and its old
addresses.

One read transaction rather than four: a transaction's begin and end cost about what one of these
queries does, and a page-cache miss of a film page paid for four. Reading them together also
gives the page one snapshot of the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from filmguide.store import aliases as alias_queries
from filmguide.store import analyses as analysis_queries
from filmguide.store import similar as similar_queries
from filmguide.store.analyses import AnalysedGuide
from filmguide.store.films import StoredRef, film_refs_of


@dataclass(frozen=True, slots=True)
class FilmPageReads:
    """A film's guide and what its page shows beside it, each as the store's own read gives it."""

    analysed: AnalysedGuide
    """The guide, its analyses and catalog film (:meth:`filmguide.store.Store.analysed_guide`)."""
    refs: list[StoredRef]
    """The films its lists name, with stored slugs (:meth:`filmguide.store.Store.film_refs`)."""
    similar: list[dict[str, Any]]
    """Its similar films, best first (:meth:`filmguide.store.Store.similar`)."""
    aliases: list[str]
    """Its old addresses (:meth:`filmguide.store.Store.aliases`)."""


def read(conn: Connection, slug: str) -> FilmPageReads | None:
    """What the film page of ``slug`` reads; ``None`` when the film has no guide."""
    analysed = analysis_queries.read(conn, slug)
    if analysed is None:
        return None
    return FilmPageReads(
        analysed,
        film_refs_of(conn, slug),
        similar_queries.of(conn, slug),
        alias_queries.aliases_of(conn, slug),
    )
