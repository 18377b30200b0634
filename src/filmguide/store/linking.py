"""Linking a guide to its film: the catalog's, or one known from guides alone.

The rules, in order (:func:`find_film`); a guide that none of them links becomes a new film:

1. **Exact title.** Films whose title key (the title's slug: case, accents and punctuation
   folded, so "Amelie" is "Amélie" and "Schindlers List" is "Schindler's List") is the guide's,
   or the guide's title without a trailing "(1995)", whose year then stands in for a missing one.
   A film agrees when either year is unknown, the years are equal, or, for a catalog film, a year
   apart (the catalog dates some films a year early). The slug the guide gives wins; then the same
   year; then a shared director; then, among films known from guides alone, the oldest. Several
   *catalog* films with the title (remakes) and nothing to tell them apart: none of them.
2. **Fuzzy title.** Only when no title matched exactly: catalog films whose folded title is
   within ``fuzz.ratio`` or ``fuzz.token_sort_ratio`` ≥ :data:`FUZZY_CUTOFF` of the guide's, with
   the same numbers in both titles (so "Saw II" never becomes "Saw III"), and with a year at most
   one apart *or* a shared director. Exactly one such film (the best score) or none: two films
   equally close are left alone.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Connection, func, select

from filmguide.slugs import slugify_title
from filmguide.store.films import (
    STORED_FILM,
    StoredFilm,
    films_by_key,
    pick_oldest,
    stored_film,
    title_key,
)
from filmguide.store.schema import films
from filmguide.text import split_title_year

#: Fuzzy title scores (0-100) at least this high may be the same film.
FUZZY_CUTOFF = 90.0

_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}


def match_key(title: str) -> str:
    """A title as fuzzy matching compares it: its slug's words (case, accents, punctuation folded)."""
    return slugify_title(title).replace("-", " ")


def numbers(folded: str) -> frozenset[str]:
    """The numbers a folded title holds (digits and roman numerals): sequels differ by them."""
    return frozenset(w for w in folded.split() if w.isdigit() or w in _ROMAN)


def people_keys(names: Sequence[str]) -> set[str]:
    return {key for key in (slugify_title(n) for n in names) if key}


def _directors(film: StoredFilm) -> list[str]:
    value = json.loads(film.directors or "[]")
    return [str(v) for v in value] if isinstance(value, list) else []


def year_agrees(film: StoredFilm, year: int | None) -> bool:
    """Either unknown, equal, or (a catalog film) one year apart."""
    if film.year is None or year is None or film.year == year:
        return True
    return film.in_catalog and abs(film.year - year) <= 1


@dataclass(frozen=True, slots=True)
class _CatalogTitles:
    version: tuple[int, int]
    ids: list[int]
    titles: list[str]  # folded
    sorted_titles: list[str]  # folded, words sorted (token_sort_ratio is ratio over these)
    checked: float  # time.monotonic() of the last check that the catalog had not changed
    years: list[int | None]
    directors: list[set[str]]
    #: The indexes of the films of each year, and of each director's: the only films a fuzzy
    #: match may keep (a year at most one apart, or a shared director) are scored.
    by_year: dict[int, list[int]]
    by_director: dict[str, list[int]]

    def pool(self, year: int | None, people: set[str]) -> list[int]:
        """The indexes of the films a fuzzy match of a guide of ``year`` by ``people`` may keep."""
        found: set[int] = set()
        if year is not None:
            for near in (year - 1, year, year + 1):
                found.update(self.by_year.get(near, ()))
        for person in people:
            found.update(self.by_director.get(person, ()))
        return sorted(found)


#: Seconds between checks that the catalog the fuzzy matcher holds is still the stored one (a
#: load by this store clears it at once; one by another process is seen within this delay).
RECHECK_SECONDS = 5.0


def _sorted_words(folded: str) -> str:
    return " ".join(sorted(folded.split()))


class CatalogTitles:
    """The catalog's folded titles for fuzzy linking, kept per store: reloaded when the catalog
    changes (checked with one query at most every :data:`RECHECK_SECONDS`, only when a fuzzy
    match is needed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._found: _CatalogTitles | None = None

    def clear(self) -> None:
        self._found = None

    def get(self, conn: Connection) -> _CatalogTitles:
        found = self._found
        now = time.monotonic()
        if found is not None and now - found.checked < RECHECK_SECONDS:
            return found
        version_row = conn.execute(
            select(func.count(), func.coalesce(func.max(films.c.id), 0)).where(films.c.in_catalog.is_(True))
        ).one()
        version = (int(version_row[0]), int(version_row[1]))
        if found is not None and found.version == version:
            self._found = replace(found, checked=now)
            return self._found
        with self._lock:
            query = select(films.c.id, films.c.title, films.c.year, films.c.directors).where(
                films.c.in_catalog.is_(True)
            )
            ids: list[int] = []
            titles: list[str] = []
            years: list[int | None] = []
            directors: list[set[str]] = []
            for film_id, title, year, names in conn.execute(query.order_by(films.c.id)):
                ids.append(film_id)
                titles.append(match_key(title))
                years.append(year)
                directors.append(people_keys(json.loads(names or "[]")))
            sorted_titles = [_sorted_words(t) for t in titles]
            by_year: dict[int, list[int]] = {}
            by_director: dict[str, list[int]] = {}
            for index, (film_year, people) in enumerate(zip(years, directors, strict=True)):
                if film_year is not None:
                    by_year.setdefault(film_year, []).append(index)
                for person in people:
                    by_director.setdefault(person, []).append(index)
            found = _CatalogTitles(
                version, ids, titles, sorted_titles, now, years, directors, by_year, by_director
            )
            self._found = found
            return found


def find_film(
    conn: Connection,
    title: str,
    year: int | None,
    directors: Sequence[str],
    given_slug: str | None,
    catalog: CatalogTitles | None = None,
) -> StoredFilm | None:
    """The stored film a guide (title, year, directors, the slug it gives) is about, if any."""
    bare, title_year = split_title_year(title)
    wanted_year = year if year is not None else title_year
    keys = [title_key(title)]
    if bare != title:
        keys.append(title_key(bare))
    candidates = [f for f in films_by_key(conn, keys) if year_agrees(f, wanted_year)]
    people = people_keys(directors)
    if candidates:
        return _choose(candidates, wanted_year, people, given_slug)
    if catalog is None:
        return None
    film_id = _fuzzy(conn, catalog, match_key(bare), wanted_year, people)
    if film_id is None:
        return None
    return next((f for f in _by_id(conn, film_id)), None)


def _choose(
    candidates: list[StoredFilm], year: int | None, people: set[str], given_slug: str | None
) -> StoredFilm | None:
    given = [f for f in candidates if given_slug is not None and f.slug == given_slug]
    if given:
        return given[0]
    if len(candidates) == 1:
        return candidates[0]
    pool = candidates
    if year is not None:
        pool = [f for f in candidates if f.year == year] or candidates
        if len(pool) == 1:
            return pool[0]
    if people:
        shared = [f for f in pool if people & people_keys(_directors(f))]
        if len(shared) == 1:
            return shared[0]
        if shared:
            pool = shared
    from_guides = [f for f in pool if not f.in_catalog]
    if from_guides:
        return pick_oldest(from_guides, year, given_slug)
    catalog_dated = [f for f in pool if year is not None and f.year == year]
    if len(catalog_dated) == 1:
        return catalog_dated[0]
    return None  # several catalog films (remakes) and nothing to tell them apart: never guess


def _fuzzy(
    conn: Connection, catalog: CatalogTitles, folded: str, year: int | None, people: set[str]
) -> int | None:
    if not folded or (year is None and not people):
        return None
    from rapidfuzz import fuzz, process  # only a guide's save matches titles: not every command

    titles = catalog.get(conn)
    # Only the films near the year or by a director named are scored: a 3,000-film catalog is
    # scored for each guide saved otherwise, and all but a few dozen would be left out below.
    pool = titles.pool(year, people)
    scores: dict[int, float] = {}
    # fuzz.ratio over the titles, then over their sorted words (what token_sort_ratio compares).
    for wanted, every in ((folded, titles.titles), (_sorted_words(folded), titles.sorted_titles)):
        choices = {index: every[index] for index in pool}
        found = process.extract(
            wanted, choices, scorer=fuzz.ratio, processor=None, limit=20, score_cutoff=FUZZY_CUTOFF
        )
        for _choice, score, index in found:
            scores[index] = max(scores.get(index, 0.0), float(score))
    wanted_numbers = numbers(folded)
    kept: list[tuple[float, int]] = []
    for index, score in scores.items():
        if numbers(titles.titles[index]) != wanted_numbers:
            continue
        film_year = titles.years[index]
        year_ok = year is not None and film_year is not None and abs(film_year - year) <= 1
        director_ok = bool(people & titles.directors[index])
        if year_ok or director_ok:
            kept.append((score, index))
    if not kept:
        return None
    kept.sort(reverse=True)
    if len(kept) > 1 and kept[1][0] == kept[0][0]:
        return None
    return titles.ids[kept[0][1]]


def _by_id(conn: Connection, film_id: int) -> list[StoredFilm]:
    query = STORED_FILM.where(films.c.id == film_id)
    return [stored_film(row) for row in conn.execute(query)]
