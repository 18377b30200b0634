"""Typos forgiven: the films and people whose titles and names are close to a query.

The matching itself is :func:`filmguide.ranking.closest` (rapidfuzz), the same on both back ends;
here the titles and names it compares are read and cached per store, by index version.
(``pg_trgm``'s nearest titles took 33 to 38 ms at 100,000 films, and found other titles than
SQLite's.)
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import Connection, text

from filmguide.ranking import FUZZY_SPREAD, MAX_FUZZY, Labels, closest
from filmguide.store.search.query import Hit, TermStats, query_terms
from filmguide.store.search.version import index_version


@dataclass(frozen=True, slots=True)
class _Candidates:
    version: int
    hits: list[Hit]  # score 0: the films and people to match against
    labels: Labels  # their titles and names, prepared for the matcher


class FuzzyCache:
    """The titles and names the fuzzy matcher compares (both back ends), kept per store.

    Refreshed when the index's change counter moves, which one cheap query reads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._candidates: _Candidates | None = None
        #: How common the words of queries are (the text searches).
        self.terms = TermStats()

    def candidates(self, conn: Connection) -> _Candidates:
        version = index_version(conn)
        found = self._candidates
        if found is not None and found.version == version:
            return found
        with self._lock:
            found = self._candidates
            if found is None or found.version != version:
                found = _load_candidates(conn, version)
                self._candidates = found
            return found

    def clear(self) -> None:
        self._candidates = None
        self.terms = TermStats()


_FILM_CANDIDATES = text(
    "SELECT f.slug, f.title, f.year, f.title_key FROM films AS f JOIN search_docs AS d ON d.film_id = f.id"
)
_PEOPLE_CANDIDATES = text(
    "SELECT p.slug, p.name FROM people AS p"
    " WHERE EXISTS (SELECT 1 FROM credits AS c WHERE c.person_id = p.id)"
)


def _load_candidates(conn: Connection, version: int) -> _Candidates:
    hits = [Hit("film", s, t, y, k, 0.0) for s, t, y, k in conn.execute(_FILM_CANDIDATES)]
    hits += [Hit("person", s, n, None, s, 0.0) for s, n in conn.execute(_PEOPLE_CANDIDATES)]
    hits.sort(key=lambda h: (h.kind, h.key, h.slug))
    return _Candidates(version, hits, Labels.of([hit.label for hit in hits]))


def fuzzy(
    conn: Connection, cache: FuzzyCache, query: str, limit: int, *, people: bool = True, loose: bool = False
) -> list[Hit]:
    """Films (and people) whose title (name) is close to ``query``, best first; score 0–1, kept
    within :data:`~filmguide.ranking.FUZZY_SPREAD` of the best."""
    wanted = " ".join(query_terms(query))[:MAX_FUZZY]
    if not wanted:
        return []
    candidates = cache.candidates(conn)
    hits = []
    for owner, score in closest(candidates.labels, wanted, limit, loose=loose).items():
        hit = candidates.hits[owner]
        if people or hit.kind == "film":
            hits.append(Hit(hit.kind, hit.slug, hit.label, hit.year, hit.key, round(score, 4)))
    if not hits:
        return []
    hits.sort(key=lambda h: (-h.score, h.kind, h.label.casefold(), h.slug))
    best = hits[0].score
    return [h for h in hits if h.score >= best - FUZZY_SPREAD][:limit]
