"""Films: which stored film a guide is about, their slugs, and the films a guide points to.

The same film is the same *title key* (the title's slug: letter case, accents and punctuation
folded) and the same year, or either year unknown. A film's slug is given once and never changes.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from filmguide.slugs import FALLBACK_SLUG, slug_candidates, slugify_title
from filmguide.store.compiled import CompiledInsert, CompiledStatement
from filmguide.store.schema import film_refs, films, guides

if TYPE_CHECKING:
    from filmguide.model import FilmRef, Guide

#: How many numbered slugs (``-2``, ``-3``, …) one query asks about.
_SLUG_BATCH = 20


@dataclass(frozen=True, slots=True)
class StoredFilm:
    """A film row, with its guide's bookkeeping when it has one."""

    id: int
    slug: str
    title: str
    year: int | None
    guide_id: int | None
    version: int | None
    content_hash: str | None
    source: str | None
    directors: str = "[]"
    """JSON array of the film's directors, as stored."""
    in_catalog: bool = False


@functools.lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """The title as films are compared: its slug, or the folded text when it has no slug."""
    return slugify_title(title) or " ".join(title.casefold().split())


def years_agree(a: int | None, b: int | None) -> bool:
    """Whether two years may be the same film's: equal, or one of them unknown."""
    return a is None or b is None or a == b


#: The columns :func:`stored_film` reads, films joined to their guide (if any).
STORED_FILM = select(
    films.c.id,
    films.c.slug,
    films.c.title,
    films.c.year,
    guides.c.id,
    guides.c.version,
    guides.c.content_hash,
    guides.c.source,
    films.c.directors,
    films.c.in_catalog,
).join_from(films, guides, guides.c.film_id == films.c.id, isouter=True)

_find_by_key = STORED_FILM.where(films.c.title_key.in_(bindparam("keys", expanding=True))).order_by(
    films.c.id
)


#: The same for one or two keys (a title, and the title without its year): the import's path.
_find_by_two_keys = CompiledStatement(
    STORED_FILM.where(films.c.title_key.in_([bindparam("k1"), bindparam("k2")])).order_by(films.c.id)
)


def films_by_key(conn: Connection, keys: Sequence[str]) -> list[StoredFilm]:
    """The stored films with any of these title keys, oldest first."""
    wanted = list(dict.fromkeys(keys))
    if 1 <= len(wanted) <= 2:
        rows = _find_by_two_keys.execute(conn, {"k1": wanted[0], "k2": wanted[-1]})
        return [stored_film((*row[:-1], bool(row[-1]))) for row in rows]
    return [stored_film(row) for row in conn.execute(_find_by_key, {"keys": wanted})]


def stored_film(row: Any) -> StoredFilm:
    """A :class:`StoredFilm` from a row of the columns of :data:`STORED_FILM`, in order."""
    return StoredFilm(*row)


def find_film(conn: Connection, key: str, year: int | None, given_slug: str | None) -> StoredFilm | None:
    """The stored film a guide with this title key and year is about, if any.

    Among several candidates (possible when the year is unknown) the one whose slug the guide
    gives wins, then the one with the same year, then one whose year is unknown, then the oldest.
    (Guides are linked by :func:`filmguide.store.linking.find_film`, which adds the catalog's
    rules; this is the rule among films known from guides alone.)
    """
    candidates = [film for film in films_by_key(conn, [key]) if years_agree(film.year, year)]
    return pick_oldest(candidates, year, given_slug)


def pick_oldest(
    candidates: Sequence[StoredFilm], year: int | None, given_slug: str | None
) -> StoredFilm | None:
    """The given slug, then the same year, then an unknown year, then the oldest film."""
    if not candidates:
        return None

    def rank(film: StoredFilm) -> tuple[bool, bool, bool, int]:
        return (
            film.slug != given_slug,
            year is None or film.year != year,
            film.year is not None,
            film.id,
        )

    return min(candidates, key=rank)


#: Slug candidates checked per query (padded to this size, so one compiled statement serves).
_SLUG_QUERY = _SLUG_BATCH + 1
_select_slugs = CompiledStatement(
    select(films.c.slug).where(films.c.slug.in_([bindparam(f"s{i}") for i in range(_SLUG_QUERY)]))
)


def _taken(conn: Connection, batch: list[str]) -> set[str]:
    padded = batch + [batch[-1]] * (_SLUG_QUERY - len(batch))
    return {row[0] for row in _select_slugs.execute(conn, {f"s{i}": slug for i, slug in enumerate(padded)})}


def new_slug(conn: Connection, title: str, year: int | None, given: str | None) -> str:
    """A free slug for a new film: the given one if free, else the title's, else ``-YEAR``, ``-2``…"""
    wanted = slugify_title(given) if given else ""
    base = slugify_title(title) or FALLBACK_SLUG
    candidates = slug_candidates(base, year)
    batch = [wanted] if wanted else []
    while True:
        batch.extend(itertools.islice(candidates, _SLUG_BATCH))
        taken = _taken(conn, batch)
        for slug in batch:
            if slug not in taken:
                return slug
        batch = []


_FILM_COLUMNS = ("slug", "title", "title_key", "year", "directors", "created_at", "updated_at")
_insert_film = CompiledStatement(
    insert(films).values({name: bindparam(name) for name in _FILM_COLUMNS}).returning(films.c.id)
)


def insert_film(conn: Connection, *, slug: str, guide: Guide, key: str, directors: str, now: datetime) -> int:
    """Insert a film row; returns its id."""
    (row,) = _insert_film.execute(
        conn,
        {
            "slug": slug,
            "title": guide.title,
            "title_key": key,
            "year": guide.year,
            "directors": directors,
            "created_at": now,
            "updated_at": now,
        },
    )
    film_id: int = row[0]
    return film_id


# SET columns come from the parameters' keys.
_update_film = update(films).where(films.c.id == bindparam("b_film_id"))


def update_film(
    conn: Connection, film: StoredFilm, *, guide: Guide, key: str, directors: str, now: datetime
) -> None:
    """Bring a film row up to date with its new guide; a known year is never forgotten.

    A catalog film keeps the catalog's title (what links guides to it); the year and directors
    the guide states are the film's (the catalog dates some films a year early), and the guide
    was completed from the catalog where it states none.
    """
    if film.in_catalog:
        values = {"year": guide.year if guide.year is not None else film.year, "directors": directors}
        conn.execute(_update_film, {"b_film_id": film.id, **values, "updated_at": now})
        return
    conn.execute(
        _update_film,
        {
            "b_film_id": film.id,
            "title": guide.title,
            "title_key": key,
            "year": guide.year if guide.year is not None else film.year,
            "directors": directors,
            "updated_at": now,
        },
    )


def guide_refs(guide: Guide) -> list[tuple[str, int, FilmRef]]:
    """The films a guide points to: (kind, position, reference)."""
    return [("director_film", i, ref) for i, ref in enumerate(guide.director_films)] + [
        ("recommendation", i, ref) for i, ref in enumerate(guide.recommendations)
    ]


_select_targets = (
    select(films.c.title_key, films.c.slug, films.c.year, films.c.in_catalog, guides.c.id.is_not(None))
    .join_from(films, guides, guides.c.film_id == films.c.id, isouter=True)
    .where(films.c.title_key.in_(bindparam("keys", expanding=True)))
    .order_by(films.c.id)
)


@dataclass(frozen=True, slots=True)
class _Target:
    slug: str
    year: int | None
    in_catalog: bool
    has_guide: bool


def pick_target(found: Sequence[_Target], year: int | None) -> str | None:
    """The film a reference (title matched, ``year``) names: never a guess between several.

    The same year first; else the only film a year away (the catalog dates some films a year
    early); else a film whose year is unknown. A reference without a year names the only film
    with its title, or the only one of them with a guide; several remakes and no year: none.
    """
    if year is not None:
        exact = [t for t in found if t.year == year]
        if exact:
            return exact[0].slug
        near = [t for t in found if t.year is not None and abs(t.year - year) <= 1]
        if len(near) == 1:
            return near[0].slug
        if near:
            return None
        undated = [t for t in found if t.year is None]
        return undated[0].slug if undated else None
    if len(found) == 1:
        return found[0].slug
    guided = [t for t in found if t.has_guide]
    return guided[0].slug if len(guided) == 1 else None


#: A guide names a handful of films: up to this many keys go through one compiled statement.
_TARGET_KEYS = 16
_select_few_targets = CompiledStatement(
    select(films.c.title_key, films.c.slug, films.c.year, films.c.in_catalog, guides.c.id.is_not(None))
    .join_from(films, guides, guides.c.film_id == films.c.id, isouter=True)
    .where(films.c.title_key.in_([bindparam(f"k{i}") for i in range(_TARGET_KEYS)]))
    .order_by(films.c.id)
)


def targets_by_key(conn: Connection, keys: Iterable[str]) -> dict[str, list[_Target]]:
    """The stored films with these title keys, oldest first."""
    by_key: dict[str, list[_Target]] = {}
    wanted = list(dict.fromkeys(keys))
    if 1 <= len(wanted) <= _TARGET_KEYS:
        padded = wanted + [wanted[-1]] * (_TARGET_KEYS - len(wanted))
        for key, slug, year, in_catalog, has_guide in _select_few_targets.execute(
            conn, {f"k{i}": k for i, k in enumerate(padded)}
        ):
            by_key.setdefault(key, []).append(_Target(slug, year, bool(in_catalog), bool(has_guide)))
        return by_key
    for start in range(0, len(wanted), 500):
        rows = conn.execute(_select_targets, {"keys": wanted[start : start + 500]})
        for key, slug, year, in_catalog, has_guide in rows:
            by_key.setdefault(key, []).append(_Target(slug, year, bool(in_catalog), bool(has_guide)))
    return by_key


def _targets(conn: Connection, refs: Sequence[tuple[str, int, FilmRef]]) -> dict[tuple[str, int | None], str]:
    """Slugs of stored films the references name, by (title key, year)."""
    by_key = targets_by_key(conn, (title_key(ref.title) for _, _, ref in refs))
    found: dict[tuple[str, int | None], str] = {}
    for _, _, ref in refs:
        key = title_key(ref.title)
        slug = pick_target(by_key.get(key, ()), ref.year)
        if slug is not None:
            found[(key, ref.year)] = slug
    return found


_insert_refs = CompiledInsert(
    insert(film_refs), ("film_id", "kind", "position", "title", "year", "target_slug", "title_key")
)


_delete_refs = delete(film_refs).where(film_refs.c.film_id == bindparam("film_id"))


def replace_refs(conn: Connection, film_id: int, guide: Guide, *, fresh: bool) -> int:
    """Replace the film references of a film with its guide's; returns how many were written."""
    if not fresh:
        conn.execute(_delete_refs, {"film_id": film_id})
    refs = guide_refs(guide)
    if not refs:
        return 0
    targets = _targets(conn, refs)
    rows = []
    for kind, position, ref in refs:
        key = title_key(ref.title)
        rows.append((film_id, kind, position, ref.title, ref.year, targets.get((key, ref.year)), key))
    _insert_refs.executemany(conn, rows)
    return len(rows)


_link_refs_any_year = (
    update(film_refs)
    .where(film_refs.c.title_key == bindparam("b_key"), film_refs.c.target_slug.is_(None))
    .values(target_slug=bindparam("b_slug"))
)
_link_refs = _link_refs_any_year.where(
    or_(film_refs.c.year.is_(None), film_refs.c.year == bindparam("b_year"))
)


_link_refs_compiled = CompiledStatement(_link_refs)
_link_refs_any_year_compiled = CompiledStatement(_link_refs_any_year)


def link_refs(conn: Connection, *, slug: str, key: str, year: int | None) -> None:
    """Point the references that name a newly stored film (and point nowhere yet) at it."""
    if year is None:
        _link_refs_any_year_compiled.execute(conn, {"b_slug": slug, "b_key": key})
    else:
        _link_refs_compiled.execute(conn, {"b_slug": slug, "b_key": key, "b_year": year})


@dataclass(frozen=True, slots=True)
class StoredRef:
    """A film a guide points to, with the slug of the stored film it names, if any."""

    kind: str
    position: int
    title: str
    year: int | None
    target_slug: str | None


#: Compiled once and run by the driver: a film page reads it on every render.
_select_refs_of = CompiledStatement(
    select(
        film_refs.c.kind,
        film_refs.c.position,
        film_refs.c.title,
        film_refs.c.year,
        film_refs.c.target_slug,
    )
    .join_from(film_refs, films, film_refs.c.film_id == films.c.id)
    .where(films.c.slug == bindparam("slug"))
    .order_by(film_refs.c.kind, film_refs.c.position)
)


def film_refs_of(conn: Connection, slug: str) -> list[StoredRef]:
    return [StoredRef(*row) for row in _select_refs_of.execute(conn, {"slug": slug})]
