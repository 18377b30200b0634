"""The search index and the queries over it, on both back ends.

One row of ``search_docs`` per film holds its searchable text in three fields: the title, the
names it credits, and the body (the guide's prose as ``Guide.prose()`` walks it, then its other
words). Each back end indexes that table with its own full text:

- SQLite: ``search_fts``, an FTS5 table over ``search_docs`` (external content, kept in step by
  triggers), ranked by ``bm25`` with the title weighted above names above body;
  ``search_titles_fts`` over the titles alone, its rowids in order of title length (migration
  0005); ``search_people_fts`` over ``people.name``.
- PostgreSQL: ``search_docs.vector``, a generated ``tsvector`` (title A, names B, body C) with a
  GIN index, ranked by ``ts_rank_cd``; ``search_titles``, one narrow row per film (migration
  0013); an expression GIN index over ``people.name``. The text search configuration
  ``filmguide_search`` is ``simple`` with ``unaccent``: no stemming and accents folded, as FTS5's
  ``unicode61 remove_diacritics 2`` does, and texts are split into runs of letters and digits
  first, so both back ends find the same words.

The modules: :mod:`.index` (what a guide puts in the index, keeping it in step),
:mod:`.query` (a query's words, the hits), :mod:`.sqlite` and :mod:`.postgres` (the back ends'
queries), :mod:`.snippets` (cut in Python, the same on both), :mod:`.fuzzy` (typos, through
:mod:`filmguide.ranking`), :mod:`.budget` (the time a search may take). The ranking of the page:
:mod:`filmguide.search`; how it all performs: docs/search.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from filmguide.store.search.query import TermStats, WordHits, query_terms

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from filmguide.store.search.fuzzy import FuzzyCache


def search_words(conn: Connection, query: str, limit: int, cache: FuzzyCache | None = None) -> WordHits:
    """Films whose title, names or text hold every word of the query, and people named so.

    The same steps on both back ends (:func:`.sqlite.search_words`); PostgreSQL runs them in one
    statement (:func:`.postgres.search_words`).
    """
    terms = query_terms(query)
    if not terms:
        return WordHits(terms)
    stats = cache.terms if cache is not None else TermStats()
    if conn.dialect.name == "postgresql":
        from filmguide.store.search import postgres  # psycopg, loaded only for PostgreSQL

        return postgres.search_words(conn, terms, limit, stats)
    # Loaded by the first search, not by the package: the store's writes import .index through
    # it, and the queries bring the ranking's rapidfuzz (``filmguide list`` needs neither).
    from filmguide.store.search import sqlite

    return sqlite.search_words(conn, terms, limit, stats)
