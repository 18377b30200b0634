"""A query as both back ends search it: its words, what they found, and how common they are.

User text never reaches FTS5 or tsquery syntax: :func:`query_terms` keeps only runs of letters
and digits, and each back end builds its match expressions from those terms, quoted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from filmguide.store.films import title_key
from filmguide.store.search.index import clean

#: At most this many terms of a query are searched, each cut to this many characters.
MAX_TERMS = 16
MAX_TERM = 64
#: Title candidates fetched per title query.
TITLE_CANDIDATES = 60
#: Text matches ranked by the back end's text score at most; more are taken newest first.
RANK_CAP = 300
#: A word in at least this share of the indexed films is common (left out of the text match).
COMMON_SHARE = 0.2

#: A word: a run of letters and digits.
WORD = re.compile(r"[^\W_]+")


def query_terms(query: str) -> list[str]:
    """The words of a query: runs of letters and digits, folded (NFKC, case), deduplicated."""
    folded = unicodedata.normalize("NFKC", clean(query)).casefold()
    terms = dict.fromkeys(term[:MAX_TERM] for term in WORD.findall(folded))
    return list(terms)[:MAX_TERMS]


def title_key_of(terms: Sequence[str]) -> str:
    """The title key of the query's words, to compare with films' title keys."""
    return title_key(" ".join(terms)) if terms else ""


@dataclass(frozen=True, slots=True)
class Hit:
    """A film or person found, with its text score (higher is better) and a marked snippet."""

    kind: str  # "film" or "person"
    slug: str
    label: str  # the film's title or the person's name
    year: int | None
    key: str  # the film's title key or the person's slug
    score: float
    snippet: str = ""
    in_title: bool = False  # a film whose title holds every term


@dataclass(frozen=True, slots=True)
class WordHits:
    """What the words of a query found."""

    terms: list[str]
    films: list[Hit] = field(default_factory=list)
    people: list[Hit] = field(default_factory=list)


class TermStats:
    """How many films hold each word (up to the common threshold), per index version.

    SQLite counts a word when a query first holds it (:func:`~filmguide.store.search.sqlite.is_common`);
    PostgreSQL counts the new words of a query in one round trip with the version
    (:mod:`~filmguide.store.search.postgres`); both through :meth:`known`, :meth:`remember` and
    :meth:`reset`."""

    #: A word is common when in at least ``max(FLOOR, SHARE × films)`` films.
    FLOOR = 200
    SHARE = COMMON_SHARE

    def __init__(self) -> None:
        self.version = -1
        self.docs = 0
        self._counts: dict[str, int] = {}

    def reset(self, version: int, docs: int) -> None:
        """The index is at ``version`` with ``docs`` films: the counts of another version go."""
        self._counts = {}
        self.version, self.docs = version, docs

    def threshold(self) -> int:
        return max(self.FLOOR, int(self.docs * self.SHARE))

    def known(self, key: str) -> int | None:
        """The count of ``key`` (a term as the back end matches it) at this version, if taken."""
        return self._counts.get(key)

    def remember(self, key: str, count: int) -> None:
        if len(self._counts) > 10_000:
            self._counts.clear()
        self._counts[key] = count

    def is_common(self, key: str) -> bool:
        """Whether ``key``, counted, is in a fifth or more of the films."""
        return self._counts.get(key, 0) >= self.threshold()
