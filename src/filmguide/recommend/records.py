"""What recommendations compare and return: films, similar films, the weights."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from filmguide.recommend.vocabulary import GUIDE_GENRES, GUIDE_SOURCES
from filmguide.slugs import slugify_title

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from filmguide.catalog import CatalogFilm
    from filmguide.model import Guide

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

# ---------------------------------------------------------------------------------------------
# Inputs and outputs


@dataclass(frozen=True, slots=True)
class FilmRecord:
    """The facts of one film that recommendations compare; unknown facts are ``None``."""

    slug: str
    title: str
    year: int | None = None
    directors: tuple[str, ...] = ()
    genre: str | None = None
    creative_type: str | None = None
    source: str | None = None
    mpaa: str | None = None
    imdb_rating: float | None = None
    rotten_tomatoes: int | None = None
    source_kind: str | None = None
    """The guide's own word for the adapted work ("novel", "play"), when a guide says it."""

    @classmethod
    def from_catalog(cls, film: CatalogFilm) -> FilmRecord:
        return cls(
            slug=film.slug,
            title=film.title,
            year=film.year,
            directors=tuple(film.directors),
            genre=film.genre,
            creative_type=film.creative_type,
            source=film.source,
            mpaa=film.mpaa_rating,
            imdb_rating=film.imdb_rating,
            rotten_tomatoes=film.rotten_tomatoes,
        )

    @classmethod
    def from_guide(cls, guide: Guide, slug: str | None = None) -> FilmRecord:
        """A film known only from its guide: title, year, directors, and the genre and source the
        guide names, mapped to the catalog's words when they map."""
        kind = guide.adaptation.source.kind if guide.adaptation and guide.adaptation.source else None
        return cls(
            slug=slug or guide.slug or slugify_title(guide.title),
            title=guide.title,
            year=guide.year,
            directors=tuple(guide.directors),
            genre=catalog_genre(guide.film_type.genres if guide.film_type else []),
            source=catalog_source(kind),
            source_kind=kind.strip().lower() if kind else None,
        )

    def completed_by(self, guide: Guide) -> FilmRecord:
        """This record with its missing facts filled from the film's guide (never overwritten)."""
        other = FilmRecord.from_guide(guide, self.slug)
        changes: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if mine in (None, ()) and theirs not in (None, ()):
                changes[f.name] = theirs
        return replace(self, **changes) if changes else self


@dataclass(frozen=True, slots=True)
class Similar:
    """One recommended film: what the JSON's ``similar`` lists."""

    slug: str
    title: str
    year: int | None
    score: float
    reasons: tuple[str, ...]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "year": self.year,
            "score": self.score,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each signal counts; the score divides by their sum, so only ratios matter."""

    curated: float = 0.30
    text: float = 0.20
    themes: float = 0.12
    co_read: float = 0.10
    director: float = 0.08
    genre: float = 0.06
    source: float = 0.04
    creative_type: float = 0.03
    era: float = 0.04
    ratings: float = 0.01
    acclaim: float = 0.03
    mpaa: float = 0.01

    @property
    def total(self) -> float:
        return float(sum(getattr(self, f.name) for f in fields(self)))


DEFAULT_WEIGHTS = Weights()


def catalog_genre(genres: Iterable[str]) -> str | None:
    """The catalog genre a guide's genre words name: ``["Romance", "Drama"]`` → ``"Drama"``."""
    for word in genres:
        low = word.strip().lower()
        for needle, genre in GUIDE_GENRES:
            if needle in low:
                return genre
    return None


def catalog_source(kind: str | None) -> str | None:
    """The catalog source a guide's adaptation kind names: ``"novel"`` → ``"Based on Book/Short Story"``."""
    if not kind:
        return None
    low = kind.strip().lower()
    for needle, source in GUIDE_SOURCES:
        if needle in low.split() or (" " in needle and needle in low):
            return source
    return None
