"""The search index: what a guide puts in it, keeping it in step, and the queries over it.

One row of ``search_docs`` per guided film holds its searchable text in three fields: the
title, the names it credits, and the body (every paragraph and item of the guide). Each back end
indexes that table with its own full text (built by migration 0002):

- SQLite: ``search_fts``, an FTS5 table over ``search_docs`` (external content, kept in step by
  triggers), ranked by ``bm25`` with the title weighted above names above body;
  ``search_titles_fts`` over the titles alone, its rowids in order of title length (migration
  0005); ``search_people_fts`` over ``people.name``.
- PostgreSQL: ``search_docs.vector``, a generated ``tsvector`` (title A, names B, body C) with a
  GIN index, ranked by ``ts_rank_cd``; ``search_titles``, one narrow row per film (migration
  0013); an expression GIN index over ``people.name``. The text search configuration
  ``filmguide_search`` is ``simple`` with ``unaccent``: no stemming and accents folded, as FTS5's
  ``unicode61 remove_diacritics 2`` does, and texts are split into runs of letters and digits
  first, so both back ends find the same words. Its queries: :mod:`filmguide.store.search_pg`.

Snippets and fuzzy matching (rapidfuzz over the titles and names) are the same Python code on both.

User text never reaches FTS5 or tsquery syntax: :func:`query_terms` keeps only runs of letters
and digits, and the match expressions are built from those terms, quoted.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Connection, TextClause, delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from filmguide.model import Guide
from filmguide.store.compiled import CompiledStatement
from filmguide.store.films import title_key
from filmguide.store.people import guide_credits
from filmguide.store.schema import search_docs, search_state
from filmguide.text import fold

#: Marks around matched words in the snippets the queries return (never in indexed text).
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
#: At most this many terms of a query are searched, each cut to this many characters.
MAX_TERMS = 16
MAX_TERM = 64
#: Text given to the fuzzy matcher is cut to this many characters.
MAX_FUZZY = 100
#: Words in a snippet.
SNIPPET_WORDS = 24
#: Characters of each field indexed and read for a snippet: a guide's text past this is not
#: searched (articles are 5 to 30 KB; this bounds the work a pathological one can ask for).
MAX_FIELD = 64 * 1024
#: Words shown before the first matched word in a snippet.
SNIPPET_LEAD = 4

_TERM = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: bm25 weights of the FTS5 columns (title, names, body).
_BM25 = "bm25(10.0, 4.0, 1.0)"


# --- the work a search may do -----------------------------------------------------------------


class SearchStopped(Exception):
    """A search stopped before its end: its time spent, or its reader gone."""


@dataclass
class Budget:
    """How long a search may run, and a flag its caller sets when nobody waits for it any more.

    The web sets one for each search (:data:`BUDGET`); the store's search queries then run under
    it: SQLite's progress handler is asked every :data:`PROGRESS_STEPS` steps of the statement and
    interrupts it, PostgreSQL gets the time left as ``statement_timeout``."""

    deadline: float
    cancelled: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def of(cls, seconds: float) -> Budget:
        return cls(time.monotonic() + seconds)

    def spent(self) -> bool:
        return self.cancelled.is_set() or time.monotonic() > self.deadline


#: The budget of the search running in this context (``None``: no limit, as for tools).
BUDGET: ContextVar[Budget | None] = ContextVar("filmguide_search_budget", default=None)
#: SQLite virtual machine steps between two looks at the budget (about a millisecond's work).
PROGRESS_STEPS = 10_000


@contextlib.contextmanager
def budgeted(conn: Connection) -> Iterator[None]:
    """Run the statements inside under the context's :class:`Budget`, if any; raises
    :class:`SearchStopped` when it is spent."""
    budget = BUDGET.get()
    if budget is None:
        yield
        return
    if budget.spent():
        raise SearchStopped
    if conn.dialect.name != "sqlite":
        # The time left is set as statement_timeout with the search's statements (search_pg.run).
        try:
            yield
        except DBAPIError as error:
            if type(error.orig).__name__ == "QueryCanceled":
                raise SearchStopped from None
            raise
        return
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    driver.set_progress_handler(lambda: 1 if budget.spent() else 0, PROGRESS_STEPS)
    try:
        yield
    except (sqlite3.OperationalError, DBAPIError) as error:
        if "interrupted" in str(error):
            raise SearchStopped from None
        raise
    finally:
        driver.set_progress_handler(None, 0)


# --- what a guide puts in the index -----------------------------------------------------------


def clean(value: str) -> str:
    """Text without control characters (the snippet marks among them) or lone surrogates."""
    return _CONTROL.sub(" ", value)


#: Parts of the guide's JSON already indexed as the title or as names.
_NOT_BODY_TOP = ("title", "year", "slug", "directors")
_NOT_BODY_IN = {"cast": ("actor",), "music": ("composers", "featured_artists"), "awards": ("nominee",)}


def _add_strings(values: Iterable[Any], out: list[str]) -> None:
    """Every non-blank string among ``values`` and inside them, depth first, spaces collapsed,
    appended to ``out``. A plain recursion into one list that handles strings in the loop, not in
    a call each: nested generators, then a call per value, were a tenth of a parse worker's time."""
    for value in values:
        kind = type(value)
        if kind is str:
            if value and not value.isspace():
                out.append(" ".join(value.split()))
        elif kind is dict:
            _add_strings(value.values(), out)
        elif kind is list:
            _add_strings(value, out)


def guide_text(guide: Guide) -> tuple[str, str, str]:
    """The guide's (title, names, body) as indexed: names and paragraphs one a line."""
    names = list(dict.fromkeys(c.name.strip() for c in guide_credits(guide) if c.name.strip()))
    data = guide.model_dump(mode="json")
    for key in _NOT_BODY_TOP:
        data.pop(key, None)
    for section, keys in _NOT_BODY_IN.items():
        parts = data.get(section)
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, dict):
                for key in keys:
                    part.pop(key, None)
    strings: list[str] = []
    _add_strings(data.values(), strings)
    body = "\n".join(strings)
    return clean(guide.title), clean(_cut("\n".join(names))), clean(_cut(body))


def _cut(value: str, limit: int = MAX_FIELD) -> str:
    """``value`` cut to at most ``limit`` characters, at a word's end when there is one."""
    if len(value) <= limit:
        return value
    end = value.rfind(" ", 0, limit + 1)
    return value[: end if end > limit // 2 else limit]


def index_guide(conn: Connection, film_id: int, guide: Guide) -> None:
    """Put (or put again) the film's guide in the index, inside the caller's transaction."""
    title, names, body = guide_text(guide)
    conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id))
    conn.execute(insert(search_docs), {"film_id": film_id, "title": title, "names": names, "body": body})
    bump(conn)


#: A guide's text as indexed: (title, names, body).
SearchText = tuple[str, str, str]


def index_pending(
    conn: Connection, *, limit: int | None = None, texts: Mapping[str, SearchText] | None = None
) -> int:
    """Index every guided film missing from the index (left out by a bulk import, even one that
    was killed midway); returns how many were indexed.

    ``texts``: the text of guides by film slug, already derived by :func:`guide_text` (the
    importer's parse workers do it, off the writer's critical path); any other guide is read
    back from its stored document.
    """
    from filmguide.store.schema import films, guides

    query = (
        select(guides.c.film_id, films.c.slug, guides.c.document)
        .join(films, films.c.id == guides.c.film_id)
        .where(~select(search_docs.c.film_id).where(search_docs.c.film_id == guides.c.film_id).exists())
        .order_by(guides.c.film_id)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query))
    if not rows:
        return 0
    docs = []
    for film_id, slug, document in rows:
        known = texts.get(slug) if texts is not None else None
        title, names, body = known or guide_text(Guide.model_validate_json(document))
        docs.append({"film_id": film_id, "title": title, "names": names, "body": body})
    conn.execute(insert(search_docs), docs)
    bump(conn)
    return len(rows)


def unindex_film(conn: Connection, film_id: int, *, keep: bool = False, changed: bool = True) -> None:
    """Take the film out of the index (its guide is gone); ``keep``: its entry was just rewritten.

    ``changed=False`` leaves the change counter to whoever indexes the film again: a bulk import
    saves many guides, then indexes them and moves the counter once, so page caches are not
    emptied after every article while the site serves.
    """
    if not keep:
        conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id))
    if changed:
        bump(conn)


#: Set on a connection whose transaction moved the change counter.
CHANGED = "filmguide.changed"


_bump = CompiledStatement(
    update(search_state).where(search_state.c.id == 1).values(version=search_state.c.version + 1)
)


def bump(conn: Connection) -> None:
    """Move the change counter: the search index changed, and with it the data (every write does)."""
    _bump.execute(conn)
    conn.info[CHANGED] = True  # the store counts the commit as a content write (page caches)


def index_version(conn: Connection) -> int:
    """The index's change counter (PostgreSQL: in one round trip, :func:`search_pg.index_version`)."""
    if conn.dialect.name == "postgresql":
        from filmguide.store import search_pg

        return search_pg.index_version(conn)
    return int(conn.scalar(select(search_state.c.version).where(search_state.c.id == 1)) or 0)


# --- queries ----------------------------------------------------------------------------------


def query_terms(query: str) -> list[str]:
    """The words of a query: runs of letters and digits, folded (NFKC, case), deduplicated."""
    folded = unicodedata.normalize("NFKC", clean(query)).casefold()
    terms = dict.fromkeys(term[:MAX_TERM] for term in _TERM.findall(folded))
    return list(terms)[:MAX_TERMS]


def fts5_match(terms: Sequence[str], *, column: str | None = None) -> str:
    """An FTS5 MATCH expression: every term, quoted, the last one also as a prefix."""
    parts = []
    for i, term in enumerate(terms):
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted + "*" if i == len(terms) - 1 and len(term) >= 2 else quoted)
    expression = " ".join(parts)
    return f"{{{column}}} : ({expression})" if column else expression


def tsquery_text(terms: Sequence[str], *, weight: str = "") -> str:
    """A ``to_tsquery`` argument: every term, quoted, the last one also as a prefix."""
    parts = []
    for i, term in enumerate(terms):
        quoted = "'" + term.replace("\\", "").replace("'", "''") + "'"
        prefix = "*" if i == len(terms) - 1 and len(term) >= 2 else ""
        parts.append(f"{quoted}:{prefix}{weight}" if prefix or weight else quoted)
    return " & ".join(parts)


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


def search_words(conn: Connection, query: str, limit: int, cache: FuzzyCache | None = None) -> WordHits:
    """Films whose title, names or text hold every word of the query, and people named so.

    The same steps on both back ends (see :func:`_sqlite_words`); PostgreSQL runs them in one
    statement (:mod:`filmguide.store.search_pg`).
    """
    terms = query_terms(query)
    if not terms:
        return WordHits(terms)
    stats = cache.terms if cache is not None else TermStats()
    if conn.dialect.name == "postgresql":
        from filmguide.store import search_pg

        return search_pg.search_words(conn, terms, limit, stats)
    return _sqlite_words(conn, terms, limit, stats)


def _pick_snippet(body: str | None, names: str | None, title: str) -> str:
    for candidate in (body, names):
        if candidate and MARK_START in candidate:
            return candidate
    return title


# --- SQLite -----------------------------------------------------------------------------------
#
# Ranking every match by ``bm25`` costs time in proportion to the matches (and ``bm25`` reads the
# whole list of every word to weigh it): "the" over 100,000 films took 300 ms. So on SQLite:
#
# - titles come from ``search_titles_fts`` (migration 0005), whose rowids put shorter titles
#   first: the shortest titles holding the words, and the shortest starting with them, cost a
#   walk of a few rows whatever the words;
# - people from ``search_people_fts`` (a few thousand names);
# - text (names and guide text) only when titles and people leave the page short, ranked by
#   ``bm25`` when at most :data:`RANK_CAP` films hold the words that are not in a fifth or more
#   of all films (such words weigh nothing in ``bm25`` and cost most), the newest otherwise.

#: Title candidates fetched per title query.
TITLE_CANDIDATES = 60
#: Text matches ranked by ``bm25`` at most; more are taken newest first.
RANK_CAP = 300
#: A word in at least this share of the indexed films is common (left out of the text match).
COMMON_SHARE = 0.2
_LOW32 = 0xFFFFFFFF


class TermStats:
    """How many films hold each word (up to the common threshold), per index version.

    SQLite counts a word when a query first holds it (:meth:`refresh`, :meth:`common`);
    PostgreSQL counts the new words of a query in one round trip with the version
    (``search_pg``), through :meth:`known`, :meth:`remember` and :meth:`reset`."""

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

    def refresh(self, conn: Connection) -> None:
        """Forget the counts if the index changed (one cheap query; SQLite)."""
        version = _sqlite(conn, _SQLITE_VERSION, {}).fetchone()[0]
        if version != self.version:
            self.reset(version, int(_sqlite(conn, _SQLITE_DOCS, {}).fetchone()[0]))

    def common(self, conn: Connection, term: str, *, prefix: bool) -> bool:
        """Whether ``term`` (a prefix of words when ``prefix``) is in a fifth or more of the films
        (SQLite)."""
        key = term + ("*" if prefix else "")
        if self.known(key) is None:
            match = '"' + term.replace('"', '""') + '"' + ("*" if prefix else "")
            cap = self.threshold()
            self.remember(key, int(_sqlite(conn, _SQLITE_COUNT, {"match": match, "cap": cap}).fetchone()[0]))
        return self.is_common(key)


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


def _sqlite_words(conn: Connection, terms: list[str], limit: int, stats: TermStats) -> WordHits:
    """Titles, then people, then (when the page is still short) text; snippets for the titles."""
    stats.refresh(conn)
    last = len(terms) - 1
    rare = [t for i, t in enumerate(terms) if not stats.common(conn, t, prefix=i == last and len(t) >= 2)]
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


def title_score(key: str, film_key: str) -> float:
    """How much of the title the query covers, ``c`` from 0 to 1, as a score ``c / (1 - c)``."""
    covered = min(0.99, max(0.01, len(key.replace("-", "")) / max(1, len(film_key.replace("-", "")))))
    return covered / (1 - covered)


def fts5_initial(terms: Sequence[str]) -> str:
    """An FTS5 expression: the terms in order at the start of the column, the last a prefix."""
    phrase = " + ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return "^" + phrase + ("*" if len(terms[-1]) >= 2 else "")


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


def snippet_of(text: str | None, terms: Sequence[str]) -> str:
    """:data:`SNIPPET_WORDS` words of ``text`` from a little before its first word of the query,
    those words marked (adjacent ones as one mark), with an ellipsis where text is left out;
    ``""`` when no word of the query is in it."""
    if not text:
        return ""
    wanted = {fold(t) for t in terms}
    last = fold(terms[-1]) if terms else ""
    prefix = last if len(last) >= 2 else None
    words = _TERM.finditer(text)
    ends: list[int] = []  # where each word read so far ends
    first = -1
    for found in words:
        ends.append(found.end())
        word = fold(found.group(0))
        if word in wanted or (prefix is not None and word.startswith(prefix)):
            first = len(ends) - 1
            break
    if first < 0:
        return ""
    begin = max(0, first - SNIPPET_LEAD)
    # From just after the word before the window: the marks and signs before its first word stay.
    start = ends[begin - 1] if begin else 0
    end = len(text)
    for n, found in enumerate(words, start=first + 1):
        if n >= begin + SNIPPET_WORDS:
            end = found.start()
            break
    marked = mark_title(" ".join(text[start:end].split()), terms)
    marked = re.sub(f"{MARK_END}(\\s+){MARK_START}", r"\1", marked)
    return (ELLIPSIS if start else "") + marked + (ELLIPSIS if end < len(text) else "")


def snippet_text(body: str | None, names: str | None, terms: Sequence[str], title: str) -> str:
    """The snippet of the body, else of the names, else the title (as FTS5's were picked)."""
    return _pick_snippet(snippet_of(body, terms), snippet_of(names, terms), title)


def _sqlite_text(conn: Connection, terms: list[str], rare: list[str], limit: int) -> list[Hit]:
    """Films holding the words anywhere, best first by ``bm25``, within bounded work (``rare``:
    the words not common, the only ones matched if there are any)."""
    match = fts5_match(terms) if not rare else _fts5_terms(terms, rare)
    found = [row[0] for row in _sqlite(conn, _SQLITE_TEXT_IDS, {"match": match, "limit": RANK_CAP + 1})]
    if not found:
        return []
    if len(found) <= RANK_CAP:
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
    words = sorted({word for word in map(fold, _TERM.findall(title)) if word.startswith(last)})
    if not words:
        return _fts5_terms(terms, rare)
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms[:-1] if t in rare]
    return " AND ".join([*quoted, "(" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"])


def mark_title(title: str, terms: Sequence[str]) -> str:
    """The title with marks around the words of the query (the last may be a word's start)."""
    wanted = [fold(t) for t in terms]
    prefix = wanted[-1] if wanted and len(wanted[-1]) >= 2 else None

    def mark(found: re.Match[str]) -> str:
        word = fold(found.group(0))
        if word in wanted or (prefix is not None and word.startswith(prefix)):
            return f"{MARK_START}{found.group(0)}{MARK_END}"
        return found.group(0)

    return _TERM.sub(mark, title)


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


# --- fuzzy matching ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidates:
    version: int
    hits: list[Hit]  # score 0: the films and people to match against
    choices: list[list[str]]  # for each hit, its label and its longer words, processed for rapidfuzz
    vocabulary: list[str]  # every word of the labels, once
    owners: list[list[int]]  # for each word of the vocabulary, the hits whose labels hold it
    lengths: list[int]  # for each hit, the length of its processed label


class FuzzyCache:
    """The titles and names the fuzzy matcher compares (both back ends), kept per store.

    Refreshed when the index's change counter moves, which one cheap query reads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._candidates: _Candidates | None = None
        #: How common the words of queries are (SQLite's text search).
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
    choices: list[list[str]] = []
    by_word: dict[str, list[int]] = {}
    for index, hit in enumerate(hits):
        label = utils.default_process(hit.label)
        words = label.split()
        long = [w for w in words if len(w) >= _FUZZY_WORD]
        choices.append(list(dict.fromkeys([label, *long])))
        for word in dict.fromkeys(words):
            by_word.setdefault(word, []).append(index)
    lengths = [len(choice[0]) for choice in choices]
    return _Candidates(version, hits, choices, list(by_word), list(by_word.values()), lengths)


#: Words of titles and names at least this long are matched on their own too ("Figis" → "figgis").
_FUZZY_WORD = 4
#: Fuzzy scores (0–1) kept: at least the cut-off, and within ``_FUZZY_SPREAD`` of the best.
_FUZZY_SPREAD = 0.15
_RAPIDFUZZ_CUTOFF = {False: 0.75, True: 0.6}


def fuzzy(
    conn: Connection, cache: FuzzyCache, query: str, limit: int, *, people: bool = True, loose: bool = False
) -> list[Hit]:
    """Films (and people) whose title (name) is close to ``query``, best first; score 0–1.

    rapidfuzz's similarity (``fuzz.ratio``, normalised Indel distance) over the cached titles and
    names and their words of four letters or more, so one misspelt word of a name finds its
    person; the same on both back ends (``pg_trgm``'s walks took 33 to 38 ms at 100,000 films).
    """
    wanted = " ".join(query_terms(query))[:MAX_FUZZY]
    if not wanted:
        return []
    candidates = cache.candidates(conn)
    hits = []
    for owner, score in _rapidfuzz(candidates, utils.default_process(wanted), limit, loose).items():
        hit = candidates.hits[owner]
        if people or hit.kind == "film":
            hits.append(_scored(hit, score / 100))
    if not hits:
        return []
    hits.sort(key=lambda h: (-h.score, h.kind, h.label.casefold(), h.slug))
    best = hits[0].score
    return [h for h in hits if h.score >= best - _FUZZY_SPREAD][:limit]


#: Words of the query matched against the vocabulary, the longest first.
_FUZZY_QUERY_WORDS = 6
#: Fuzzy score (0–100) a word of the vocabulary needs to bring the titles and names holding it.
_WORD_CUTOFF = 70
#: Titles and names compared in full at most (those holding close words of most query words).
_FUZZY_POOL = 1000
#: Hits holding close words of every word of the query that are enough to compare only them.
_FUZZY_ENOUGH = 20


def _pool(candidates: _Candidates, found: list[set[int]], length: int) -> list[int]:
    """At most :data:`_FUZZY_POOL` hits to compare in full: those holding close words of every
    word of the query if there are enough, else of two of them, else of any; labels about as long
    as the query first (the ratio needs lengths alike). Set operations only: counting the words
    each hit holds took 3 to 4 ms at 100,000 films."""
    if not found:
        return []
    pool = set.intersection(*found)
    if len(pool) < _FUZZY_ENOUGH and len(found) > 2:
        pool = set().union(*(a & b for i, a in enumerate(found) for b in found[i + 1 :]))
    if len(pool) < _FUZZY_ENOUGH:
        pool = set().union(*found)
    if len(pool) <= _FUZZY_POOL:
        return sorted(pool)
    lengths = candidates.lengths
    return sorted(pool, key=lambda owner: (abs(lengths[owner] - length), owner))[:_FUZZY_POOL]


def _rapidfuzz(candidates: _Candidates, wanted: str, limit: int, loose: bool) -> dict[int, float]:
    """The best score (0–100) of each title or name close to ``wanted``, by hit index.

    Comparing the query with 100,000 titles and their words took 80 to 170 ms; so first each
    word of the query is compared with the vocabulary of the titles and names (words once
    each), and only the titles and names holding a close word are compared in full.
    """
    words = sorted(dict.fromkeys(w for w in wanted.split() if len(w) >= 3), key=len, reverse=True)
    common = max(50, len(candidates.hits) // 20)
    found: list[set[int]] = []  # for each word of the query, the hits holding a word close to it
    for word in (words or wanted.split())[:_FUZZY_QUERY_WORDS]:
        holders: set[int] = set()
        for _choice, _score, index in process.extract(
            word,
            candidates.vocabulary,
            scorer=fuzz.ratio,
            processor=None,
            limit=40,
            score_cutoff=_WORD_CUTOFF,
        ):
            if len(candidates.owners[index]) <= common:  # "the": no help in telling titles apart
                holders.update(candidates.owners[index])
        if holders:
            found.append(holders)
    owners = _pool(candidates, found, len(wanted))
    strings = [choice for owner in owners for choice in candidates.choices[owner]]
    string_owner = [owner for owner in owners for _ in candidates.choices[owner]]
    best: dict[int, float] = {}
    for _choice, score, index in process.extract(
        wanted,
        strings,
        scorer=fuzz.ratio,
        processor=None,
        limit=limit * 6,
        score_cutoff=_RAPIDFUZZ_CUTOFF[loose] * 100,
    ):
        owner = string_owner[index]
        best[owner] = max(best.get(owner, 0.0), score)
    return best


def _scored(hit: Hit, score: float) -> Hit:
    return Hit(hit.kind, hit.slug, hit.label, hit.year, hit.key, round(score, 4))


# --- upkeep -----------------------------------------------------------------------------------


def rebuild(conn: Connection) -> int:
    """Index every stored guide again (after a bulk load that bypassed saves); returns how many."""
    from filmguide.store.schema import guides

    conn.execute(delete(search_docs))
    rows = []
    for film_id, document in conn.execute(select(guides.c.film_id, guides.c.document)):
        title, names, body = guide_text(Guide.model_validate_json(document))
        rows.append({"film_id": film_id, "title": title, "names": names, "body": body})
    if rows:
        conn.execute(insert(search_docs), rows)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO search_people_fts(search_people_fts) VALUES ('rebuild')")
    bump(conn)
    return len(rows)


def title_key_of(terms: Sequence[str]) -> str:
    """The title key of the query's words, to compare with films' title keys."""
    return title_key(" ".join(terms)) if terms else ""
