"""The reasons a similar film is given, in words a reader understands."""

from __future__ import annotations

from filmguide.recommend.records import FilmRecord
from filmguide.recommend.vocabulary import GENRE_NOUNS, IMDB_SPAN, RT_SPAN, SOURCE_PHRASES, TEXT_FULL


def decade(year: int) -> str:
    return f"the {year // 10 * 10}s"


def genre_source_reason(a: FilmRecord, b: FilmRecord) -> str | None:
    genre = a.genre if a.genre is not None and a.genre == b.genre else None
    source = a.source if a.source is not None and a.source == b.source else None
    if genre is None and source is None:
        return None
    noun = GENRE_NOUNS.get(genre, "a film") if genre else None
    phrase = SOURCE_PHRASES.get(source, source.lower()) if source else None
    if phrase and source == "Based on Book/Short Story" and a.source_kind and a.source_kind == b.source_kind:
        phrase = f"based on a {a.source_kind}"
    if noun and phrase:
        return f"Also {noun} {phrase}"
    return f"Also {noun or phrase}"


def ratings_text(film: FilmRecord) -> str:
    parts = []
    if film.imdb_rating is not None:
        parts.append(f"IMDb {film.imdb_rating:g}")
    if film.rotten_tomatoes is not None:
        parts.append(f"Rotten Tomatoes {film.rotten_tomatoes}%")
    return ", ".join(parts)


def pair_closeness(a: FilmRecord, b: FilmRecord) -> float:
    """:func:`_closeness` for one pair, in plain Python (for reasons)."""
    parts = []
    if a.imdb_rating is not None and b.imdb_rating is not None:
        parts.append(max(0.0, 1.0 - abs(a.imdb_rating - b.imdb_rating) / IMDB_SPAN))
    if a.rotten_tomatoes is not None and b.rotten_tomatoes is not None:
        parts.append(max(0.0, 1.0 - abs(a.rotten_tomatoes - b.rotten_tomatoes) / RT_SPAN))
    return sum(parts) / len(parts) if parts else 0.0


def text_signal(cosine: float) -> float:
    """The text signal in [0, 1]: the guides' cosine, with :data:`TEXT_FULL` counting as fully alike."""
    return min(1.0, cosine / TEXT_FULL)
