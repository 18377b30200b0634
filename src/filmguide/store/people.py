"""People and their credits: every director, actor, composer, featured artist and nominee.

A person is known by the slug of their name, so "Amélie Nothomb" and "Amelie Nothomb" are one
person (the first spelling saved is kept as the name).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, delete, insert, select

from filmguide.slugs import slugify_title
from filmguide.store.compiled import CompiledInsert, CompiledStatement
from filmguide.store.schema import credits, films, people

if TYPE_CHECKING:
    from filmguide.model import Guide


@dataclass(frozen=True, slots=True)
class Credit:
    """One line of a film's credits, as :func:`guide_credits` reads it from a guide."""

    role: str
    position: int
    name: str
    character: str | None = None


@dataclass(frozen=True, slots=True)
class PersonCredit:
    """A credit as stored, joined to its person and film."""

    film_slug: str
    person_slug: str
    name: str
    role: str
    position: int
    character: str | None


def guide_credits(guide: Guide) -> Iterator[Credit]:
    """Every person the guide names, by role, in the guide's order (empty names skipped)."""
    for i, name in enumerate(guide.directors):
        yield Credit("director", i, name)
    for i, member in enumerate(guide.cast):
        yield Credit("actor", i, member.actor, member.character)
    if guide.music is not None:
        for i, name in enumerate(guide.music.composers):
            yield Credit("composer", i, name)
        for i, name in enumerate(guide.music.featured_artists):
            yield Credit("featured_artist", i, name)
    for i, award in enumerate(guide.awards):
        if award.nominee:
            yield Credit("nominee", i, award.nominee)
    source = guide.adaptation.source if guide.adaptation else None
    if source is not None and source.author:
        yield Credit("author", 0, source.author)


class PersonIds:
    """Slug → id of people already in the database, kept by one :class:`~filmguide.store.Store`.

    Ids found or made inside a transaction are *staged* and only join the cache once it commits
    (:meth:`commit`), so a rolled-back insert never leaves a dangling id behind.
    """

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._staged: dict[str, int] = {}

    def get(self, slug: str) -> int | None:
        found = self._ids.get(slug)
        return found if found is not None else self._staged.get(slug)

    def stage(self, found: dict[str, int]) -> None:
        self._staged.update(found)

    def commit(self) -> None:
        self._ids.update(self._staged)
        self._staged.clear()

    def rollback(self) -> None:
        self._staged.clear()

    def forget(self, slugs: Iterable[str]) -> None:
        for slug in slugs:
            self._ids.pop(slug, None)
            self._staged.pop(slug, None)

    def clear(self) -> None:
        self._ids.clear()
        self._staged.clear()

    def __len__(self) -> int:
        return len(self._ids)


_select_people = select(people.c.slug, people.c.id).where(
    people.c.slug.in_(bindparam("slugs", expanding=True))
)
_insert_people = insert(people).returning(people.c.slug, people.c.id)


def ensure_people(conn: Connection, names: dict[str, str], cache: PersonIds) -> dict[str, int]:
    """The ids of people by slug (``names``: slug → name to use if new), inserting the new ones.

    One SELECT for the slugs the cache lacks, one multi-row INSERT for those still missing.
    """
    ids: dict[str, int] = {}
    missing: list[str] = []
    for slug in names:
        found = cache.get(slug)
        if found is None:
            missing.append(slug)
        else:
            ids[slug] = found
    if not missing:
        return ids
    found_now: dict[str, int] = {s: i for s, i in conn.execute(_select_people, {"slugs": missing})}
    new = [{"slug": s, "name": names[s]} for s in missing if s not in found_now]
    if new:
        # Writers hold the database's write lock (BEGIN IMMEDIATE on SQLite, a transaction-level
        # advisory lock on PostgreSQL), so no one else can insert these slugs meanwhile.
        found_now.update({s: i for s, i in conn.execute(_insert_people, new)})
    cache.stage(found_now)
    ids.update(found_now)
    return ids


_insert_credits = CompiledInsert(insert(credits), ("film_id", "role", "position", "person_id", "character"))


_delete_credits = delete(credits).where(credits.c.film_id == bindparam("film_id"))


def replace_credits(conn: Connection, film_id: int, guide: Guide, cache: PersonIds, *, fresh: bool) -> int:
    """Replace the film's credits with those the guide names; returns how many were written.

    ``fresh``: the film was just created, so there is nothing to delete first.
    """
    if not fresh:
        conn.execute(_delete_credits, {"film_id": film_id})
    lines = [(credit, slugify_title(credit.name)) for credit in guide_credits(guide)]
    lines = [(credit, slug) for credit, slug in lines if slug]
    if not lines:
        return 0
    names: dict[str, str] = {}
    for credit, slug in lines:
        names.setdefault(slug, credit.name.strip())
    ids = ensure_people(conn, names, cache)
    rows = [(film_id, credit.role, credit.position, ids[slug], credit.character) for credit, slug in lines]
    _insert_credits.executemany(conn, rows)
    return len(rows)


def film_credits(conn: Connection, film_slug: str) -> list[PersonCredit]:
    """A film's credits, by role then position."""
    query = (
        select(
            films.c.slug,
            people.c.slug,
            people.c.name,
            credits.c.role,
            credits.c.position,
            credits.c.character,
        )
        .join_from(credits, people, credits.c.person_id == people.c.id)
        .join(films, credits.c.film_id == films.c.id)
        .where(films.c.slug == film_slug)
        .order_by(credits.c.role, credits.c.position)
    )
    return [PersonCredit(*row) for row in conn.execute(query)]


@dataclass(frozen=True, slots=True)
class Person:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class FilmCredit:
    """One of a person's credits, with the film it is in."""

    film_slug: str
    film_title: str
    film_year: int | None
    role: str
    character: str | None


_find_person = CompiledStatement(
    select(people.c.slug, people.c.name).where(people.c.slug == bindparam("slug"))
)
_person_credits = CompiledStatement(
    select(films.c.slug, films.c.title, films.c.year, credits.c.role, credits.c.character)
    .join_from(credits, people, credits.c.person_id == people.c.id)
    .join(films, credits.c.film_id == films.c.id)
    .where(people.c.slug == bindparam("slug"))
    .order_by(films.c.year.desc(), films.c.title_key, credits.c.role, credits.c.position)
)


def find_person(conn: Connection, slug: str) -> Person | None:
    rows = _find_person.execute(conn, {"slug": slug})
    return Person(*rows[0]) if rows else None


def person_credits(conn: Connection, slug: str) -> list[FilmCredit]:
    """Every credit of the person, newest film first, then by title and role."""
    return [FilmCredit(*row) for row in _person_credits.execute(conn, {"slug": slug})]


def person_with_credits(conn: Connection, slug: str) -> tuple[Person, list[FilmCredit]] | None:
    """The person and :func:`person_credits`, read together (a person page's one read);
    ``None`` when no one has this slug. Compiled once: the page is served uncached."""
    person = find_person(conn, slug)
    return None if person is None else (person, person_credits(conn, slug))


def credits_by_person(conn: Connection) -> dict[str, list[FilmCredit]]:
    """Every person's credits, each list as :func:`person_credits` orders it, in one query (the
    static export reads them all at once rather than a query per person)."""
    query = (
        select(people.c.slug, films.c.slug, films.c.title, films.c.year, credits.c.role, credits.c.character)
        .join_from(credits, people, credits.c.person_id == people.c.id)
        .join(films, credits.c.film_id == films.c.id)
        .order_by(people.c.slug, films.c.year.desc(), films.c.title_key, credits.c.role, credits.c.position)
    )
    found: dict[str, list[FilmCredit]] = {}
    for person, *row in conn.execute(query):
        found.setdefault(person, []).append(FilmCredit(*row))
    return found


def all_people(conn: Connection) -> list[Person]:
    """Everyone credited in some film, by name."""
    query = select(people.c.slug, people.c.name).where(
        people.c.id.in_(select(credits.c.person_id).distinct())
    )
    return sorted((Person(s, n) for s, n in conn.execute(query)), key=lambda p: (p.name.casefold(), p.slug))
