"""SQLite's search: FTS5 over ``search_docs`` and the titles and names, a few small statements.

Ranking every match by ``bm25`` costs time in proportion to the matches (and ``bm25`` reads the
whole list of every word to weigh it): "the" over 100,000 films took 300 ms. So:

- titles come from ``search_titles_fts`` (migration 0005), whose rowids put shorter titles
  first: the shortest titles holding the words, and the shortest starting with them, cost a
  walk of a few rows whatever the words;
- people from ``search_people_fts`` (a few thousand names);
- text (names and guide text) only when titles and people leave the page short, ranked by
  ``bm25`` when at most :data:`~filmguide.store.search.query.RANK_CAP` films hold the words that
  are not in a fifth or more of all films (such words weigh nothing in ``bm25`` and cost most),
  the newest otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, TextClause, text

from filmguide.ranking import title_score
from filmguide.store.films import title_key
from filmguide.store.search import query
from filmguide.store.search.index import MAX_FIELD
from filmguide.store.search.query import TITLE_CANDIDATES, WORD, Hit, TermStats, WordHits
from filmguide.store.search.snippets import MARK_END, MARK_START, mark_title, snippet_text
from filmguide.text import fold

#: bm25 weights of the FTS5 columns (title, names, body).
_BM25 = "bm25(10.0, 4.0, 1.0)"


def fts5_match(terms: Sequence[str], *, column: str | None = None) -> str:
    """An FTS5 MATCH expression: every term, quoted, the last one also as a prefix."""
    parts = []
    for i, term in enumerate(terms):
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted + "*" if i == len(terms) - 1 and len(term) >= 2 else quoted)
    expression = " ".join(parts)
    return f"{{{column}}} : ({expression})" if column else expression


def fts5_initial(terms: Sequence[str]) -> str:
    """An FTS5 expression: the terms in order at the start of the column, the last a prefix."""
    phrase = " + ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return "^" + phrase + ("*" if len(terms[-1]) >= 2 else "")


def _sqlite(conn: Connection, statement: TextClause, params: dict[str, Any]) -> Any:
    """Run a search statement on the driver's connection (in the caller's transaction).

    A search runs five to twenty small statements; SQLAlchemy's work around each (0.1 to 0.2 ms)
    was a third of a search over the catalog.
    """
    return conn.connection.driver_connection.execute(statement.text, params)  # type: ignore[union-attr]


_SQLITE_VERSION = text("SELECT version FROM search_state WHERE id = 1")
_SQLITE_DOCS = text("SELECT count(*) FROM search_docs")
_SQLITE_COUNT = text(
    "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH :match LIMIT :cap)"
)


def refresh(stats: TermStats, conn: Connection) -> None:
    """Forget the counts if the index changed (one cheap query)."""
    version = _sqlite(conn, _SQLITE_VERSION, {}).fetchone()[0]
    if version != stats.version:
        stats.reset(version, int(_sqlite(conn, _SQLITE_DOCS, {}).fetchone()[0]))


def is_common(stats: TermStats, conn: Connection, term: str, *, prefix: bool) -> bool:
    """Whether ``term`` (a prefix of words when ``prefix``) is in a fifth or more of the films."""
    key = term + ("*" if prefix else "")
    if stats.known(key) is None:
        match = '"' + term.replace('"', '""') + '"' + ("*" if prefix else "")
        cap = stats.threshold()
        stats.remember(key, int(_sqlite(conn, _SQLITE_COUNT, {"match": match, "cap": cap}).fetchone()[0]))
    return stats.is_common(key)


def search_words(conn: Connection, terms: list[str], limit: int, stats: TermStats) -> WordHits:
    """Titles, then people, then (when the page is still short) text; snippets for the titles."""
    refresh(stats, conn)
    last = len(terms) - 1
    rare = [t for i, t in enumerate(terms) if not is_common(stats, conn, t, prefix=i == last and len(t) >= 2)]
    ids: dict[str, int] = {}
    titles = _sqlite_titles(conn, terms, limit, ids)
    people = _sqlite_people(conn, terms, limit)
    films = titles
    if len(titles) + len(people) < limit:
        taken = {hit.slug for hit in titles}
        films = titles + [h for h in _sqlite_text(conn, terms, rare, limit) if h.slug not in taken]
    return WordHits(terms, _with_snippets(conn, terms, rare, films, limit, ids), people)


_SQLITE_TITLES = text(
    """
    SELECT f.id, f.slug, f.title, f.year, f.title_key, d.body != ''
    FROM (
        SELECT rowid AS r FROM search_titles_fts WHERE search_titles_fts MATCH :match
        ORDER BY rowid LIMIT :limit
    ) AS hit
    JOIN films AS f ON f.id = (hit.r & 4294967295)
    JOIN search_docs AS d ON d.film_id = f.id
    ORDER BY hit.r
    """
)


def _sqlite_titles(conn: Connection, terms: list[str], limit: int, ids: dict[str, int]) -> list[Hit]:
    """Films whose title holds every word: those starting with the words first, shortest first.

    ``ids`` receives the ids of those with a text (a guide) by slug: the others, catalog films,
    have no snippet to show but their title."""
    key = title_key(" ".join(terms))
    found: dict[str, Hit] = {}
    for match in (fts5_initial(terms), fts5_match(terms)):
        for film_id, slug, title, year, film_key, has_text in _sqlite(
            conn, _SQLITE_TITLES, {"match": match, "limit": TITLE_CANDIDATES}
        ):
            if slug not in found:
                if has_text:
                    ids[slug] = film_id
                found[slug] = Hit("film", slug, title, year, film_key, title_score(key, film_key), "", True)
        if len(found) >= limit * 2:
            break
    return list(found.values())


_SQLITE_TEXT_IDS = text(
    "SELECT rowid FROM search_fts WHERE search_fts MATCH :match ORDER BY rowid DESC LIMIT :limit"
)
_SQLITE_FILMS = text(
    f"""
    SELECT f.slug, f.title, f.year, f.title_key, -hit.rank, hit.body, hit.names
    FROM (
        SELECT rowid AS film_id, rank, substr(body, 1, :cut) AS body, substr(names, 1, :cut) AS names
        FROM search_fts
        WHERE search_fts MATCH :match AND rank MATCH '{_BM25}'
        ORDER BY rank
        LIMIT :limit
    ) AS hit
    JOIN films AS f ON f.id = hit.film_id
    ORDER BY hit.rank
    """
)
_SQLITE_NEWEST = text(
    """
    SELECT f.slug, f.title, f.year, f.title_key, hit.body, hit.names
    FROM (
        SELECT rowid AS film_id, substr(body, 1, :cut) AS body, substr(names, 1, :cut) AS names
        FROM search_fts WHERE search_fts MATCH :match ORDER BY rowid DESC LIMIT :limit
    ) AS hit
    JOIN films AS f ON f.id = hit.film_id
    ORDER BY hit.film_id DESC
    """
)
#: The fields are read whole (up to :data:`MAX_FIELD`) and their snippets cut here, in
#: :func:`snippet_of`: FTS5's ``snippet()`` costs time in the square of the matches in a field
#: (a word repeated 13,000 times: 4.5 s), this a walk of the words.
_SNIPPET_PARAMS = {"cut": MAX_FIELD}
#: The marks ``highlight()`` puts around a person's matched name (a name is short).
_MARKS = {"start": MARK_START, "end": MARK_END}


def _sqlite_text(conn: Connection, terms: list[str], rare: list[str], limit: int) -> list[Hit]:
    """Films holding the words anywhere, best first by ``bm25``, within bounded work (``rare``:
    the words not common, the only ones matched if there are any)."""
    match = fts5_match(terms) if not rare else _fts5_terms(terms, rare)
    found = [row[0] for row in _sqlite(conn, _SQLITE_TEXT_IDS, {"match": match, "limit": query.RANK_CAP + 1})]
    if not found:
        return []
    if len(found) <= query.RANK_CAP:
        rows = _sqlite(conn, _SQLITE_FILMS, {"match": match, "limit": limit, **_SNIPPET_PARAMS})
        return [
            Hit("film", slug, title, year, key, score, snippet_text(body, names, terms, title))
            for slug, title, year, key, score, body, names in rows
        ]
    # Too many to rank: the newest films holding the words, with no text score.
    rows = _sqlite(conn, _SQLITE_NEWEST, {"match": match, "limit": limit, **_SNIPPET_PARAMS})
    return [
        Hit("film", slug, title, year, key, 0.0, snippet_text(body, names, terms, title))
        for slug, title, year, key, body, names in rows
    ]


def _fts5_terms(terms: list[str], kept: list[str]) -> str:
    """The match of ``kept`` only, the last term of the query still a prefix if kept."""
    parts = []
    for i, term in enumerate(terms):
        if term in kept:
            quoted = '"' + term.replace('"', '""') + '"'
            parts.append(quoted + "*" if i == len(terms) - 1 and len(term) >= 2 else quoted)
    return " ".join(parts)


_SQLITE_SNIPPET = text(
    """
    SELECT substr(body, 1, :cut), substr(names, 1, :cut)
    FROM search_fts WHERE search_fts MATCH :match AND rowid = :id
    """
)


def _with_snippets(
    conn: Connection, terms: list[str], rare: list[str], films: list[Hit], limit: int, ids: dict[str, int]
) -> list[Hit]:
    """Title hits among the first ``limit`` get the snippet of their text or names that holds
    the words that are not common (none: no snippet but the title), else their title marked.

    The last word of the query is matched as the title's words it starts ("godfa" as
    "godfather"): a word's start longer than the prefix index (three letters) costs FTS5 a walk
    of every word so starting, 0.7 ms a film over 100,000 films; a whole word, 0.07 ms.
    """
    out = []
    for n, hit in enumerate(films):
        if not hit.snippet:
            snippet = mark_title(hit.label, terms)
            if rare and n < limit and hit.slug in ids:
                match = _snippet_match(terms, rare, hit.label)
                row = _sqlite(
                    conn, _SQLITE_SNIPPET, {"match": match, "id": ids[hit.slug], **_SNIPPET_PARAMS}
                ).fetchone()
                if row is not None:
                    snippet = snippet_text(row[0], row[1], rare, snippet)
            hit = replace(hit, snippet=snippet)
        out.append(hit)
    return out


def _snippet_match(terms: list[str], rare: list[str], title: str) -> str:
    """The match of the words not common, the last word of the query as the title's words
    that start with it."""
    last = fold(terms[-1])
    if terms[-1] not in rare or len(last) < 2:
        return _fts5_terms(terms, rare)
    words = sorted({word for word in map(fold, WORD.findall(title)) if word.startswith(last)})
    if not words:
        return _fts5_terms(terms, rare)
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms[:-1] if t in rare]
    return " AND ".join([*quoted, "(" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"])


_SQLITE_PEOPLE = text(
    """
    SELECT p.slug, p.name, -hit.rank, hit.marked
    FROM (
        SELECT rowid AS person_id, rank, highlight(search_people_fts, 0, :start, :end) AS marked
        FROM search_people_fts
        WHERE search_people_fts MATCH :match
        ORDER BY rank
        LIMIT :limit
    ) AS hit
    JOIN people AS p ON p.id = hit.person_id
    WHERE EXISTS (SELECT 1 FROM credits AS c WHERE c.person_id = p.id)
    ORDER BY hit.rank
    """
)


def _sqlite_people(conn: Connection, terms: list[str], limit: int) -> list[Hit]:
    rows = _sqlite(conn, _SQLITE_PEOPLE, {"match": fts5_match(terms), "limit": limit * 2, **_MARKS})
    found = [Hit("person", slug, name, None, slug, score, marked) for slug, name, score, marked in rows]
    return found[:limit]
