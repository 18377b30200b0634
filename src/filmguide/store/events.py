"""Events: views and shares of films, and the lists they feed (trending, most shared).

Counts are over a recent window (:data:`WINDOW`), so the lists follow what readers do now
rather than what they did once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, insert, select

from filmguide.store.schema import events, films, guides

#: The recent window of the trending and most-shared lists.
WINDOW = timedelta(days=7)
#: Longest channel name kept for a share ("x", "bluesky", "copy", ...).
CHANNEL_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Count:
    """A film with the number of events of one kind in the window."""

    slug: str
    title: str
    year: int | None
    count: int


def film_id(conn: Connection, slug: str) -> int | None:
    found: int | None = conn.scalar(select(films.c.id).where(films.c.slug == slug))
    return found


def record(conn: Connection, film: int, kind: str, channel: str | None, now: datetime) -> None:
    conn.execute(insert(events).values(film_id=film, kind=kind, channel=channel, created_at=now))


def top(conn: Connection, kind: str, *, since: datetime, limit: int) -> list[Count]:
    """Films with a guide, by number of ``kind`` events since ``since``, most first."""
    total = func.count(events.c.id).label("total")
    query = (
        select(films.c.slug, films.c.title, films.c.year, total)
        .join_from(events, films, events.c.film_id == films.c.id)
        .join(guides, guides.c.film_id == films.c.id)
        .where(events.c.kind == kind, events.c.created_at >= since)
        .group_by(films.c.id, films.c.slug, films.c.title, films.c.year)
        .order_by(total.desc(), films.c.title_key, films.c.slug)
        .limit(limit)
    )
    return [Count(slug, title, year, int(n)) for slug, title, year, n in conn.execute(query)]


def record_many(conn: Connection, batch: Sequence[tuple[str, str, str | None, datetime]]) -> int:
    """Insert events given by film slug; unknown slugs are skipped. Returns how many were written."""
    slugs = list({slug for slug, _, _, _ in batch})
    ids: dict[str, int] = {}
    for start in range(0, len(slugs), 500):
        query = select(films.c.slug, films.c.id).where(films.c.slug.in_(slugs[start : start + 500]))
        ids.update({slug: film_id for slug, film_id in conn.execute(query)})
    rows = [
        {"film_id": ids[slug], "kind": kind, "channel": channel, "created_at": moment}
        for slug, kind, channel, moment in batch
        if slug in ids
    ]
    if rows:
        conn.execute(insert(events), rows)
    return len(rows)
