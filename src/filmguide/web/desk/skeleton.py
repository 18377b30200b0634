"""A new guide's skeleton in filmguide's Markdown: the template's sections, the catalog's facts.

``filmguide new "TITLE"`` and the desk's "Write a guide" both start here. The skeleton holds:

- the template's sections in order (:data:`filmguide.article.headings.CANONICAL`), each heading
  ready to fill;
- the catalog's facts where it has them: title, year and directors in the front matter; type,
  genre and rating under "Type of Movie"; running time, budget and grosses as sentences the fact
  check reads (docs/factcheck.md) under "Behind the Scenes Insights";
- the director's other catalog films and the computed recommendations with their reasons, as
  lists the writer keeps or cuts.

A film outside the catalog gets the bare skeleton: its title (and year, when given), the headings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from filmguide.article.headings import CANONICAL
from filmguide.article.write import escape
from filmguide.catalog import CatalogFilm
from filmguide.slugs import slugify_title
from filmguide.store import Store
from filmguide.web.format import money_short

#: Sections nested under "Memorable Scenes and Quotes" (level 3).
_NESTED = ("key_scenes", "quotes")
#: How many of the computed recommendations the skeleton offers.
RECOMMENDATIONS = 8


@dataclass(frozen=True, slots=True)
class Start:
    """What a skeleton is made from."""

    title: str
    year: int | None = None
    film: CatalogFilm | None = None
    director_films: list[tuple[str, int | None]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)


def _type_lines(film: CatalogFilm) -> list[str]:
    parts = []
    if film.creative_type or film.genre:
        kind = " ".join(part for part in (film.creative_type, film.genre) if part)
        parts.append(f"The catalog files it as {kind.lower() if film.creative_type else kind}.")
    if film.mpaa_rating:
        parts.append(f"It is rated {film.mpaa_rating}.")
    return parts


def _fact_items(film: CatalogFilm) -> list[str]:
    facts = []
    if film.running_time_min:
        facts.append(f"The film runs {film.running_time_min} minutes.")
    if film.budget:
        facts.append(f"It was made on a budget of {money_short(film.budget)}.")
    if film.us_gross:
        facts.append(f"It grossed {money_short(film.us_gross)} in the US.")
    if film.worldwide_gross:
        facts.append(f"It grossed {money_short(film.worldwide_gross)} worldwide.")
    return facts


def _film_line(title: str, year: int | None, note: str | None = None) -> str:
    text = escape(title) + (f" ({year})" if year else "")
    return text + (f" — {escape(note)}" if note else "")


def skeleton(start: Start) -> str:
    """The Markdown skeleton; reading it back gives a guide of this title (and year)."""
    film = start.film
    front: dict[str, Any] = {"title": film.title if film else start.title}
    year = film.year if film and film.year else start.year
    if year:
        front["year"] = year
    if film and film.directors:
        front["directors"] = list(film.directors)
    if film and film.genre:
        front["genres"] = [film.genre]
    parts = ["---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000) + "---"]
    for key, heading in CANONICAL.items():
        level = 3 if key in _NESTED else 2
        parts.append(f"{'#' * level} {heading}")
        if film is None:
            continue
        if key == "film_type":
            parts.extend(_type_lines(film))
        elif key == "behind_the_scenes" and (facts := _fact_items(film)):
            parts.append("\n".join(f"- {escape(fact)}" for fact in facts))
        elif key == "director_films" and start.director_films:
            parts.append("\n".join(f"- {_film_line(t, y)}" for t, y in start.director_films))
        elif key == "recommendations" and start.recommendations:
            lines = [
                f"- {_film_line(r['title'], r.get('year'), '; '.join(r.get('reasons') or []) or None)}"
                for r in start.recommendations
            ]
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def find_catalog_film(store: Store, title: str, year: int | None) -> CatalogFilm | None:
    """The catalog's film of this title (and year, when given): by slug first, then by title key;
    of several of one title, the most recent."""
    key = slugify_title(title)
    for slug in ([f"{key}-{year}"] if year else []) + [key]:
        film = store.catalog_film(slug)
        if film is not None and film.title and slugify_title(film.title) == key and year in (None, film.year):
            return film
    matches = [
        f for f in store.catalog_films() if slugify_title(f.title) == key and (year is None or f.year == year)
    ]
    return max(matches, key=lambda f: f.year or 0) if matches else None


def start_for(store: Store, film: CatalogFilm | None, title: str, year: int | None) -> Start:
    """Gather what the skeleton of ``film`` (or of a film outside the catalog) shows."""
    if film is None:
        return Start(title=title, year=year)
    others: list[tuple[str, int | None]] = []
    seen = {film.slug}
    for director in film.directors:
        for row in store.browse(director=director, sort="year", per_page=100).films:
            if row.slug not in seen:
                seen.add(row.slug)
                others.append((row.title, row.year))
    similar = [item for item in store.similar(film.slug) if item["slug"] != film.slug][:RECOMMENDATIONS]
    return Start(title=film.title, year=film.year, film=film, director_films=others, recommendations=similar)


def film_skeleton(store: Store, title: str, year: int | None = None) -> str:
    """``filmguide new``: the skeleton of the film of this title."""
    return skeleton(start_for(store, find_catalog_film(store, title, year), title, year))


def slug_skeleton(store: Store, slug: str) -> tuple[str, str] | None:
    """The desk's "Write a guide": (title, skeleton) of the catalog film ``slug``, or ``None``."""
    film = store.catalog_film(slug)
    if film is None:
        return None
    return film.title, skeleton(start_for(store, film, film.title, film.year))
