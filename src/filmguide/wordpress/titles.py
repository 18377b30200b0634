"""The film a post is about, from the post's title: WordPress film sites name it there.

"Requiem for a Dream (2000) Movie Explained: Ending, Cast and Trivia" is *Requiem for a Dream*,
2000. A post title in no known shape names no film here, and the article's own first sentence
decides (the post title stays the last resort, as a page's ``h1`` does).
"""

from __future__ import annotations

from dataclasses import dataclass

from filmguide.article.blocks import clean_text
from filmguide.wordpress.vocabulary import LONGEST_TITLE_WORDS, TITLE_PATTERNS

_TRIM = " \t-–—:,"


@dataclass(frozen=True, slots=True)
class FilmName:
    """A film's title as a post names it, with its year where the post title states one."""

    title: str
    year: int | None


def film_from_post_title(post_title: str) -> FilmName | None:
    """The film named by a post title in one of :data:`TITLE_PATTERNS`' shapes, else ``None``."""
    text = clean_text(post_title)
    for pattern in TITLE_PATTERNS:
        found = pattern.search(text)
        if found is None:
            continue
        title = found.group("title").strip(_TRIM)
        if not title or len(title.split()) > LONGEST_TITLE_WORDS:
            continue
        year = found.groupdict().get("year")
        return FilmName(title, int(year) if year else None)
    return None
