"""The open catalog in the store: loading it (an idempotent upsert), reading a film's facts, and
browsing the films.

A catalog film is a ``films`` row with ``in_catalog`` set and the catalog's facts in its columns.
Its directors are people with a ``director`` credit, and its title and directors are in the
search index (no body), until a guide attaches to it: the guide's credits and text replace
those, and the catalog keeps the film's title, year and directors. Loading never touches a guide.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypedDict

from sqlalchemy import (
    ColumnElement,
    Connection,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)

from filmguide.slugs import slugify_title
from filmguide.store.compiled import CompiledInsert, CompiledStatement
from filmguide.store.films import new_slug, pick_target, targets_by_key, title_key
from filmguide.store.people import PersonIds, ensure_people
from filmguide.store.schema import credits, film_refs, films, guides, people, search_docs
from filmguide.store.search.index import bump, clean

if TYPE_CHECKING:  # loaded when a catalog film is read: listing or showing guides needs no catalog
    from filmguide.catalog import CatalogFilm

#: The catalog's facts, as columns of ``films`` (and fields of :class:`CatalogFilm`).
FACTS: tuple[str, ...] = (
    "release_date",
    "genre",
    "creative_type",
    "source",
    "mpaa_rating",
    "running_time_min",
    "distributor",
    "budget",
    "us_gross",
    "worldwide_gross",
    "us_dvd_sales",
    "imdb_rating",
    "imdb_votes",
    "rotten_tomatoes",
)
#: What a catalog load compares to tell an unchanged film from an updated one (for a film with a
#: guide, only the facts: its year and directors are the guide's, its title the catalog's).
_COMPARED = ("title", "year", "directors", *FACTS)
_GUIDED = ("title", "year", "directors")

SORTS: dict[str, str] = {
    "title": "by title",
    "year": "oldest first",
    "-year": "newest first",
    "rating": "by IMDb rating, highest first",
    "gross": "by worldwide gross, highest first",
}
MAX_PER_PAGE = 200
#: Films on a page of the listing unless asked otherwise.
PER_PAGE = 48


@dataclass(frozen=True, slots=True)
class CatalogReport:
    """What a catalog load did, film by film."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    guided: tuple[int, ...] = field(default=(), compare=False)
    """The ids of the updated films that have a guide: their fact checks are to be made again."""

    def summary(self) -> str:
        return f"catalog: inserted {self.inserted}, updated {self.updated}, unchanged {self.unchanged}"


@dataclass(frozen=True, slots=True)
class FilmRow:
    """A film in a list: catalog or guide, with whether it has a guide."""

    slug: str
    title: str
    year: int | None
    directors: list[str]
    genre: str | None
    imdb_rating: float | None
    has_guide: bool


@dataclass(frozen=True, slots=True)
class Browse:
    """One page of films, and where it stands among them."""

    films: list[FilmRow] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    per_page: int = PER_PAGE


class BrowseFilters(TypedDict, total=False):
    """What a browse asks for (:func:`browse`'s keywords, its defaults): the filters, the sort and
    the page. The store and the export's in-memory store take them as they are."""

    genre: str | None
    year: int | None
    director: str | None
    sort: str
    page: int
    per_page: int


def plain_listing(filters: BrowseFilters) -> tuple[int, int] | None:
    """``(page, per_page)`` when ``filters`` ask for the listing by title with no filter, at a
    page size :func:`browse` keeps as it is; ``None`` for any other browse."""
    per_page = filters.get("per_page", PER_PAGE)
    if filters.get("genre") or filters.get("year") is not None or filters.get("director"):
        return None
    if filters.get("sort", "title") != "title" or not 1 <= per_page <= MAX_PER_PAGE:
        return None
    return max(1, filters.get("page", 1)), per_page


def _values(film: CatalogFilm) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": film.title,
        "title_key": title_key(film.title),
        "year": film.year,
        "directors": json.dumps(film.directors, ensure_ascii=False),
    }
    for name in FACTS:
        values[name] = getattr(film, name)
    return values


def _same(stored: dict[str, Any], wanted: dict[str, Any]) -> bool:
    for name in FACTS if stored["has_guide"] else _COMPARED:
        a, b = stored[name], wanted[name]
        if isinstance(a, datetime):
            a = a.date()
        if isinstance(a, float) and isinstance(b, float):
            if not math.isclose(a, b, abs_tol=1e-9):
                return False
        elif a != b:
            return False
    return True


_select_existing = select(
    films.c.id,
    films.c.slug,
    films.c.title_key,
    films.c.in_catalog,
    guides.c.id.is_not(None).label("has_guide"),
    *(films.c[name] for name in _COMPARED),
).join_from(films, guides, guides.c.film_id == films.c.id, isouter=True)

_insert_credits = CompiledInsert(insert(credits), ("film_id", "role", "position", "person_id", "character"))
_insert_docs = CompiledInsert(insert(search_docs), ("film_id", "title", "names", "body"))


def load(
    conn: Connection, catalog: Sequence[CatalogFilm], people_cache: PersonIds, now: datetime
) -> CatalogReport:
    """Insert or update every catalog film (by slug), in the caller's transaction.

    A film row already there under the catalog film's slug that is not yet in the catalog (a
    guide's film) joins it when it is the same film (same title key, years at most one apart or
    unknown); otherwise the catalog film takes a free slug beside it. Guides, and the credits of
    films with guides, are left as they are.
    """
    by_slug: dict[str, dict[str, Any]] = {}
    catalog_by_key: dict[tuple[str, int | None], dict[str, Any]] = {}
    for row in conn.execute(_select_existing):
        existing = dict(row._mapping)
        by_slug[existing["slug"]] = existing
        if existing["in_catalog"]:
            catalog_by_key.setdefault((existing["title_key"], existing["year"]), existing)

    inserted: list[dict[str, Any]] = []
    changed: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (stored, wanted)
    unchanged = 0
    taken = set(by_slug)
    for film in catalog:
        wanted = _values(film)
        slug = film.slug
        stored: dict[str, Any] | None = by_slug.get(slug)
        if stored is not None and not stored["in_catalog"] and not _same_film(stored, wanted):
            stored = None  # a guide's film, another film, holds the slug
        if stored is None:
            # Put under another slug by an earlier load (its own was a guide film's)?
            stored = catalog_by_key.get((wanted["title_key"], wanted["year"]))
            if stored is None and slug in taken:
                slug = _free_slug(conn, film, taken)
        if stored is None:
            taken.add(slug)
            inserted.append({"slug": slug, **wanted})
        elif stored["in_catalog"] and _same(stored, wanted):
            unchanged += 1
        else:
            changed.append((stored, wanted))

    _insert(conn, inserted, people_cache, now)
    _update(conn, changed, people_cache, now)
    relink_refs(conn)
    bump(conn)
    guided = tuple(stored["id"] for stored, _ in changed if stored["has_guide"])
    return CatalogReport(inserted=len(inserted), updated=len(changed), unchanged=unchanged, guided=guided)


def _same_film(stored: dict[str, Any], wanted: dict[str, Any]) -> bool:
    if stored["title_key"] != wanted["title_key"]:
        return False
    a, b = stored["year"], wanted["year"]
    return a is None or b is None or abs(a - b) <= 1


def _free_slug(conn: Connection, film: CatalogFilm, taken: set[str]) -> str:
    slug = new_slug(conn, film.title, film.year, None)
    while slug in taken:  # taken by a film inserted earlier in this load
        slug = new_slug(conn, f"{film.title} {len(taken)}", film.year, None)
    return slug


def _insert(conn: Connection, rows: list[dict[str, Any]], people_cache: PersonIds, now: datetime) -> None:
    if not rows:
        return
    statement = insert(films).returning(films.c.id, films.c.slug)
    params = [{**row, "in_catalog": True, "created_at": now, "updated_at": now} for row in rows]
    ids: dict[str, int] = {}
    for start in range(0, len(params), 1000):
        ids.update({slug: film_id for film_id, slug in conn.execute(statement, params[start : start + 1000])})
    catalog_rows = [(ids[row["slug"]], row["title"], json.loads(row["directors"])) for row in rows]
    _write_credits(conn, catalog_rows, people_cache)
    _write_docs(conn, catalog_rows)


_update_film = update(films).where(films.c.id == bindparam("b_id"))


def _update(
    conn: Connection,
    changed: list[tuple[dict[str, Any], dict[str, Any]]],
    people_cache: PersonIds,
    now: datetime,
) -> None:
    if not changed:
        return
    conn.execute(
        _update_film,
        [
            {"b_id": stored["id"], **wanted, "in_catalog": True, "updated_at": now}
            for stored, wanted in changed
        ],
    )
    # Films without a guide take the catalog's credits and index entry again.
    bare = [
        (stored["id"], wanted["title"], json.loads(wanted["directors"]))
        for stored, wanted in changed
        if not stored["has_guide"]
    ]
    if not bare:
        return
    ids = [film_id for film_id, _, _ in bare]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(delete(credits).where(credits.c.film_id.in_(chunk)))
        conn.execute(delete(search_docs).where(search_docs.c.film_id.in_(chunk)))
    _write_credits(conn, bare, people_cache)
    _write_docs(conn, bare)


def _write_credits(
    conn: Connection, rows: Iterable[tuple[int, str, list[str]]], people_cache: PersonIds
) -> None:
    lines: list[tuple[int, int, str]] = []
    names: dict[str, str] = {}
    for film_id, _title, directors in rows:
        for position, name in enumerate(directors):
            slug = slugify_title(name)
            if slug:
                names.setdefault(slug, name.strip())
                lines.append((film_id, position, slug))
    if not lines:
        return
    ids = ensure_people(conn, names, people_cache)
    _insert_credits.executemany(
        conn, [(film_id, "director", pos, ids[slug], None) for film_id, pos, slug in lines]
    )


def _write_docs(conn: Connection, rows: Iterable[tuple[int, str, list[str]]]) -> None:
    _insert_docs.executemany(
        conn, [(film_id, clean(title), clean("\n".join(directors)), "") for film_id, title, directors in rows]
    )


def restore(conn: Connection, film_id: int, people_cache: PersonIds) -> None:
    """A catalog film whose guide was deleted takes the catalog's credits and index entry again."""
    row = conn.execute(select(films.c.title, films.c.directors).where(films.c.id == film_id)).one()
    entry = [(film_id, str(row[0]), [str(d) for d in json.loads(row[1] or "[]")])]
    conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id))
    _write_credits(conn, entry, people_cache)
    _write_docs(conn, entry)


def index_all(conn: Connection) -> int:
    """Put every catalog film without a guide in the search index (after a rebuild of guides)."""
    query = select(films.c.id, films.c.title, films.c.directors).where(
        films.c.in_catalog.is_(True), ~exists().where(guides.c.film_id == films.c.id)
    )
    rows = [
        (film_id, str(title), [str(d) for d in json.loads(names or "[]")])
        for film_id, title, names in conn.execute(query)
    ]
    done = {film_id for (film_id,) in conn.execute(select(search_docs.c.film_id))}
    rows = [row for row in rows if row[0] not in done]
    _write_docs(conn, rows)
    return len(rows)


def relink_refs(conn: Connection) -> int:
    """Point the film references that point nowhere at the stored films they name, if any now."""
    pending = list(
        conn.execute(
            select(
                film_refs.c.film_id,
                film_refs.c.kind,
                film_refs.c.position,
                film_refs.c.title_key,
                film_refs.c.year,
            ).where(film_refs.c.target_slug.is_(None))
        )
    )
    if not pending:
        return 0
    by_key = targets_by_key(conn, (row[3] for row in pending))
    updates = []
    for film_id, kind, position, key, year in pending:
        slug = pick_target(by_key.get(key, ()), year)
        if slug is not None:
            updates.append({"b_film": film_id, "b_kind": kind, "b_position": position, "target_slug": slug})
    if updates:
        statement = update(film_refs).where(
            film_refs.c.film_id == bindparam("b_film"),
            film_refs.c.kind == bindparam("b_kind"),
            film_refs.c.position == bindparam("b_position"),
        )
        conn.execute(statement, updates)
    return len(updates)


# --- reading ------------------------------------------------------------------------------------


_select_catalog = select(
    films.c.slug, films.c.title, films.c.year, films.c.directors, *(films.c[n] for n in FACTS)
)


def _catalog_film(row: Sequence[Any]) -> CatalogFilm:
    from filmguide.catalog import CatalogFilm

    slug, title, year, directors, *facts = row
    values: dict[str, Any] = dict(zip(FACTS, facts, strict=True))
    release = values["release_date"]
    if isinstance(release, datetime):
        values["release_date"] = release.date()
    elif isinstance(release, str):
        values["release_date"] = date.fromisoformat(release)
    return CatalogFilm(slug=slug, title=title, year=year, directors=json.loads(directors or "[]"), **values)


#: Compiled once and run by the driver: a film page reads it on every render. Its release date
#: comes as the driver gives it (a ``date``, or SQLite's text), which :func:`_catalog_film` reads.
_select_catalog_film = CompiledStatement(
    _select_catalog.where(films.c.slug == bindparam("slug"), films.c.in_catalog.is_(True))
)


def catalog_film(conn: Connection, slug: str) -> CatalogFilm | None:
    rows = _select_catalog_film.execute(conn, {"slug": slug})
    return _catalog_film(rows[0]) if rows else None


def catalog_films(conn: Connection) -> list[CatalogFilm]:
    """Every catalog film, in the order they were loaded."""
    query = _select_catalog.where(films.c.in_catalog.is_(True)).order_by(films.c.id)
    return [_catalog_film(row) for row in conn.execute(query)]


_has_guide = exists().where(guides.c.film_id == films.c.id)
_select_rows = select(
    films.c.slug,
    films.c.title,
    films.c.year,
    films.c.directors,
    films.c.genre,
    films.c.imdb_rating,
    _has_guide.label("has_guide"),
)
#: Films one can visit: the catalog's and those with a guide.
_LISTED = or_(films.c.in_catalog.is_(True), _has_guide)


def _film_row(row: Sequence[Any]) -> FilmRow:
    slug, title, year, directors, genre, rating, has_guide = row
    return FilmRow(slug, title, year, json.loads(directors or "[]"), genre, rating, bool(has_guide))


def film_row(conn: Connection, slug: str) -> FilmRow | None:
    row = conn.execute(_select_rows.where(films.c.slug == slug, _LISTED)).first()
    return _film_row(row) if row is not None else None


def _order(sort: str) -> list[Any]:
    by_title = [films.c.title_key, films.c.slug]
    if sort == "title":
        return by_title
    if sort == "year":
        return [films.c.year.asc().nulls_last(), *by_title]
    if sort == "-year":
        return [films.c.year.desc().nulls_last(), *by_title]
    if sort == "rating":
        return [films.c.imdb_rating.desc().nulls_last(), *by_title]
    if sort == "gross":
        return [films.c.worldwide_gross.desc().nulls_last(), *by_title]
    raise ValueError(f"unknown sort {sort!r}: one of {', '.join(SORTS)}")


def browse(
    conn: Connection,
    *,
    genre: str | None = None,
    year: int | None = None,
    director: str | None = None,
    sort: str = "title",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Browse:
    """One page of the films (catalog and guided), filtered and sorted."""
    order = _order(sort)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    where: list[ColumnElement[bool]] = [_LISTED]
    if genre:
        where.append(func.lower(films.c.genre) == genre.strip().lower())
    if year is not None:
        where.append(films.c.year == year)
    if director:
        person = slugify_title(director)
        directed = (
            select(credits.c.film_id)
            .join(people, people.c.id == credits.c.person_id)
            .where(people.c.slug == person, credits.c.role == "director")
        )
        where.append(films.c.id.in_(directed))
    total = int(conn.scalar(select(func.count()).select_from(films).where(*where)) or 0)
    pages = max(1, math.ceil(total / per_page))
    query = _select_rows.where(*where).order_by(*order).limit(per_page).offset((page - 1) * per_page)
    rows = [_film_row(row) for row in conn.execute(query)] if (page - 1) * per_page < total else []
    return Browse(films=rows, total=total, page=page, pages=pages, per_page=per_page)


def genres(conn: Connection) -> list[str]:
    query = select(films.c.genre).where(films.c.in_catalog.is_(True), films.c.genre.is_not(None)).distinct()
    return sorted((str(g) for (g,) in conn.execute(query)), key=lambda g: (g.casefold(), g))


def is_catalog_film(conn: Connection, film_id: int) -> bool:
    return bool(conn.scalar(select(films.c.in_catalog).where(films.c.id == film_id)))


def film_count(conn: Connection, *, catalog_only: bool = False) -> int:
    query = select(func.count()).select_from(films)
    if catalog_only:
        query = query.where(films.c.in_catalog.is_(True))
    return int(conn.scalar(query) or 0)
