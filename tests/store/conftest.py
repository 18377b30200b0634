"""Helpers for the store's tests; the database fixtures (both back ends) are in ``tests/conftest.py``."""

from __future__ import annotations

from typing import Any, Literal

import pytest
from sqlalchemy import func, select

from filmguide.model import Award, CastMember, FilmRef, Guide, Music, SummarySection
from filmguide.store import Store
from filmguide.store.schema import metadata


def count(store: Store, table: str, **where: Any) -> int:
    """Rows of ``table`` matching the column values given."""
    t = metadata.tables[table]
    query = select(func.count()).select_from(t)
    for column, value in where.items():
        query = query.where(t.c[column].is_(None) if value is None else t.c[column] == value)
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def rows(store: Store, table: str, *columns: str, order_by: str | None = None) -> list[tuple[Any, ...]]:
    """The values of ``columns`` in every row of ``table``."""
    t = metadata.tables[table]
    query = select(*(t.c[c] for c in columns))
    if order_by:
        query = query.order_by(t.c[order_by])
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def make_guide(
    title: str = "Leaving Las Vegas",
    year: int | None = 1995,
    *,
    slug: str | None = None,
    directors: list[str] | None = None,
    cast: list[tuple[str, str | None]] | None = None,
    composers: list[str] | None = None,
    featured: list[str] | None = None,
    awards: list[tuple[str, str, str | None, Literal["won", "nominated"]]] | None = None,
    director_films: list[tuple[str, int | None]] | None = None,
    recommendations: list[tuple[str, int | None]] | None = None,
    trivia: list[str] | None = None,
) -> Guide:
    """A guide with every part the store reads, defaulting to the seed film's."""
    if directors is None:
        directors = ["Mike Figgis"]
    if cast is None:
        cast = [("Nicolas Cage", "Ben Sanderson"), ("Elisabeth Shue", "Sera"), ("Julian Sands", "Yuri")]
    if composers is None:
        composers = ["Mike Figgis"]
    if featured is None:
        featured = ["Sting"]
    if awards is None:
        awards = [
            ("Academy Awards", "Best Actor", "Nicolas Cage", "won"),
            ("Academy Awards", "Best Actress", "Elisabeth Shue", "nominated"),
            ("Golden Globe Awards", "Best Actor", None, "nominated"),
        ]
    if director_films is None:
        director_films = [("Timecode", 2000), ("Internal Affairs", 1990)]
    if recommendations is None:
        recommendations = [("Barfly", 1987), ("Requiem for a Dream", 2000), ("Shame", None)]
    return Guide.model_validate(
        {
            "title": title,
            "year": year,
            "slug": slug,
            "directors": directors,
            "intro": [f"{title} is a film."],
            "summary": [SummarySection(heading=None, paragraphs=["It begins.", "It ends."])],
            "cast": [CastMember(actor=a, character=c) for a, c in cast],
            "music": Music(text=["Jazz."], composers=composers, featured_artists=featured),
            "awards": [Award(body=b, category=c, nominee=n, result=r) for b, c, n, r in awards],
            "director_films": [FilmRef(title=t, year=y) for t, y in director_films],
            "recommendations": [FilmRef(title=t, year=y) for t, y in recommendations],
            "trivia": trivia if trivia is not None else ["Shot on 16mm."],
        }
    )


@pytest.fixture
def guide() -> Guide:
    return make_guide()
