"""Search over the store: ranked full-text search, with fuzzy title and name matching so typos
still find their film. (A first version: titles and names only, matched by rapidfuzz.)"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process, utils

from filmguide.store import Store

MAX_QUERY = 3000


class QueryError(ValueError):
    """A query the search cannot take; the page answers 400 with this message."""


def closest_titles(store: Store, wanted: str, limit: int = 5) -> list[dict[str, Any]]:
    """Guides whose titles are closest to ``wanted`` (the 404 page's suggestions)."""
    guides = store.list_guides()
    choices = {g.slug: g.title for g in guides}
    found = process.extract(wanted, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
    return [
        {"slug": slug, "title": title, "url": f"/films/{slug}"} for title, score, slug in found if score >= 50
    ]


def search_page(store: Store, query: str) -> dict[str, Any]:
    if len(query) > MAX_QUERY:
        raise QueryError(f"the query is longer than {MAX_QUERY} characters")
    query = query.strip()
    results: list[dict[str, Any]] = []
    if query:
        for item in closest_titles(store, query, limit=10):
            results.append({"kind": "film", **item, "snippet": []})
    return {"kind": "search", "query": query, "results": results}
