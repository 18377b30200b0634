"""Slugs: the short, stable names of films and people in URLs.

A slug is lowercase ASCII words joined by hyphens, accents folded ("Amélie" → ``amelie``). The
same function gives the *title key* the store compares titles by, so two titles that differ only
in letter case, accents or punctuation are the same title.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from typing import Final

#: The slug of a title with no letters or digits left ("???"): numbered like any other.
FALLBACK_SLUG = "film"

#: Apostrophes join their word ("Schindler's" → ``schindlers``); an ampersand reads as "and".
_REPLACEMENTS = [["'", ""], ["\u2019", ""], ["\u02bc", ""], ["&", " and "]]
#: The transliteration python-slugify's "auto" falls back to when ``unidecode`` is not installed
#: (it is not a dependency), named outright: "auto" tries to import ``unidecode`` again on every
#: title with an accent (a failed import searches the whole path: about a millisecond each), and
#: slugs do not change should someone install it.
_BACKEND: Final = "text-unidecode"


@functools.lru_cache(maxsize=65536)
def slugify_title(title: str) -> str:
    """The slug of a title or a name: ``"Amélie"`` → ``"amelie"``; ``""`` when nothing is left.

    Cached: an import names the same people and films again and again. python-slugify (and
    the HTML entity tables it loads) is imported at the first title, not with the store: a
    command that only reads guides never makes a slug.
    """
    from slugify import slugify

    return str(slugify(title, lowercase=True, separator="-", replacements=_REPLACEMENTS, backend=_BACKEND))


def is_slug(value: str) -> bool:
    """Whether ``value`` is already in slug form (what :func:`slugify_title` would leave as is)."""
    return bool(value) and slugify_title(value) == value


def slug_candidates(base: str, year: int | None) -> Iterator[str]:
    """``base``, then ``base-YEAR`` (year known), then ``-2``, ``-3``… after the last of those.

    One rule for every film, whether the catalog or a guide names it first.
    """
    yield base
    stem = base
    if year is not None:
        stem = f"{base}-{year}"
        yield stem
    for n in itertools.count(2):
        yield f"{stem}-{n}"
