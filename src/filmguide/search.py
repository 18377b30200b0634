"""Search over the store: ranked full-text search over titles, people and guide text, with
fuzzy matching of titles and names so that typos still find their film.

Ranking. The words of a query are searched first (every word must appear; the last may be the
start of a word). Results fall in tiers, best first; within a tier, titles rank by how much of
the title the query covers (shorter titles first), people and text by the back end's text score
(FTS5 ``bm25`` or PostgreSQL ``ts_rank_cd``, both weighting title above names above text):

0. films whose title is the query (letter case, accents and punctuation aside);
1. people whose name is the query;
2. films whose title starts with the query;
3. films whose title holds every word;
4. people whose name holds every word;
5. films that hold the words in their credits or text.

A result's ``score`` is ``(5 - tier) + s / (1 + s)`` for text score ``s``, so scores fall down
the list. When no title or name holds the words (nothing found, or only mentions in guide text),
the titles and names closest to the query (rapidfuzz, on both back ends) come
first, scored ``1 + similarity`` (similarity from 0 to 1), and ``fuzzy`` is true: "leavng las
vegas" finds Leaving Las Vegas, "Figis" finds Mike Figgis.

Snippets are lists of ``{"text", "match"}`` segments, never markup. How it is done, and what
it costs at 100,000 films: docs/search.md.
"""

from __future__ import annotations

import re
from typing import Any

from filmguide.store import Store
from filmguide.store.search.index import clean
from filmguide.store.search.query import Hit, WordHits, title_key_of
from filmguide.store.search.snippets import ELLIPSIS, MARK_END, MARK_START

MAX_QUERY = 3000
#: Results on a page.
LIMIT = 20
_TIERS = 5


class QueryError(ValueError):
    """A query the search cannot take; the page answers 400 with this message."""


def closest_titles(store: Store, wanted: str, limit: int = 5) -> list[dict[str, Any]]:
    """Guides whose titles are closest to ``wanted`` (the 404 page's suggestions)."""
    if len(wanted) > MAX_QUERY:
        wanted = wanted[:MAX_QUERY]
    hits = store.search_fuzzy(wanted, limit=limit, people=False, loose=True)
    return [{"slug": h.slug, "title": h.label, "url": f"/films/{h.slug}"} for h in hits]


def search_page(store: Store, query: str, *, limit: int = LIMIT) -> dict[str, Any]:
    """The search page's data for ``query`` (any text up to :data:`MAX_QUERY` characters)."""
    if len(query) > MAX_QUERY:
        raise QueryError(f"the query is longer than {MAX_QUERY} characters")
    query = " ".join(clean(query).split())
    page: dict[str, Any] = {"kind": "search", "query": query, "results": [], "fuzzy": False}
    if not query:
        return page
    words = store.search(query, limit=limit)
    if not words.terms:
        return page
    results = ranked(words, limit)
    if not any(result["score"] >= 1 for result in results):
        # No title or name holds the words: the closest titles and names join (typos).
        near = [_fuzzy_result(hit) for hit in store.search_fuzzy(query, limit=limit)]
        if near:
            taken = {(r["kind"], r["slug"]) for r in near}
            results = near + [r for r in results if (r["kind"], r["slug"]) not in taken]
            results = results[:limit]
            page["fuzzy"] = True
    page["results"] = results
    return page


def ranked(words: WordHits, limit: int) -> list[dict[str, Any]]:
    """The word hits in one list, best first (see the module's description of the tiers)."""
    key = title_key_of(words.terms)
    scored: list[tuple[float, int, str, dict[str, Any]]] = []
    for hit in words.films:
        if hit.key == key:
            tier = 0
        elif key and hit.key.startswith(key):
            tier = 2
        elif hit.in_title:
            tier = 3
        else:
            tier = 5
        scored.append(_scored(hit, tier))
    for hit in words.people:
        scored.append(_scored(hit, 1 if hit.key == key else 4))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    return [result for _score, _kind, _slug, result in scored[:limit]]


def _scored(hit: Hit, tier: int) -> tuple[float, int, str, dict[str, Any]]:
    text_score = max(hit.score, 0.0)
    score = round((_TIERS - tier) + text_score / (1 + text_score), 6)
    result = _result(hit, score)
    result["snippet"] = segments(hit.snippet)
    return score, 0 if hit.kind == "film" else 1, hit.slug, result


def _result(hit: Hit, score: float) -> dict[str, Any]:
    if hit.kind == "film":
        return {
            "kind": "film",
            "slug": hit.slug,
            "url": f"/films/{hit.slug}",
            "title": hit.label,
            "year": hit.year,
            "score": score,
        }
    return {
        "kind": "person",
        "slug": hit.slug,
        "url": f"/people/{hit.slug}",
        "name": hit.label,
        "score": score,
    }


def _fuzzy_result(hit: Hit) -> dict[str, Any]:
    result = _result(hit, round(1 + hit.score, 6))
    result["snippet"] = []
    return result


_MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)
_STRAY = re.compile(f"[{MARK_START}{MARK_END}]")


def segments(marked: str) -> list[dict[str, Any]]:
    """A snippet with marks around matched words, as ``{"text", "match"}`` segments."""
    found: list[dict[str, Any]] = []

    def add(text: str, match: bool) -> None:
        text = _STRAY.sub("", text)
        text = re.sub(r"\s*\n\s*", f" {ELLIPSIS} " if not match else " ", text)
        text = re.sub(r"[ \t]+", " ", text)
        if not text:
            return
        if found and found[-1]["match"] == match:
            found[-1]["text"] += text
        else:
            found.append({"text": text, "match": match})

    position = 0
    for mark in _MARKED.finditer(marked):
        add(marked[position : mark.start()], False)
        add(mark.group(1), True)
        position = mark.end()
    add(marked[position:], False)
    # Matched words apart only by spaces read as one match: "Nicolas Cage", not "Nicolas" "Cage".
    joined: list[dict[str, Any]] = []
    for i, segment in enumerate(found):
        after_match = bool(joined) and joined[-1]["match"]
        space = not segment["text"].strip() and i + 1 < len(found) and found[i + 1]["match"]
        if after_match and (segment["match"] or space):
            joined[-1]["text"] += segment["text"]
        else:
            joined.append(dict(segment))
    found = joined
    if found:
        found[0]["text"] = found[0]["text"].lstrip()
        found[-1]["text"] = found[-1]["text"].rstrip()
    return [segment for segment in found if segment["text"]]
