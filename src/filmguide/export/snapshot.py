"""The data an export reads, loaded in a few bulk queries: forked render workers inherit it and
need no query for a film or person page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Unpack

import orjson

from filmguide.catalog import CatalogFilm
from filmguide.model import Guide
from filmguide.store import Store
from filmguide.store.catalog import Browse, BrowseFilters, plain_listing
from filmguide.store.events import Count
from filmguide.store.film_page import FilmPageReads
from filmguide.store.films import StoredRef
from filmguide.store.people import FilmCredit, Person
from filmguide.web import feeds

#: The clock of a database with no events: any fixed moment gives empty trending lists.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Snapshot(Store):
    """The store with the reads a film or person page makes answered from memory, loaded in a few
    bulk queries; everything else goes to the database as usual.

    Forked render workers inherit it and need no query for those pages (after a fork each worker
    drops the inherited connections: ``engine.dispose(close=False)``).
    """

    def __init__(self, store: Store) -> None:
        super().__init__(store.engine)
        self._guides: dict[str, Guide] = store.guides()
        self._catalog: dict[str, CatalogFilm] = {film.slug: film for film in store.catalog_films()}
        self._similar = store.similar_lists()
        self._refs: dict[str, list[StoredRef]] = {
            slug: store.film_refs(slug) for slug in sorted(self._guides)
        }
        self._persons: dict[str, Person] = {person.slug: person for person in store.people()}
        self._credits = store.credits_by_person()
        self.clock = store.latest_event() or EPOCH
        """The trending lists' "now": the newest event, so the clock never changes a page."""
        self._genres = store.genres()
        self._listing = feeds.every_film(store)
        self._aliases = store.all_aliases()
        self._aliases_of: dict[str, list[str]] = {}
        for path, slug in self._aliases:
            self._aliases_of.setdefault(slug, []).append(path)

    def aliases(self, slug: str) -> list[str]:
        return list(self._aliases_of.get(slug, []))

    def all_aliases(self) -> list[tuple[str, str]]:
        return list(self._aliases)

    def genres(self) -> list[str]:
        return list(self._genres)

    def browse(self, **filters: Unpack[BrowseFilters]) -> Browse:
        """The unfiltered listing by title (the export's browse pages) from memory; any other
        query (a filter, another sort, an odd page size) from the database."""
        plain = plain_listing(filters)
        if plain is None:
            return super().browse(**filters)
        page, per_page = plain
        total = len(self._listing)
        rows = self._listing[(page - 1) * per_page : page * per_page]
        return Browse(
            films=rows, total=total, page=page, pages=max(1, -(-total // per_page)), per_page=per_page
        )

    def get_guide(self, slug: str) -> Guide | None:
        guide = self._guides.get(slug)
        return guide.model_copy(deep=True) if guide is not None else None

    def film_page_reads(self, slug: str) -> FilmPageReads | None:
        """The guide and its analyses from the database, as before; the rest from memory."""
        analysed = self.analysed_guide(slug)
        if analysed is None:
            return None
        return FilmPageReads(analysed, self.film_refs(slug), self.similar(slug), self.aliases(slug))

    def film_refs(self, slug: str) -> list[StoredRef]:
        return list(self._refs.get(slug, []))

    def catalog_film(self, slug: str) -> CatalogFilm | None:
        return self._catalog.get(slug)

    def similar(self, slug: str) -> list[dict[str, Any]]:
        return [dict(item) for item in self._similar.get(slug, [])]

    def person(self, slug: str) -> Person | None:
        return self._persons.get(slug)

    def person_credits(self, slug: str) -> list[FilmCredit]:
        return list(self._credits.get(slug, []))

    def top_films(self, kind: str, *, limit: int = 10, now: datetime | None = None) -> list[Count]:
        return super().top_films(kind, limit=limit, now=now or self.clock)

    def film_slugs(self) -> list[str]:
        """Every film with a page: each guide and each catalog film, sorted."""
        return sorted(set(self._guides) | set(self._catalog))

    def guide_slugs(self) -> list[str]:
        return sorted(self._guides)

    def person_slugs(self) -> list[str]:
        return sorted(self._persons)

    def search_index(self) -> bytes:
        """The search page's index: ``films`` as ``[slug, title, year, has guide (0/1)]`` and
        ``people`` as ``[slug, name]``, by title and name; small enough to fetch once."""
        films: list[list[Any]] = []
        for slug in self.film_slugs():
            guide = self._guides.get(slug)
            film = self._catalog.get(slug)
            title = guide.title if guide is not None else film.title if film is not None else slug
            year = guide.year if guide is not None else film.year if film is not None else None
            films.append([slug, title, year, 1 if guide is not None else 0])
        films.sort(key=lambda row: (str(row[1]).casefold(), row[0]))
        people = [
            [p.slug, p.name]
            for p in sorted(self._persons.values(), key=lambda p: (p.name.casefold(), p.slug))
        ]
        return orjson.dumps({"films": films, "people": people})
