"""The search index: what a guide puts in it, keeping it in step, and the queries over it.

One row of ``search_docs`` per guided film holds its searchable text in three fields: the
title, the names it credits, and the body (every paragraph and item of the guide). Each back end
indexes that table with its own full text (built by migration 0002):

- SQLite: ``search_fts``, an FTS5 table over ``search_docs`` (external content, kept in step by
  triggers), ranked by ``bm25`` with the title weighted above names above body;
  ``search_people_fts`` over ``people.name``.
- PostgreSQL: ``search_docs.vector``, a generated ``tsvector`` (title A, names B, body C) with a
  GIN index, ranked by ``ts_rank_cd``; an expression GIN index over ``people.name``; ``pg_trgm``
  indexes over film titles and names for fuzzy matching. The text search configuration
  ``filmguide_search`` is ``simple`` with ``unaccent``: no stemming and accents folded, as FTS5's
  ``unicode61 remove_diacritics 2`` does, so both back ends find the same words.

User text never reaches FTS5 or tsquery syntax: :func:`query_terms` keeps only runs of letters
and digits, and the match expressions are built from those terms, quoted.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Connection, delete, insert, select, text, update

from filmguide.model import Guide
from filmguide.store.films import title_key
from filmguide.store.people import guide_credits
from filmguide.store.schema import search_docs, search_state

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

_TERM = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: bm25 weights of the FTS5 columns (title, names, body).
_BM25 = "bm25(10.0, 4.0, 1.0)"
#: ts_rank_cd weights {D, C, B, A}: body is C, names B, title A.
_PG_WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"
_PG_CONFIG = "filmguide_search"
_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=10, "
    f'ShortWord=1, MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
)


# --- what a guide puts in the index -----------------------------------------------------------


def clean(value: str) -> str:
    """Text without control characters (the snippet marks among them) or lone surrogates."""
    return _CONTROL.sub(" ", value)


#: Parts of the guide's JSON already indexed as the title or as names.
_NOT_BODY_TOP = ("title", "year", "slug", "directors")
_NOT_BODY_IN = {"cast": ("actor",), "music": ("composers", "featured_artists"), "awards": ("nominee",)}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


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
    body = "\n".join(" ".join(s.split()) for s in _strings(data))
    return clean(guide.title), clean("\n".join(names)), clean(body)


def index_guide(conn: Connection, film_id: int, guide: Guide) -> None:
    """Put (or put again) the film's guide in the index, inside the caller's transaction."""
    title, names, body = guide_text(guide)
    conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id))
    conn.execute(insert(search_docs), {"film_id": film_id, "title": title, "names": names, "body": body})
    bump(conn)


def index_pending(conn: Connection, *, limit: int | None = None) -> int:
    """Index every guided film missing from the index (left out by a bulk import, even one that
    was killed midway); returns how many were indexed."""
    from filmguide.store.schema import films, guides

    query = (
        select(guides.c.film_id, guides.c.document)
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
    for film_id, document in rows:
        title, names, body = guide_text(Guide.model_validate_json(document))
        docs.append({"film_id": film_id, "title": title, "names": names, "body": body})
    conn.execute(insert(search_docs), docs)
    bump(conn)
    return len(rows)


def unindex_film(conn: Connection, film_id: int, *, keep: bool = False) -> None:
    """Take the film out of the index (its guide is gone); ``keep``: its entry was just rewritten."""
    if not keep:
        conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id))
    bump(conn)


def bump(conn: Connection) -> None:
    """Move the change counter: the search index changed, and with it the data (every write does)."""
    conn.execute(
        update(search_state).where(search_state.c.id == 1).values(version=search_state.c.version + 1)
    )


def index_version(conn: Connection) -> int:
    """The index's change counter."""
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


def search_words(conn: Connection, query: str, limit: int) -> WordHits:
    """Films whose title, names or text hold every word of the query, and people named so.

    Two film queries: by title only (so titles always make the list) and over every field.
    """
    terms = query_terms(query)
    if not terms:
        return WordHits(terms)
    if conn.dialect.name == "postgresql":
        # The planner underestimates a scan of the TOASTed vectors (6 ms for 800 guides, against
        # 0.3 ms through the GIN index): for this read transaction only, it must use the indexes.
        conn.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
        films = _pg_films(conn, terms, limit, title_only=False)
        films += _pg_films(conn, terms, limit, title_only=True)
        people = _pg_people(conn, terms, limit)
    else:
        films = _sqlite_films(conn, terms, limit, title_only=False)
        films += _sqlite_films(conn, terms, limit, title_only=True)
        people = _sqlite_people(conn, terms, limit)
    return WordHits(terms, _merge(films), people)


def _merge(films: list[Hit]) -> list[Hit]:
    """One hit per film: the all-fields hit (its score and snippet), marked when the title matched."""
    in_title = {hit.slug: hit for hit in films if hit.in_title}
    merged: dict[str, Hit] = {}
    for hit in films:
        if not hit.in_title:
            merged[hit.slug] = replace(hit, in_title=True) if hit.slug in in_title else hit
    for slug, hit in in_title.items():
        merged.setdefault(slug, hit)
    return list(merged.values())


def _pick_snippet(body: str | None, names: str | None, title: str) -> str:
    for candidate in (body, names):
        if candidate and MARK_START in candidate:
            return candidate
    return title


_SQLITE_FILMS_SQL = """
    SELECT f.slug, f.title, f.year, f.title_key, -hit.rank, hit.body, hit.names, hit.title
    FROM (
        SELECT rowid AS film_id, rank,
               {body} AS body, {names} AS names,
               highlight(search_fts, 0, :start, :end) AS title
        FROM search_fts
        WHERE search_fts MATCH :match AND rank MATCH '{bm25}'
        ORDER BY rank
        LIMIT :limit
    ) AS hit
    JOIN films AS f ON f.id = hit.film_id
    ORDER BY hit.rank
"""
#: Every field: snippets of the text and the names. By title only: the title highlighted is enough.
_SQLITE_FILMS = text(
    _SQLITE_FILMS_SQL.format(
        bm25=_BM25,
        body="snippet(search_fts, 2, :start, :end, :ellipsis, :words)",
        names="snippet(search_fts, 1, :start, :end, :ellipsis, :words)",
    )
)
_SQLITE_TITLES = text(_SQLITE_FILMS_SQL.format(bm25=_BM25, body="NULL", names="NULL"))


_SNIPPET_PARAMS = {"start": MARK_START, "end": MARK_END, "ellipsis": ELLIPSIS, "words": SNIPPET_WORDS}


def _sqlite_films(conn: Connection, terms: list[str], limit: int, *, title_only: bool) -> list[Hit]:
    match = fts5_match(terms, column="title" if title_only else None)
    statement = _SQLITE_TITLES if title_only else _SQLITE_FILMS
    rows = conn.execute(statement, {"match": match, "limit": limit, **_SNIPPET_PARAMS})
    return [
        Hit("film", slug, title, year, key, score, _pick_snippet(body, names, marked), title_only)
        for slug, title, year, key, score, body, names, marked in rows
    ]


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
    rows = conn.execute(_SQLITE_PEOPLE, {"match": fts5_match(terms), "limit": limit * 2, **_SNIPPET_PARAMS})
    found = [Hit("person", slug, name, None, slug, score, marked) for slug, name, score, marked in rows]
    return found[:limit]


#: ``ts_headline`` drops what its parser reads as HTML tags; article text is text, so ``<`` is
#: handed over as a control character (never in indexed text) and put back afterwards.
_LT = "\x04"
_PG_HEADLINE = {"headline": _HEADLINE, "lt": _LT}

_PG_FILMS_SQL = """
    SELECT f.slug, f.title, f.year, f.title_key, hit.rank,
           {body}, {names},
           ts_headline('{config}', replace(d.title, '<', :lt), hit.q, :headline)
    FROM (
        SELECT d.film_id, q.q, ts_rank_cd('{weights}', d.vector, q.q) AS rank
        FROM search_docs AS d, (SELECT to_tsquery('{config}', :match) AS q) AS q
        WHERE d.vector @@ q.q
        ORDER BY rank DESC, d.film_id
        LIMIT :limit
    ) AS hit
    JOIN search_docs AS d ON d.film_id = hit.film_id
    JOIN films AS f ON f.id = hit.film_id
    ORDER BY hit.rank DESC, f.id
"""
_PG_FILMS = text(
    _PG_FILMS_SQL.format(
        config=_PG_CONFIG,
        weights=_PG_WEIGHTS,
        body=f"ts_headline('{_PG_CONFIG}', replace(d.body, '<', :lt), hit.q, :headline)",
        names=f"ts_headline('{_PG_CONFIG}', replace(d.names, '<', :lt), hit.q, :headline)",
    )
)
_PG_TITLES = text(_PG_FILMS_SQL.format(config=_PG_CONFIG, weights=_PG_WEIGHTS, body="NULL", names="NULL"))


def _pg_films(conn: Connection, terms: list[str], limit: int, *, title_only: bool) -> list[Hit]:
    match = tsquery_text(terms, weight="A" if title_only else "")
    statement = _PG_TITLES if title_only else _PG_FILMS
    rows = conn.execute(statement, {"match": match, "limit": limit, **_PG_HEADLINE})
    return [
        Hit("film", slug, title, year, key, float(score), _lt(_pick_snippet(body, names, marked)), title_only)
        for slug, title, year, key, score, body, names, marked in rows
    ]


def _lt(headline: str) -> str:
    return headline.replace(_LT, "<")


_PG_PEOPLE = text(
    f"""
    SELECT p.slug, p.name, ts_rank_cd(to_tsvector('{_PG_CONFIG}'::regconfig, p.name), q.q) AS rank,
           ts_headline('{_PG_CONFIG}', replace(p.name, '<', :lt), q.q, :headline)
    FROM people AS p, (SELECT to_tsquery('{_PG_CONFIG}', :match) AS q) AS q
    WHERE to_tsvector('{_PG_CONFIG}'::regconfig, p.name) @@ q.q
      AND EXISTS (SELECT 1 FROM credits AS c WHERE c.person_id = p.id)
    ORDER BY rank DESC, p.id
    LIMIT :limit
    """
)


def _pg_people(conn: Connection, terms: list[str], limit: int) -> list[Hit]:
    rows = conn.execute(_PG_PEOPLE, {"match": tsquery_text(terms), "limit": limit, **_PG_HEADLINE})
    return [
        Hit("person", slug, name, None, slug, float(score), _lt(marked)) for slug, name, score, marked in rows
    ]


# --- fuzzy matching ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidates:
    version: int
    hits: list[Hit]  # score 0: the films and people to match against
    choices: list[str]  # their labels and the longer words of them, processed for rapidfuzz
    owners: list[int]  # for each choice, the index of its hit


class FuzzyCache:
    """The titles and names the fuzzy matcher compares (SQLite), kept per store.

    Refreshed when the index's change counter moves, which one cheap query reads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._candidates: _Candidates | None = None

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
    choices: list[str] = []
    owners: list[int] = []
    for index, hit in enumerate(hits):
        label = utils.default_process(hit.label)
        words = [w for w in label.split() if len(w) >= _FUZZY_WORD]
        for choice in dict.fromkeys([label, *words] if len(words) > 1 else [label]):
            choices.append(choice)
            owners.append(index)
    return _Candidates(version, hits, choices, owners)


#: Words of titles and names at least this long are matched on their own too ("Figis" → "figgis").
_FUZZY_WORD = 4
#: Fuzzy scores (0–1) kept: at least the cut-off, and within ``_FUZZY_SPREAD`` of the best.
_FUZZY_SPREAD = 0.15
_RAPIDFUZZ_CUTOFF = {False: 0.75, True: 0.6}
_TRIGRAM_CUTOFF = {False: 0.5, True: 0.3}


def fuzzy(
    conn: Connection, cache: FuzzyCache, query: str, limit: int, *, people: bool = True, loose: bool = False
) -> list[Hit]:
    """Films (and people) whose title (name) is close to ``query``, best first; score 0–1.

    PostgreSQL: ``pg_trgm`` word similarity over the trigram indexes. SQLite: rapidfuzz's
    similarity (``fuzz.ratio``, normalised Indel distance) over the cached titles and names and
    their words of four letters or more, so one misspelt word of a name finds its person.
    """
    wanted = " ".join(query_terms(query))[:MAX_FUZZY]
    if not wanted:
        return []
    if conn.dialect.name == "postgresql":
        hits = _pg_fuzzy(conn, wanted, limit, people=people, cutoff=_TRIGRAM_CUTOFF[loose])
    else:
        candidates = cache.candidates(conn)
        found = process.extract(
            utils.default_process(wanted),
            candidates.choices,
            scorer=fuzz.ratio,
            processor=None,
            limit=limit * 6,
            score_cutoff=_RAPIDFUZZ_CUTOFF[loose] * 100,
        )
        by_owner: dict[int, float] = {}
        for _choice, score, choice_index in found:
            owner = candidates.owners[choice_index]
            by_owner[owner] = max(by_owner.get(owner, 0.0), score)
        hits = []
        for owner, score in by_owner.items():
            hit = candidates.hits[owner]
            if people or hit.kind == "film":
                hits.append(_scored(hit, score / 100))
    if not hits:
        return []
    hits.sort(key=lambda h: (-h.score, h.kind, h.label.casefold(), h.slug))
    best = hits[0].score
    return [h for h in hits if h.score >= best - _FUZZY_SPREAD][:limit]


def _scored(hit: Hit, score: float) -> Hit:
    return Hit(hit.kind, hit.slug, hit.label, hit.year, hit.key, round(score, 4))


_PG_FUZZY_FILMS = text(
    """
    SELECT f.slug, f.title, f.year, f.title_key, word_similarity(:wanted, f.title) AS score
    FROM films AS f JOIN search_docs AS d ON d.film_id = f.id
    WHERE :wanted <% f.title
    ORDER BY score DESC, f.id
    LIMIT :limit
    """
)
_PG_FUZZY_PEOPLE = text(
    """
    SELECT p.slug, p.name, word_similarity(:wanted, p.name) AS score
    FROM people AS p
    WHERE :wanted <% p.name AND EXISTS (SELECT 1 FROM credits AS c WHERE c.person_id = p.id)
    ORDER BY score DESC, p.id
    LIMIT :limit
    """
)


def _pg_fuzzy(conn: Connection, wanted: str, limit: int, *, people: bool, cutoff: float) -> list[Hit]:
    conn.execute(
        text("SELECT set_config('pg_trgm.word_similarity_threshold', :cutoff, true)"), {"cutoff": str(cutoff)}
    )
    params = {"wanted": wanted, "limit": limit * 3}
    hits = [Hit("film", s, t, y, k, float(v)) for s, t, y, k, v in conn.execute(_PG_FUZZY_FILMS, params)]
    if people:
        hits += [Hit("person", s, n, None, s, float(v)) for s, n, v in conn.execute(_PG_FUZZY_PEOPLE, params)]
    return [_scored(h, h.score) for h in hits]


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
