"""PostgreSQL's search: the same steps as SQLite's, in one statement, over a narrow titles table.

A search on SQLite is a few statements in the process; on PostgreSQL each statement is a round
trip to the server, and on a busy machine a round trip waits for two context switches (7 ms on
average for the search's one ``set_config`` under a load of 20 on 2 cores). So here:

- **One statement** answers the words of a query (:data:`_WORDS`): titles starting with the
  words, then titles holding them, shortest first (``search_titles``, migration 0013: one short
  row per film, where ``search_docs.vector`` made a common word read the guides' rows); people
  named so; text only when titles and people leave the page short, at most
  :data:`~filmguide.store.search.query.RANK_CAP` matches ranked, the newest otherwise; and the guide
  text of the first title hits, for their snippets. It is sent in a pipeline after the search's
  settings (its time budget), as one implicit transaction with no ``BEGIN`` or ``COMMIT``: a
  search is one round trip (:func:`run`).
- **Snippets and fuzzy matching are SQLite's**, in Python: :func:`~filmguide.store.search.snippets.snippet_of`
  over the text read back (``ts_headline`` took 10 to 20 ms a search over long guides), and the
  rapidfuzz matcher over the titles and names cached per index version (the trigram walks took
  33 to 38 ms at 100,000 films). Same code, same results on both back ends.
- **Common words** (in a fifth of the films or more) are counted once per index version, as on
  SQLite, in the search's own round trip (:func:`search_words`).

Statements are psycopg's (``%(name)s``), run on the driver's connection; psycopg prepares each
on the server after five runs (``prepare_threshold``), so a warm connection sends only the
parameters, and each search is still planned for its words (``plan_cache_mode``). Errors are
raised as SQLAlchemy's, like the rest of the store's.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from filmguide.ranking import title_score
from filmguide.store.search.budget import BUDGET
from filmguide.store.search.index import MAX_FIELD
from filmguide.store.search.query import RANK_CAP, TITLE_CANDIDATES, Hit, TermStats, WordHits, title_key_of
from filmguide.store.search.snippets import mark_title, snippet_text

_CONFIG = "filmguide_search"
#: ts_rank_cd weights {D, C, B, A}: body is C, names B, title A (as before 0013).
_WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"
#: The greatest character: ``words < lo || _TOP`` ends the range of titles starting with ``lo``.
_TOP = "\U0010ffff"


def run(conn: Connection, statements: Sequence[tuple[str, dict[str, Any]]]) -> list[list[tuple[Any, ...]]]:
    """Run ``statements`` in one round trip; their rows.

    They go in one psycopg pipeline, after the settings of the search (no sequential scans; the
    time left of the search's budget as ``statement_timeout``), and form one implicit
    transaction that ends with the pipeline: no ``BEGIN`` and no ``COMMIT`` of their own (the
    ``COMMIT`` of a read took as long as the search's statement on a busy machine). So when the
    caller's transaction has not started on the server yet, the connection is put in autocommit
    for the pipeline, and the caller's commit then has nothing to send.
    """
    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    left = 0  # no limit
    budget = BUDGET.get()
    if budget is not None:
        left = max(1, int(min(budget.deadline - time.monotonic(), 3600.0) * 1000))
    own = not driver.autocommit and driver.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    if own:
        driver.autocommit = True
    cursors = []
    try:
        with driver.pipeline():
            if own:  # settings for this implicit transaction only, never for a caller's
                driver.execute(_SETTINGS, {"timeout": str(left)})
            for sql, params in statements:
                cursor = driver.cursor()
                cursor.execute(sql, params)
                cursors.append(cursor)
        return [cursor.fetchall() for cursor in cursors]
    except psycopg.Error as error:
        raise DBAPIError.instance(statements[-1][0], None, error, psycopg.Error) from error
    finally:
        if own:
            driver.autocommit = False


#: The search's settings, for its implicit transaction only (``set_config(…, true)``). The
#: planner underestimates a scan of the TOASTed vectors (6 ms for 800 guides, against 0.3 ms
#: through the GIN index): it must use the indexes. And it plans each search for its words
#: (0.6 ms): the generic plan psycopg's prepared statement came to after five runs knew no
#: words, and took 85 ms at the median over 100,000 films, against 13 ms planned each time.
_SETTINGS = (
    "SELECT set_config('enable_seqscan', 'off', true), set_config('statement_timeout', %(timeout)s, true),"
    " set_config('plan_cache_mode', 'force_custom_plan', true)"
)


# --- how common the words are ------------------------------------------------------------------

#: The index's version, its number of films (counted again when the version moved) and, for each
#: term given, how many films hold it, counted up to the threshold of a common word.
_COUNTS = f"""
    WITH s AS MATERIALIZED (
        SELECT version,
               CASE WHEN version = %(version)s THEN %(docs)s
                    ELSE (SELECT count(*) FROM search_docs) END AS docs
        FROM search_state WHERE id = 1
    )
    SELECT s.version, s.docs, t.term, (
        SELECT count(*) FROM (
            SELECT 1 FROM search_docs AS d
            WHERE d.vector @@ to_tsquery('{_CONFIG}', t.term)
            LIMIT greatest(%(floor)s, floor(s.docs * %(share)s)::integer)
        ) AS held
    )
    FROM s LEFT JOIN unnest(%(terms)s::text[]) AS t(term) ON true
"""


def tsquery_text(terms: Sequence[str], *, weight: str = "") -> str:
    """A ``to_tsquery`` argument: every term, quoted, the last one also as a prefix, each with
    ``weight`` if given (the benchmark's raw reference query)."""
    last = len(terms) - 1
    parts = []
    for i, term in enumerate(terms):
        prefix = i == last and len(term) >= 2
        part = _term(term, prefix=prefix)
        parts.append(part + (weight if prefix else ":" + weight) if weight else part)
    return " & ".join(parts)


def _term(term: str, *, prefix: bool) -> str:
    """One term as a ``to_tsquery`` argument, quoted (a word's start if ``prefix``)."""
    quoted = "'" + term.replace("\\", "").replace("'", "''") + "'"
    return quoted + ":*" if prefix else quoted


def _keys(terms: list[str]) -> list[str]:
    """Each term as it is matched and counted (the last one a word's start)."""
    last = len(terms) - 1
    return [_term(t, prefix=i == last and len(t) >= 2) for i, t in enumerate(terms)]


def _counting(stats: TermStats, unknown: list[str]) -> tuple[str, dict[str, Any]]:
    """The statement counting the ``unknown`` terms (and reading the index's version)."""
    params = {
        "version": stats.version,
        "docs": stats.docs,
        "terms": unknown,
        "floor": TermStats.FLOOR,
        "share": TermStats.SHARE,
    }
    return _COUNTS, params


def _learn(rows: list[tuple[Any, ...]], stats: TermStats, keys: list[str], unknown: list[str]) -> bool:
    """Keep the counts of ``unknown``; ``False`` when the index moved and the other terms'
    counts, of the version before, must be taken again."""
    version, docs = int(rows[0][0]), int(rows[0][1])
    complete = True
    if version != stats.version:
        complete = all(key in unknown for key in keys)
        stats.reset(version, docs)
    for _version, _docs, key, count in rows:
        if key is not None:
            stats.remember(key, int(count))
    return complete


# --- the words of a query ----------------------------------------------------------------------

#: The steps of a search in one statement. ``texts`` matches through the GIN index first and
#: orders after (``OFFSET 0`` keeps the two apart): on a database not yet analyzed, ``ORDER BY
#: film_id DESC LIMIT`` over the match was planned as a walk of every row's vector from the
#: newest, 220 ms at 100,000 films for a word in none (docs/search.md).
_WORDS = f"""
WITH q AS MATERIALIZED (
    SELECT to_tsquery('{_CONFIG}', %(match)s) AS q, to_tsquery('{_CONFIG}', %(text)s) AS tq,
           search_fold(%(start)s) AS lo
),
starts AS MATERIALIZED (
    SELECT t.film_id, t.size FROM search_titles AS t
    WHERE t.words >= (SELECT lo FROM q) AND t.words < (SELECT lo FROM q) || %(tail)s
      AND (SELECT lo FROM q) <> ''
    ORDER BY t.size, t.film_id
    LIMIT %(candidates)s
),
holds AS MATERIALIZED (
    SELECT t.film_id, t.size FROM search_titles AS t
    WHERE t.vector @@ (SELECT q FROM q) AND (SELECT count(*) FROM starts) < %(enough)s
    ORDER BY t.size, t.film_id
    LIMIT %(candidates)s
),
titles AS MATERIALIZED (
    SELECT film_id, row_number() OVER (ORDER BY min(n)) AS pos FROM (
        SELECT film_id, row_number() OVER (ORDER BY size, film_id) AS n FROM starts
        UNION ALL
        SELECT film_id, %(candidates)s + row_number() OVER (ORDER BY size, film_id) FROM holds
    ) AS found
    GROUP BY film_id
),
named AS MATERIALIZED (
    SELECT p.id, p.slug, p.name,
           ts_rank_cd(to_tsvector('{_CONFIG}'::regconfig, search_words(p.name)), (SELECT q FROM q), 2) AS rank
    FROM people AS p
    WHERE to_tsvector('{_CONFIG}'::regconfig, search_words(p.name)) @@ (SELECT q FROM q)
      AND EXISTS (SELECT 1 FROM credits AS c WHERE c.person_id = p.id)
    ORDER BY rank DESC, p.id
    LIMIT %(limit)s
),
texts AS MATERIALIZED (
    SELECT m.film_id FROM (
        SELECT d.film_id FROM search_docs AS d
        WHERE d.vector @@ (SELECT tq FROM q)
          AND (SELECT count(*) FROM titles) + (SELECT count(*) FROM named) < %(limit)s
        OFFSET 0
    ) AS m
    ORDER BY m.film_id DESC
    LIMIT %(cap)s + 1
),
ranked AS MATERIALIZED (
    SELECT d.film_id,
           CASE WHEN (SELECT count(*) FROM texts) <= %(cap)s
                THEN ts_rank_cd('{_WEIGHTS}', d.vector, (SELECT tq FROM q), 2) ELSE 0 END AS rank
    FROM texts JOIN search_docs AS d ON d.film_id = texts.film_id
    ORDER BY rank DESC, d.film_id DESC
    LIMIT %(limit)s
)
SELECT 0 AS part, t.pos AS n, f.slug, f.title, f.year, f.title_key, 0.0::float8 AS score,
       CASE WHEN t.pos <= %(limit)s AND %(snippets)s
            THEN (SELECT left(d.body, %(cut)s) FROM search_docs AS d WHERE d.film_id = t.film_id) END,
       CASE WHEN t.pos <= %(limit)s AND %(snippets)s
            THEN (SELECT left(d.names, %(cut)s) FROM search_docs AS d WHERE d.film_id = t.film_id) END
FROM titles AS t JOIN films AS f ON f.id = t.film_id
UNION ALL
SELECT 1, row_number() OVER (ORDER BY p.rank DESC, p.id), p.slug, p.name, NULL, p.slug,
       p.rank::float8, NULL, NULL
FROM named AS p
UNION ALL
SELECT 2, row_number() OVER (ORDER BY h.rank DESC, h.film_id DESC), f.slug, f.title, f.year,
       f.title_key, h.rank::float8, left(d.body, %(cut)s), left(d.names, %(cut)s)
FROM ranked AS h JOIN films AS f ON f.id = h.film_id JOIN search_docs AS d ON d.film_id = h.film_id
UNION ALL
SELECT 3, 0, NULL, NULL, NULL, NULL, version::float8, NULL, NULL FROM search_state WHERE id = 1
"""


def search_words(conn: Connection, terms: list[str], limit: int, stats: TermStats) -> WordHits:
    """Films whose title, names or text hold every word of the query, and people named so: the
    steps, order and snippets of SQLite's search (:func:`.sqlite.search_words`), in one
    statement.

    Words not counted yet for the index's version are counted in the same round trip, the
    search assuming them rare (most words are; the common ones are soon all counted): only when
    one proves common, or the index moved meanwhile, is the search sent again."""
    keys = _keys(terms)
    for _attempt in range(3):
        unknown = [key for key in keys if stats.known(key) is None]
        guess = [t for t, key in zip(terms, keys, strict=True) if not stats.is_common(key)]
        statements = [(_WORDS, _params(terms, guess, limit))]
        if unknown:
            statements.insert(0, _counting(stats, unknown))
        results = run(conn, statements)
        rows = results[-1]
        if unknown and not _learn(results[0], stats, keys, unknown):
            continue
        if int(rows[-1][6]) != stats.version:
            stats.reset(-1, stats.docs)  # the index moved: every count is taken again
            continue
        if [t for t, key in zip(terms, keys, strict=True) if not stats.is_common(key)] == guess:
            break
    rare = guess  # the words the rows were found with
    key = title_key_of(terms)
    titles: list[Hit] = []
    people: list[Hit] = []
    texts: list[Hit] = []
    for part, n, slug, label, year, film_key, score, body, names in rows:
        if part == 0:
            snippet = mark_title(label, terms)
            if rare and n <= limit and body:
                snippet = snippet_text(body, names, rare, snippet)
            titles.append(Hit("film", slug, label, year, film_key, title_score(key, film_key), snippet, True))
        elif part == 1:
            people.append(Hit("person", slug, label, None, slug, float(score), mark_title(label, terms)))
        elif part == 2:
            snippet = snippet_text(body, names, terms, label)
            texts.append(Hit("film", slug, label, year, film_key, float(score), snippet))
    taken = {hit.slug for hit in titles}
    return WordHits(terms, titles + [hit for hit in texts if hit.slug not in taken], people)


def _params(terms: list[str], rare: list[str], limit: int) -> dict[str, Any]:
    last = len(terms) - 1
    prefix = len(terms[-1]) >= 2
    text_terms = rare or terms
    return {
        "match": " & ".join(_term(t, prefix=i == last and prefix) for i, t in enumerate(terms)),
        "text": " & ".join(_term(t, prefix=t == terms[-1] and prefix) for t in text_terms),
        "start": " ".join(terms),
        # The last word whole: the title is the words, or goes on after a space.
        "tail": _TOP if prefix else " " + _TOP,
        "candidates": TITLE_CANDIDATES,
        "enough": limit * 2,
        "limit": limit,
        "cap": RANK_CAP,
        "cut": MAX_FIELD,
        "snippets": bool(rare),
    }


_VERSION = "SELECT version FROM search_state WHERE id = 1"


def index_version(conn: Connection) -> int:
    """The index's change counter, in one round trip: no ``BEGIN`` and ``COMMIT`` around it when
    the caller's transaction has not started (the site reads it for every search)."""
    return int(run(conn, [(_VERSION, {})])[0][0][0])
