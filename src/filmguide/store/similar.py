"""Stored similar-film lists: what :mod:`filmguide.recommend` computed, saved whole, read per film.

Also the co-reading counts that feed the computation. Readers have no id yet, so "read by the
same reader" is approximated by "viewed within the same :data:`CO_READ_WINDOW`" (a fixed slot
of the clock): a rough proxy that is only meaningful while a site is quiet. See ``docs/recommend.md``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from itertools import combinations
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, bindparam, delete, insert, select

from filmguide.store.compiled import CompiledInsert, CompiledStatement
from filmguide.store.schema import events, film_refs, films, guides, similar
from filmguide.store.search.index import bump

if TYPE_CHECKING:
    from filmguide.recommend import Similar

#: Views of films within one such slot count as read together.
CO_READ_WINDOW = timedelta(minutes=30)
#: A slot with more films than this is skipped.
MAX_SLOT_FILMS = 50
#: Only views this recent count.
CO_READ_HISTORY = timedelta(days=90)

_insert_similar = CompiledInsert(insert(similar), ("film_id", "position", "target_slug", "score", "reasons"))


def save(conn: Connection, lists: Mapping[str, Sequence[Similar]]) -> int:
    """Replace every stored list; lists of films not stored are skipped. Returns rows written."""
    ids = {slug: film_id for film_id, slug in conn.execute(select(films.c.id, films.c.slug))}
    conn.execute(delete(similar))
    rows = []
    for slug, items in lists.items():
        film_id = ids.get(slug)
        if film_id is None:
            continue
        for position, item in enumerate(items):
            reasons = json.dumps(list(item.reasons), ensure_ascii=False)
            rows.append((film_id, position, item.slug, float(item.score), reasons))
    for start in range(0, len(rows), 5000):
        _insert_similar.executemany(conn, rows[start : start + 5000])
    bump(conn)
    return len(rows)


_source = films.alias()
_target = films.alias()
_select_similar = (
    select(similar.c.target_slug, _target.c.title, _target.c.year, similar.c.score, similar.c.reasons)
    .join_from(similar, _source, _source.c.id == similar.c.film_id)
    .join(_target, _target.c.slug == similar.c.target_slug)
)


#: Compiled once and run by the driver: a film page reads it on every render.
_select_similar_of = CompiledStatement(
    _select_similar.where(_source.c.slug == bindparam("slug")).order_by(similar.c.position)
)


def of(conn: Connection, slug: str) -> list[dict[str, Any]]:
    """A film's stored list, best first, as ``{slug, title, year, score, reasons}`` (films since
    deleted are left out)."""
    return [
        {"slug": target, "title": title, "year": year, "score": float(score), "reasons": json.loads(reasons)}
        for target, title, year, score, reasons in _select_similar_of.execute(conn, {"slug": slug})
    ]


def all_lists(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every film's stored list (film slug → list, each as :func:`of` gives it), in one query."""
    query = _select_similar.add_columns(_source.c.slug).order_by(_source.c.slug, similar.c.position)
    found: dict[str, list[dict[str, Any]]] = {}
    for target, title, year, score, reasons, source in conn.execute(query):
        item = {"slug": target, "title": title, "year": year, "score": float(score)}
        found.setdefault(source, []).append({**item, "reasons": orjson.loads(reasons)})
    return found


def curated(conn: Connection) -> dict[str, list[str]]:
    """Each guide's recommendations that name a stored film: guide's film slug → target slugs."""
    query = (
        select(films.c.slug, film_refs.c.target_slug)
        .join_from(film_refs, films, films.c.id == film_refs.c.film_id)
        .where(film_refs.c.kind == "recommendation", film_refs.c.target_slug.is_not(None))
        .order_by(films.c.slug, film_refs.c.position)
    )
    found: dict[str, list[str]] = {}
    for slug, target in conn.execute(query):
        targets = found.setdefault(slug, [])
        if target not in targets and target != slug:
            targets.append(target)
    return found


def guide_documents(conn: Connection) -> list[tuple[str, str]]:
    """Every guide's (film slug, JSON document)."""
    query = select(films.c.slug, guides.c.document).join_from(guides, films).order_by(films.c.id)
    return [(slug, document) for slug, document in conn.execute(query)]


def co_reads(conn: Connection, now: datetime) -> dict[str, dict[str, int]]:
    """For each film, the other films viewed in the same window, with how many windows."""
    query = (
        select(films.c.slug, events.c.created_at)
        .join_from(events, films, films.c.id == events.c.film_id)
        .where(events.c.kind == "view", events.c.created_at >= now - CO_READ_HISTORY)
    )
    slots: dict[int, set[str]] = {}
    width = CO_READ_WINDOW.total_seconds()
    for slug, created in conn.execute(query):
        slots.setdefault(int(created.timestamp() // width), set()).add(slug)
    pairs: Counter[tuple[str, str]] = Counter()
    for viewed in slots.values():
        if len(viewed) > MAX_SLOT_FILMS:
            continue  # a busy half hour says nothing about what one reader read
        for a, b in combinations(sorted(viewed), 2):
            pairs[(a, b)] += 1
    found: dict[str, dict[str, int]] = {}
    for (a, b), n in pairs.items():
        found.setdefault(a, {})[b] = n
        found.setdefault(b, {})[a] = n
    return found
